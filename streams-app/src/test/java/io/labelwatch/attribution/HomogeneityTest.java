package io.labelwatch.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HomogeneityTest {

    /**
     * Party identification by gender, Agresti, An Introduction to Categorical Data Analysis (2nd ed.,
     * 2007), Table 2.5; the example of R's {@code ?chisq.test}, which prints "X-squared = 30.07, df =
     * 2, p-value = 2.954e-07". Each party is a group; "defect" = female respondent.
     */
    @Test
    void shouldMatchAgrestiPartyExampleWhenTableIsTwoByThree() {
        Breakdown party = new Breakdown()
                .add("Democrat", 762 + 484, 762)
                .add("Independent", 327 + 239, 327)
                .add("Republican", 468 + 477, 468);

        Homogeneity.Result r = Homogeneity.test(party);

        assertThat(r.pooledValues()).isZero();
        assertThat(r.degreesOfFreedom()).isEqualTo(2);
        assertThat(r.statistic()).isCloseTo(30.07, within(0.005));
        assertThat(r.pValue()).isCloseTo(2.954e-07, within(0.001e-07));
    }

    @Test
    void shouldPoolSmallGroupsWhenExpectedCountsBelowFive() {
        // N = 1000, D = 50: a group needs n >= 5 * 1000 / 50 = 100 for an expected defect count >= 5.
        Breakdown b = new Breakdown()
                .add("a", 500, 20)
                .add("b", 380, 19)
                .add("c", 60, 6)
                .add("d", 40, 3)
                .add("e", 20, 2);

        Homogeneity.Result r = Homogeneity.test(b);

        assertThat(r.pooledValues()).isEqualTo(3);
        assertThat(r.groups()).extracting(Homogeneity.Group::label).containsExactly("a", "b", Homogeneity.POOLED);
        Homogeneity.Group pooled = r.groups().get(2);
        assertThat(pooled.members()).containsExactly("e", "d", "c");
        assertThat(pooled.n()).isEqualTo(120);
        assertThat(pooled.d()).isEqualTo(11);
        assertThat(r.degreesOfFreedom()).isEqualTo(2);
        for (Homogeneity.Group g : r.groups()) {
            assertThat(g.n() * 50.0 / 1000).isGreaterThanOrEqualTo(5);
            assertThat(g.n() * 950.0 / 1000).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void shouldAbsorbNextSmallestWhenPoolStillTooSmall() {
        // n_min = 100; the only small group (60) absorbs the next smallest (b, 150).
        Breakdown b = new Breakdown().add("a", 790, 40).add("b", 150, 6).add("c", 60, 4);

        Homogeneity.Result r = Homogeneity.test(b);

        assertThat(r.groups()).extracting(Homogeneity.Group::label).containsExactly("a", Homogeneity.POOLED);
        assertThat(r.groups().get(1).members()).containsExactly("c", "b");
        assertThat(r.degreesOfFreedom()).isEqualTo(1);
        assertThat(r.testable()).isTrue();
    }

    @Test
    void shouldReturnNaNWhenFewerThanTwoGroupsRemain() {
        // n_min = 100; b (50) absorbs a, leaving one group.
        Homogeneity.Result pooledAway =
                Homogeneity.test(new Breakdown().add("a", 950, 45).add("b", 50, 5));
        Homogeneity.Result single = Homogeneity.test(new Breakdown().add("a", 950, 45));
        Homogeneity.Result noDefects =
                Homogeneity.test(new Breakdown().add("a", 100, 0).add("b", 100, 0));
        Homogeneity.Result empty = Homogeneity.test(new Breakdown());

        for (Homogeneity.Result r : new Homogeneity.Result[] {pooledAway, single, noDefects, empty}) {
            assertThat(r.pValue()).isNaN();
            assertThat(r.statistic()).isNaN();
            assertThat(r.degreesOfFreedom()).isZero();
            assertThat(r.significant(0.01)).isFalse();
        }
    }

    @Test
    void shouldBeUnchangedWhenValuesRelabelled() {
        Breakdown x = new Breakdown().add("a", 300, 30).add("b", 200, 10).add("c", 250, 40);
        Breakdown y = new Breakdown().add("z", 300, 30).add("m", 200, 10).add("q", 250, 40);

        assertThat(Homogeneity.test(y).statistic())
                .isCloseTo(Homogeneity.test(x).statistic(), within(1e-12));
    }
}
