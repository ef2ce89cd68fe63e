package io.labelwatch.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FunnelPlotTest {

    private static final double P0 = 0.05;

    /**
     * Reference values: Spiegelhalter (2005), Stat Med 24:1185, Appendix A.1.1 — r_p = smallest r with
     * F(r) >= p, alpha = (F(r_p) - p) / (F(r_p) - F(r_p - 1)), limit = (r_p - alpha) / n — evaluated
     * independently with scipy 1.17.1 (scipy.stats.binom.ppf / cdf, p = norm.cdf(+-z)) at p0 = 0.05.
     * Negative lower values from that formula are clipped to 0 here. Tolerance 1e-9.
     */
    @Test
    void shouldMatchSpiegelhalterInterpolatedBinomialLimitsWhenExact() {
        assertLimits(FunnelPlot.limits(P0, 20, FunnelPlot.Z95), 0.0, 0.14236476501690404);
        assertLimits(FunnelPlot.limits(P0, 20, FunnelPlot.Z998), 0.0, 0.2350598786524333);
        assertLimits(FunnelPlot.limits(P0, 100, FunnelPlot.Z95), 0.006122931436071916, 0.09190734402387496);
        assertLimits(FunnelPlot.limits(P0, 100, FunnelPlot.Z998), 0.0, 0.12463849543796998);
        assertLimits(FunnelPlot.limits(P0, 500, FunnelPlot.Z95), 0.03071254028956145, 0.06899088298498945);
        assertLimits(FunnelPlot.limits(P0, 500, FunnelPlot.Z998), 0.021579432192624873, 0.08159923957228636);
    }

    private static void assertLimits(FunnelPlot.Limits l, double lower, double upper) {
        assertThat(l.lower()).isCloseTo(lower, within(1e-9));
        assertThat(l.upper()).isCloseTo(upper, within(1e-9));
    }

    @Test
    void shouldMatchNormalFormulaWhenApproximating() {
        // 0.05 +- 1.959964 * sqrt(0.05 * 0.95 / 100) (Spiegelhalter 2005, eq. for proportions).
        FunnelPlot.Limits l = FunnelPlot.limits(P0, 100, FunnelPlot.Z95, FunnelPlot.Method.NORMAL, 1.0);

        assertThat(l.lower()).isCloseTo(0.007283575292052952, within(1e-12));
        assertThat(l.upper()).isCloseTo(0.09271642470794705, within(1e-12));
    }

    @Test
    void shouldConvergeToNormalLimitsWhenNIsLarge() {
        FunnelPlot.Limits exact = FunnelPlot.limits(P0, 200_000, FunnelPlot.Z998);
        FunnelPlot.Limits normal = FunnelPlot.limits(P0, 200_000, FunnelPlot.Z998, FunnelPlot.Method.NORMAL, 1.0);

        assertThat(exact.upper()).isCloseTo(normal.upper(), within(5e-5));
        assertThat(exact.lower()).isCloseTo(normal.lower(), within(5e-5));
    }

    @Test
    void shouldNarrowWhenNGrows() {
        double previous = 1;
        for (long n : new long[] {10, 50, 200, 1000, 5000}) {
            double width = FunnelPlot.limits(P0, n, FunnelPlot.Z95).upper() - P0;
            assertThat(width).isLessThan(previous);
            previous = width;
        }
    }

    @Test
    void shouldReturnNaNLimitsWhenNIsZero() {
        FunnelPlot.Limits l = FunnelPlot.limits(P0, 0, FunnelPlot.Z95);

        assertThat(l.lower()).isNaN();
        assertThat(l.upper()).isNaN();
        assertThatThrownBy(() -> FunnelPlot.limits(1.0, 10, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FunnelPlot.limits(P0, 10, 2, FunnelPlot.Method.NORMAL, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFlagHighAndLowAnnotatorsWhenOutsideLimits() {
        Breakdown b = new Breakdown()
                .add("rogue", 200, 40)
                .add("steady", 200, 10)
                .add("careful", 2000, 40)
                .add("newbie", 5, 1)
                .add(Breakdown.OTHER, 300, 60);

        List<FunnelPoint> points = FunnelPlot.assess(b, P0, FunnelConfig.defaults());

        assertThat(points).extracting(FunnelPoint::value).containsExactly("careful", "newbie", "rogue", "steady");
        assertThat(points)
                .extracting(FunnelPoint::outlier)
                .containsExactly(Outlier.LOW, Outlier.NONE, Outlier.HIGH, Outlier.NONE);
        FunnelPoint rogue = points.get(2);
        assertThat(rogue.rate()).isEqualTo(0.2);
        assertThat(rogue.zScore()).isCloseTo((0.2 - P0) / Math.sqrt(P0 * (1 - P0) / 200), within(1e-12));
        assertThat(rogue.upper())
                .isEqualTo(FunnelPlot.limits(P0, 200, FunnelPlot.Z998).upper());
    }

    /**
     * Ten annotators with n = 100 and d = 1, 3, 4, 5, 5, 6, 7, 9, 12, 20 at p0 = 0.05: winsorising one
     * z-score per tail (d = 1 -> 3, d = 20 -> 12) leaves (d - 5) = -2, -2, -1, 0, 0, 1, 2, 4, 7, 7, so
     * phi = (128 / 4.75) / 10 = 2.694736842 (Spiegelhalter 2005 §3.2 / QSHC 14:347, hand-computed).
     */
    @Test
    void shouldEstimateWinsorisedPhiAndWidenLimitsWhenOverdispersed() {
        Breakdown b = new Breakdown();
        int[] ds = {1, 3, 4, 5, 5, 6, 7, 9, 12, 20};
        for (int i = 0; i < ds.length; i++) {
            b.add("a" + i, 100, ds[i]);
        }

        double phi = FunnelPlot.overdispersion(b, P0, 0.10);
        List<FunnelPoint> plain = FunnelPlot.assess(b, P0, FunnelConfig.defaults());
        List<FunnelPoint> adjusted =
                FunnelPlot.assess(b, P0, FunnelConfig.defaults().withOverdispersion(true));

        assertThat(phi).isCloseTo(128 / 4.75 / 10, within(1e-12));
        assertThat(FunnelPlot.overdispersed(phi, 10)).isTrue();
        FunnelPlot.Limits unadjusted = FunnelPlot.limits(P0, 100, FunnelPlot.Z998);
        assertThat(adjusted.get(0).upper()).isCloseTo(P0 + Math.sqrt(phi) * (unadjusted.upper() - P0), within(1e-12));
        assertThat(adjusted.get(0).upper()).isGreaterThan(plain.get(0).upper());
        assertThat(adjusted.get(0).lower()).isEqualTo(0.0);
    }

    @Test
    void shouldNotAdjustWhenPointsAreNotOverdispersed() {
        Breakdown b = new Breakdown();
        for (int i = 0; i < 10; i++) {
            b.add("a" + i, 100, 4 + i % 3);
        }

        assertThat(FunnelPlot.assess(b, P0, FunnelConfig.defaults().withOverdispersion(true)))
                .isEqualTo(FunnelPlot.assess(b, P0, FunnelConfig.defaults()));
        assertThat(FunnelPlot.overdispersion(new Breakdown().add("a", 10, 1), P0, 0.1))
                .isNaN();
    }

    @Test
    void shouldNotFlagASingleDefectInOneReviewWhenTheExactTestSeesNoEvidence() {
        Breakdown annotators =
                new Breakdown().add("one-review", 1, 1).add("rogue", 30, 9).add("typical", 400, 12);

        List<FunnelPoint> points = FunnelPlot.assess(annotators, 0.03, FunnelConfig.defaults());

        assertThat(points)
                .filteredOn(p -> p.value().equals("one-review"))
                .singleElement()
                .satisfies(p -> assertThat(p.outlier()).isEqualTo(Outlier.NONE));
        assertThat(points)
                .filteredOn(p -> p.value().equals("rogue"))
                .singleElement()
                .satisfies(p -> assertThat(p.outlier()).isEqualTo(Outlier.HIGH));
    }
}
