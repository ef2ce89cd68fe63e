package io.labelwatch.topology.errorrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WeightedCountsTest {

    /** 8 reviews sampled with certainty (w = 1) and 2 at half rate (w = 2), the defective ones given. */
    private static WeightedCounts sample(int certainDefects, int halfRateDefects) {
        WeightedCounts c = WeightedCounts.EMPTY;
        for (int i = 0; i < 8; i++) {
            c = c.plus(1.0, i < certainDefects);
        }
        for (int i = 0; i < 2; i++) {
            c = c.plus(0.5, i < halfRateDefects);
        }
        return c;
    }

    @Test
    void shouldGiveKishEffectiveSizeAndHajekRateWhenWeightsAreUnequal() {
        // Horvitz & Thompson (1952): w = 1/pi. Sum w = 8 + 4 = 12, sum w^2 = 8 + 8 = 16, so Kish (1965, Survey
        // Sampling, section 11.7) n_eff = 12^2 / 16 = 9, i.e. design effect n / n_eff = 10/9 = 1 + CV^2(w) with
        // CV^2 = 0.16 / 1.2^2 = 1/9. Both half-rate reviews defective: Hajek p = (2 + 2) / 12 = 1/3 (unweighted 2/10).
        WeightedCounts c = sample(0, 2);

        assertThat(c.sumWeights()).isEqualTo(12.0);
        assertThat(c.sumSquaredWeights()).isEqualTo(16.0);
        assertThat(c.effectiveN()).isCloseTo(9.0, within(1e-12));
        assertThat(c.rate()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(c.chartedN()).isEqualTo(9);
        assertThat(c.chartedDefects()).isEqualTo(3);
    }

    @Test
    void shouldWeighCertainReviewsLessWhenTheyCarryTheDefects() {
        // Four certain reviews defective: Hajek p = 4 / 12 = 1/3 against the unweighted 4/10.
        WeightedCounts c = sample(4, 0);

        assertThat(c.rate()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(c.chartedDefects()).isEqualTo(3);
    }

    @Test
    void shouldEqualTheUnweightedCountsWhenEveryReviewHasTheSameRate() {
        WeightedCounts c = WeightedCounts.EMPTY;
        for (int i = 0; i < 40; i++) {
            c = c.plus(0.2, i < 7);
        }

        assertThat(c.effectiveN()).isCloseTo(40.0, within(1e-9));
        assertThat(c.chartedN()).isEqualTo(40);
        assertThat(c.chartedDefects()).isEqualTo(7);
    }

    @Test
    void shouldChartNothingWhenThereAreNoReviews() {
        assertThat(WeightedCounts.EMPTY.rate()).isNaN();
        assertThat(WeightedCounts.EMPTY.effectiveN()).isZero();
        assertThat(WeightedCounts.EMPTY.chartedN()).isZero();
        assertThat(WeightedCounts.EMPTY.chartedDefects()).isZero();
    }
}
