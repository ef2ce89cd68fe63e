package io.labelwatch.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelwatch.attribution.ConsecutiveOutliers.Event;
import io.labelwatch.attribution.ConsecutiveOutliers.Transition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsecutiveOutliersTest {

    private static FunnelPoint point(String id, Outlier o) {
        return new FunnelPoint(id, 100, o == Outlier.HIGH ? 30 : 5, 0, 0, 0.01, 0.12, o);
    }

    private static List<Transition> transitions(List<Event> events) {
        return events.stream().map(Event::transition).toList();
    }

    @Test
    void shouldFireAfterTwoHighWindowsAndResolveAfterThreeInControl() {
        ConsecutiveOutliers c = new ConsecutiveOutliers();
        List<List<Transition>> seen = new ArrayList<>();
        Outlier[] sequence = {
            Outlier.HIGH, Outlier.HIGH, Outlier.HIGH, Outlier.NONE, Outlier.NONE, Outlier.LOW, Outlier.NONE
        };
        for (Outlier o : sequence) {
            seen.add(transitions(c.update(List.of(point("ann", o), point("other", Outlier.NONE)))));
        }

        assertThat(seen)
                .containsExactly(
                        List.of(),
                        List.of(Transition.FIRING),
                        List.of(Transition.UPDATED),
                        List.of(),
                        List.of(),
                        List.of(Transition.RESOLVED),
                        List.of());
        assertThat(c.states()).isEmpty();
    }

    @Test
    void shouldResetRunWhenHighWindowsAreNotConsecutive() {
        ConsecutiveOutliers c = new ConsecutiveOutliers();

        c.update(List.of(point("ann", Outlier.HIGH)));
        c.update(List.of(point("ann", Outlier.NONE)));
        List<Event> third = c.update(List.of(point("ann", Outlier.HIGH)));

        assertThat(third).isEmpty();
        assertThat(c.states().get("ann").consecutiveHigh()).isEqualTo(1);
        assertThat(c.isFiring("ann")).isFalse();
    }

    @Test
    void shouldKeepStateWhenAnnotatorAbsentFromWindow() {
        ConsecutiveOutliers c = new ConsecutiveOutliers();

        c.update(List.of(point("ann", Outlier.HIGH)));
        c.update(List.of(point("someone-else", Outlier.NONE)));
        List<Event> events = c.update(List.of(point("ann", Outlier.HIGH)));

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.annotator()).isEqualTo("ann");
            assertThat(e.transition()).isEqualTo(Transition.FIRING);
            assertThat(e.consecutiveHigh()).isEqualTo(2);
        });
    }

    @Test
    void shouldEvictOldestNonFiringWhenCapReached() {
        ConsecutiveOutliers c = new ConsecutiveOutliers(2, 3, 2);

        c.update(List.of(point("a", Outlier.HIGH), point("b", Outlier.HIGH)));
        c.update(List.of(point("a", Outlier.HIGH)));
        c.update(List.of(point("c", Outlier.HIGH)));
        c.update(List.of(point("d", Outlier.HIGH)));

        assertThat(c.isFiring("a")).isTrue();
        assertThat(c.states().keySet()).containsExactly("a", "d");
        assertThat(c.droppedUpdates()).isZero();
    }

    @Test
    void shouldDropUpdateWhenEveryTrackedAnnotatorIsFiring() {
        ConsecutiveOutliers c = new ConsecutiveOutliers(1, 3, 1);

        c.update(List.of(point("a", Outlier.HIGH)));
        c.update(List.of(point("b", Outlier.HIGH)));

        assertThat(c.states().keySet()).containsExactly("a");
        assertThat(c.droppedUpdates()).isEqualTo(1);
    }

    @Test
    void shouldRoundTripWhenSerialized() {
        ConsecutiveOutliers c = new ConsecutiveOutliers(2, 3, 50);
        c.update(List.of(point("ann-é", Outlier.HIGH), point("b", Outlier.HIGH)));
        c.update(List.of(point("ann-é", Outlier.HIGH), point("b", Outlier.NONE)));
        c.update(List.of(point("ann-é", Outlier.NONE), point("c", Outlier.HIGH)));

        ConsecutiveOutliers back = ConsecutiveOutliers.fromBytes(c.toBytes());

        assertThat(back).isEqualTo(c);
        assertThat(back.windows()).isEqualTo(3);
        assertThat(transitions(back.update(List.of(point("ann-é", Outlier.NONE)))))
                .isEqualTo(transitions(c.update(List.of(point("ann-é", Outlier.NONE)))));
        byte[] bad = c.toBytes();
        bad[0] = 2;
        assertThatThrownBy(() -> ConsecutiveOutliers.fromBytes(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKeepTheRunAndApplyTheNewThresholdWhenFireAfterIsReconfigured() {
        ConsecutiveOutliers c = new ConsecutiveOutliers();
        c.update(List.of(point("ann", Outlier.HIGH)));
        ConsecutiveOutliers restored =
                ConsecutiveOutliers.fromBytes(c.toBytes()).withFireAfter(3);

        List<Event> second = restored.update(List.of(point("ann", Outlier.HIGH)));
        List<Event> third = restored.update(List.of(point("ann", Outlier.HIGH)));

        assertThat(second).as("2 of 3 high windows").isEmpty();
        assertThat(transitions(third)).containsExactly(Transition.FIRING);
        assertThat(c.withFireAfter(ConsecutiveOutliers.DEFAULT_FIRE_AFTER)).isSameAs(c);
    }
}
