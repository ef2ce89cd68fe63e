package io.labelwatch.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BreakdownTest {

    @Test
    void shouldSumCountsPerValueWhenAdded() {
        Breakdown b =
                new Breakdown().add("a", 10, 2).add("b", 5, 0).add("a", 3, 1).addReview("b", true);

        assertThat(b.get("a")).isEqualTo(new Breakdown.Counts(13, 3));
        assertThat(b.get("b")).isEqualTo(new Breakdown.Counts(6, 1));
        assertThat(b.get("missing")).isEqualTo(new Breakdown.Counts(0, 0));
        assertThat(b.totalN()).isEqualTo(19);
        assertThat(b.totalD()).isEqualTo(4);
        assertThat(b.values().keySet()).containsExactly("a", "b");
    }

    @Test
    void shouldEqualAllAtOnceWhenSplitMergedInAnyOrder() {
        Random rnd = new Random(7);
        List<String[]> reviews = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            reviews.add(new String[] {"ann" + rnd.nextInt(40), rnd.nextInt(10) == 0 ? "1" : "0"});
        }
        Breakdown all = new Breakdown();
        reviews.forEach(r -> all.addReview(r[0], r[1].equals("1")));

        Collections.shuffle(reviews, rnd);
        Breakdown left = new Breakdown();
        Breakdown right = new Breakdown();
        for (int i = 0; i < reviews.size(); i++) {
            (i % 3 == 0 ? left : right).addReview(reviews.get(i)[0], reviews.get(i)[1].equals("1"));
        }

        assertThat(right.copy().merge(left)).isEqualTo(all);
        assertThat(left.copy().merge(right)).isEqualTo(all);
    }

    @Test
    void shouldFoldNewValuesIntoOtherWhenCapReached() {
        Breakdown b = new Breakdown(2)
                .add("a", 10, 1)
                .add("b", 10, 2)
                .add("c", 5, 5)
                .add("d", 4, 0)
                .add("a", 1, 1);

        assertThat(b.values().keySet()).containsExactly(Breakdown.OTHER, "a", "b");
        assertThat(b.get(Breakdown.OTHER)).isEqualTo(new Breakdown.Counts(9, 5));
        assertThat(b.get("a")).isEqualTo(new Breakdown.Counts(11, 2));
        assertThat(b.foldedAdds()).isEqualTo(2);
        assertThat(b.totalN()).isEqualTo(30);
        assertThat(b.totalD()).isEqualTo(9);
    }

    @Test
    void shouldKeepTotalsAndCarryFoldCountWhenMergingBeyondCap() {
        Breakdown left = new Breakdown(2).add("a", 1, 0).add("b", 1, 0).add("c", 1, 1);
        Breakdown right = new Breakdown(2).add("d", 2, 1).add("e", 2, 0);

        left.merge(right);

        assertThat(left.totalN()).isEqualTo(7);
        assertThat(left.totalD()).isEqualTo(2);
        assertThat(left.size()).isEqualTo(3);
        assertThat(left.foldedAdds()).isEqualTo(3);
    }

    @Test
    void shouldRecordNullAsUnknownWhenValueMissing() {
        Breakdown b = new Breakdown().add(null, 3, 1);

        assertThat(b.get(Breakdown.UNKNOWN)).isEqualTo(new Breakdown.Counts(3, 1));
    }

    @Test
    void shouldRejectCountsWhenDefectsExceedReviews() {
        Breakdown b = new Breakdown();

        assertThatThrownBy(() -> b.add("a", 2, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.add("a", -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Breakdown(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRoundTripWhenSerialized() {
        Breakdown b = new Breakdown(3)
                .add("ann-é", 10, 2)
                .add("b", 5, 0)
                .add("c", 1, 1)
                .add("d", 7, 3);

        Breakdown back = Breakdown.fromBytes(b.toBytes());

        assertThat(back).isEqualTo(b);
        assertThat(back.maxValues()).isEqualTo(3);
        assertThat(back.foldedAdds()).isEqualTo(1);
        assertThat(Breakdown.fromBytes(new Breakdown().toBytes())).isEqualTo(new Breakdown());
    }

    @Test
    void shouldRejectBytesWhenVersionUnknownOrTruncated() {
        byte[] bytes = new Breakdown().add("a", 1, 0).toBytes();
        byte[] wrongVersion = bytes.clone();
        wrongVersion[0] = 9;
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> Breakdown.fromBytes(wrongVersion))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
        assertThatThrownBy(() -> Breakdown.fromBytes(truncated)).isInstanceOf(IllegalArgumentException.class);
    }
}
