package io.labelwatch.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The p chart with exact binomial probability limits ({@link ProportionMode#PROBABILITY}). */
class ProbabilityLimitsTest {
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    @Test
    void shouldScoreACountByItsMidPTail() {
        // Binomial(10, 0.5), 8 defects: P(X > 8) = 11/1024, P(X = 8) = 45/1024, mid-p = 33.5/1024.
        double expected = -NORMAL.inverseCumulativeProbability(33.5 / 1024);

        assertThat(ProportionChart.exactScore(10, 8, 0.5)).isCloseTo(expected, within(1e-12));
        assertThat(ProportionChart.exactScore(10, 2, 0.5)).isCloseTo(-expected, within(1e-12));
        assertThat(ProportionChart.exactScore(10, 5, 0.5)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void shouldGiveScoresWhoseMidPHasMeanOneHalfWhenInControl() {
        // Lancaster (1961), "Significance tests in discrete distributions", JASA 56: under the null the mid-p value
        // has expectation exactly 1/2. Data: n = 50 and p-bar = 0.2313, Montgomery ISQC 7th ed. Example 7.1
        // (orange-juice cans).
        BinomialDistribution x = new BinomialDistribution(null, 50, 0.2313);
        double mean = 0;
        for (int d = 0; d <= 50; d++) {
            mean += x.probability(d) * NORMAL.cumulativeProbability(ProportionChart.exactScore(50, d, 0.2313));
        }

        assertThat(mean).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void shouldReportLimitsThatAreTheLastQuietProportionsOnEachSide() {
        ProportionChartConfig cfg = ProportionChartConfig.defaults()
                .withMode(ProportionMode.PROBABILITY)
                .withP0(0.05);
        SubgroupResult point = new ProportionMonitor(cfg).update(1000, 50);
        long ucl = Math.round(point.ucl() * 1000);
        long lcl = Math.round(point.lcl() * 1000);

        assertThat(ProportionChart.exactScore(1000, ucl, 0.05)).isLessThanOrEqualTo(3.0);
        assertThat(ProportionChart.exactScore(1000, ucl + 1, 0.05)).isGreaterThan(3.0);
        assertThat(ProportionChart.exactScore(1000, lcl, 0.05)).isGreaterThanOrEqualTo(-3.0);
        assertThat(ProportionChart.exactScore(1000, lcl - 1, 0.05)).isLessThan(-3.0);
        // The binomial's right skew moves the upper limit out: the normal chart signals at 71 (> 50 + 3 × 6.89 = 70.7).
        assertThat(ucl).isGreaterThanOrEqualTo(71);

        ProportionMonitor chart = new ProportionMonitor(cfg);
        assertThat(chart.update(1000, ucl).signals()).doesNotContain("NELSON_1");
        assertThat(chart.update(1000, ucl + 1).signals()).contains("NELSON_1");
    }

    @Test
    void shouldKeepRuleOneFalseAlarmsAtTheirNominalRateWhereTheNormalChartDoesNot() {
        // At a fleet's L = 4.19 (ARL0 36,000) with n·p = 50 the binomial's upper tail is twice what the normal
        // promises.
        double l = NORMAL.inverseCumulativeProbability(1 - 1 / 72_000.0);
        double nominal = 2 * (1 - NORMAL.cumulativeProbability(l));
        BinomialDistribution x = new BinomialDistribution(null, 1000, 0.05);
        long exactHigh = ProportionChart.highestQuiet(1000, 0.05, l);
        long exactLow = ProportionChart.lowestQuiet(1000, 0.05, l);
        double exact = 1 - x.cumulativeProbability((int) exactHigh) + x.cumulativeProbability((int) exactLow - 1);
        double normalHalf = l * Math.sqrt(1000 * 0.05 * 0.95);
        double normal = 1
                - x.cumulativeProbability((int) Math.floor(50 + normalHalf))
                + x.cumulativeProbability((int) Math.ceil(50 - normalHalf) - 1);

        assertThat(exact).isLessThan(1.5 * nominal);
        assertThat(normal).isGreaterThan(2 * nominal);
    }
}
