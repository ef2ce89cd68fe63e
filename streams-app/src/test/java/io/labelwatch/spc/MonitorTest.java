package io.labelwatch.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MonitorTest {

    /** Binomial counts with a random n, a mid-series shift, some small windows and a few n = 0. */
    private static long[][] series(long seed, int m, boolean overdispersed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Well19937c rng = new Well19937c(seed);
        long[] n = new long[m];
        long[] d = new long[m];
        for (int i = 0; i < m; i++) {
            n[i] = rnd.nextInt(10) == 0 ? rnd.nextInt(30) : 30 + rnd.nextInt(400);
            double p = i > m / 2 ? 0.08 : 0.05;
            if (overdispersed) {
                p = Math.min(0.9, Math.max(0.001, p * Math.exp(0.5 * rnd.nextGaussian())));
            }
            d[i] = n[i] == 0 ? 0 : new BinomialDistribution(rng, (int) n[i], p).sample();
        }
        return new long[][] {n, d};
    }

    @ParameterizedTest
    @EnumSource(ProportionMode.class)
    void shouldEqualBatchWhenUpdatedIncrementallyAndRoundTrippedThroughBytes(ProportionMode mode) {
        assertIncrementalEqualsBatch(ProportionChartConfig.defaults().withMode(mode));
    }

    @ParameterizedTest
    @EnumSource(ProportionMode.class)
    void shouldEqualBatchWhenASparseBaselineWaitsForItsDefects(ProportionMode mode) {
        // 8 windows hold about 8 × 215 × 0.05 = 86 defects; asking for 150 makes Phase I run to about 14 windows.
        assertIncrementalEqualsBatch(
                ProportionChartConfig.defaults().withMode(mode).withBaselineMinDefects(150));
    }

    private static void assertIncrementalEqualsBatch(ProportionChartConfig cfg) {
        for (long seed = 1; seed <= 40; seed++) {
            long[][] s = series(seed, 60, seed % 2 == 0);
            ProportionChart.Analysis batch = ProportionChart.analyze(cfg, s[0], s[1]);
            ProportionMonitor plain = new ProportionMonitor(cfg);
            ProportionMonitor persisted = new ProportionMonitor(cfg);
            boolean switched = false;
            for (int i = 0; i < s[0].length; i++) {
                SubgroupResult live = plain.update(s[0][i], s[1][i]);
                SubgroupResult restored = persisted.update(s[0][i], s[1][i]);
                persisted = ProportionMonitor.fromBytes(cfg, persisted.toBytes());
                assertThat(restored).as("seed %d, window %d", seed, i).isEqualTo(live);
                SubgroupResult expected = batch.points().get(i);
                if (live.phase() == Phase.PHASE_II) {
                    assertThat(live).as("seed %d, window %d", seed, i).isEqualTo(expected);
                } else if (plain.phase() == Phase.PHASE_II && !switched) {
                    switched = true;
                    assertThat(live.centre()).isEqualTo(expected.centre());
                    assertThat(live.ucl()).isEqualTo(expected.ucl());
                    assertThat(live.ewma()).isEqualTo(expected.ewma());
                    assertThat(live.cusumHi()).isEqualTo(expected.cusumHi());
                    assertThat(live.signals()).isEmpty();
                } else {
                    assertThat(live.signals()).isEmpty();
                }
            }
            assertThat(plain.baseline()).isEqualTo(batch.baseline());
        }
    }

    @Test
    void shouldEqualBatchForIndividualsWhenUpdatedIncrementallyAndRoundTripped() {
        IndividualsChartConfig cfg = IndividualsChartConfig.defaults()
                .withCusum(true, 0.5, 5.0)
                .withFloor(0.6)
                .withMinSampleSize(10);
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            int m = 50;
            double[] x = new double[m];
            long[] w = new long[m];
            for (int i = 0; i < m; i++) {
                x[i] = 0.8 + 0.05 * rnd.nextGaussian() - (i > 30 ? 0.08 : 0.0);
                w[i] = rnd.nextInt(8) == 0 ? 3 : 50;
            }
            IndividualsChart.Analysis batch = IndividualsChart.analyze(cfg, x, w);
            IndividualsMonitor plain = new IndividualsMonitor(cfg);
            IndividualsMonitor persisted = new IndividualsMonitor(cfg);
            for (int i = 0; i < m; i++) {
                SubgroupResult live = plain.update(x[i], w[i]);
                SubgroupResult restored = persisted.update(x[i], w[i]);
                persisted = IndividualsMonitor.fromBytes(cfg, persisted.toBytes());
                assertThat(restored).isEqualTo(live);
                if (live.phase() == Phase.PHASE_II) {
                    assertThat(live)
                            .as("seed %d, value %d", seed, i)
                            .isEqualTo(batch.points().get(i));
                }
            }
            assertThat(plain.baseline()).isEqualTo(batch.baseline());
        }
    }

    @Test
    void shouldStayInPhaseIUntilTheBaselineHoldsEnoughDefectsWhenTheChartIsSparse() {
        // A rare class: 40 reviews a window at 1.5 % is 0.6 expected defects; K = 6 windows would hold about 3.
        ProportionChartConfig cfg = ProportionChartConfig.defaults()
                .withMode(ProportionMode.PROBABILITY)
                .withBaseline(6, 5)
                .withBaselineMinDefects(5);
        ProportionMonitor m = new ProportionMonitor(cfg);
        long[] d = {1, 0, 0, 1, 0, 1, 0, 0, 1, 0, 2, 0};

        int phase1Windows = 0;
        for (long defects : d) {
            SubgroupResult r = m.update(40, defects);
            assertThat(r.signals()).isEmpty();
            if (m.phase() == Phase.PHASE_I) {
                phase1Windows++;
            }
        }

        // the 11th window brings the sixth defect
        assertThat(phase1Windows).isEqualTo(10);
        assertThat(m.phase()).isEqualTo(Phase.PHASE_II);
        assertThat(m.baseline().subgroups()).isEqualTo(11);
        assertThat(m.center()).isCloseTo(6.0 / 440, within(1e-12));
        ProportionMonitor restored = ProportionMonitor.fromBytes(cfg, m.toBytes());
        assertThat(restored.center()).isEqualTo(m.center());
    }

    @Test
    void shouldEndPhaseIAtTenTimesKWhenTheDefectsNeverCome() {
        ProportionChartConfig cfg =
                ProportionChartConfig.defaults().withBaseline(3, 5).withBaselineMinDefects(1_000);
        ProportionMonitor m = new ProportionMonitor(cfg);

        for (int i = 0; i < 29; i++) {
            m.update(50, 1);
            assertThat(m.phase()).isEqualTo(Phase.PHASE_I);
            m = ProportionMonitor.fromBytes(cfg, m.toBytes());
        }
        m.update(50, 1);

        assertThat(cfg.maxBaselineSubgroups()).isEqualTo(30);
        assertThat(m.phase()).isEqualTo(Phase.PHASE_II);
        assertThat(m.center()).isCloseTo(0.02, within(1e-12));
    }

    @Test
    void shouldStayInPhaseIWithoutSignalsUntilTheKthUsableWindow() {
        ProportionChartConfig cfg = ProportionChartConfig.defaults().withBaseline(3, 5);
        ProportionMonitor m = new ProportionMonitor(cfg);

        SubgroupResult first = m.update(100, 90);
        SubgroupResult small = m.update(10, 10);
        SubgroupResult second = m.update(100, 5);

        assertThat(first.centre()).isNull();
        assertThat(first.signals()).isEmpty();
        assertThat(small.belowMinSample()).isTrue();
        assertThat(second.centre()).isCloseTo(95.0 / 200, within(1e-12));
        assertThat(m.phase()).isEqualTo(Phase.PHASE_I);
        SubgroupResult third = m.update(100, 6);
        assertThat(third.phase()).isEqualTo(Phase.PHASE_I);
        assertThat(third.signals()).isEmpty();
        assertThat(m.phase()).isEqualTo(Phase.PHASE_II);
        assertThat(m.center()).isEqualTo(m.baseline().centre());

        m.rebaseline();
        assertThat(m.phase()).isEqualTo(Phase.PHASE_I);
        assertThat(m.center()).isNull();
    }

    @Test
    void shouldStartInPhaseIIAndSignalWhenP0IsKnown() {
        ProportionChartConfig cfg = ProportionChartConfig.defaults().withP0(0.05);
        ProportionMonitor m = new ProportionMonitor(cfg);

        SubgroupResult r = m.update(400, 60);

        assertThat(m.phase()).isEqualTo(Phase.PHASE_II);
        assertThat(r.centre()).isEqualTo(0.05);
        assertThat(r.ucl()).isCloseTo(0.05 + 3 * Math.sqrt(0.05 * 0.95 / 400), within(1e-12));
        assertThat(r.signals()).contains("NELSON_1", "EWMA_HIGH", "CUSUM_HIGH");
        assertThat(r.cusumShift()).isCloseTo(0.5 + r.cusumHi(), within(1e-12));
    }

    @Test
    void shouldRecordButNeverSignalWhenBelowMinimumSampleSize() {
        ProportionMonitor m =
                new ProportionMonitor(ProportionChartConfig.defaults().withP0(0.05));

        SubgroupResult r = m.update(20, 20);
        SubgroupResult empty = m.update(0, 0);

        assertThat(r.belowMinSample()).isTrue();
        assertThat(r.signals()).isEmpty();
        assertThat(r.ucl()).isNotNull();
        assertThat(empty.value()).isNaN();
        assertThat(empty.lcl()).isNull();
    }

    @Test
    void shouldFloorLclAtZeroAndCapUclAtOne() {
        ProportionMonitor m = new ProportionMonitor(
                ProportionChartConfig.defaults().withP0(0.5).withMinSampleSize(1));

        SubgroupResult r = m.update(2, 1);

        assertThat(r.lcl()).isEqualTo(0.0);
        assertThat(r.ucl()).isEqualTo(1.0);
    }

    @Test
    void shouldChooseLaneyAndSayWhyWhenOverdispersed() {
        long[][] s = series(7, 40, true);
        ProportionBaseline b = ProportionChart.estimateBaseline(
                s[0],
                s[1],
                ProportionChartConfig.defaults().withMinSampleSize(0).withBaseline(40, 1));
        assertThat(b.chartType()).isEqualTo(ChartType.LANEY_P);
        assertThat(b.sigmaZ()).isGreaterThan(1.0);
        assertThat(b.reason()).startsWith("AUTO: overdispersed").contains("Pearson X2");
    }

    @Test
    void shouldKeepThePChartWhenBinomial() {
        long[] n = new long[40];
        long[] d = new long[40];
        Well19937c rng = new Well19937c(3);
        for (int i = 0; i < 40; i++) {
            n[i] = 500;
            d[i] = new BinomialDistribution(rng, 500, 0.1).sample();
        }
        ProportionBaseline b = ProportionChart.estimateBaseline(n, d, ProportionChartConfig.defaults());
        assertThat(b.chartType()).isEqualTo(ChartType.P);
        assertThat(b.reason()).startsWith("AUTO: not overdispersed");
    }

    /** Laney sigma_z by hand: p̄ = 0.2, n = 100 so σ = 0.04; z = 0, 1, -1, 2; MR = 1, 2, 3; σ_z = 2 / 1.128. */
    @Test
    void shouldEstimateLaneySigmaZFromTheMeanMovingRange() {
        long[] n = {100, 100, 100, 100};
        long[] d = {20, 24, 16, 28};
        ProportionChartConfig cfg =
                ProportionChartConfig.defaults().withMode(ProportionMode.LANEY).withMinSampleSize(1);
        ProportionBaseline b = ProportionChart.estimateBaseline(n, d, cfg);
        assertThat(b.centre()).isCloseTo(0.22, within(1e-12));
        double sigma = Math.sqrt(0.22 * 0.78 / 100);
        double[] z = {-0.02 / sigma, 0.02 / sigma, -0.06 / sigma, 0.06 / sigma};
        double mr = (Math.abs(z[1] - z[0]) + Math.abs(z[2] - z[1]) + Math.abs(z[3] - z[2])) / 3;
        assertThat(b.sigmaZ()).isCloseTo(mr / 1.128, within(1e-12));
    }

    @Test
    void shouldRejectBadCountsAndUnknownStateVersions() {
        ProportionMonitor m = new ProportionMonitor(ProportionChartConfig.defaults());
        assertThatThrownBy(() -> m.update(10, 11)).isInstanceOf(IllegalArgumentException.class);
        byte[] bytes = m.toBytes();
        bytes[0] = 99;
        assertThatThrownBy(() -> ProportionMonitor.fromBytes(ProportionChartConfig.defaults(), bytes))
                .hasMessageContaining("version 99");
    }

    @Test
    void shouldSignalBelowFloorInEitherPhase() {
        IndividualsMonitor m =
                new IndividualsMonitor(IndividualsChartConfig.defaults().withFloor(0.667));
        SubgroupResult r = m.update(0.5, 100);
        assertThat(m.phase()).isEqualTo(Phase.PHASE_I);
        assertThat(r.signals()).containsExactly("BELOW_FLOOR");
    }

    @Test
    void shouldKeepStateBoundedWhenManyWindowsPass() {
        ProportionMonitor m = new ProportionMonitor(ProportionChartConfig.defaults());
        long[][] s = series(11, 500, false);
        for (int i = 0; i < 500; i++) {
            m.update(s[0][i], s[1][i]);
        }
        // 15 history values, counters and the baseline with its reason; 500 windows of history would be 4000 bytes
        assertThat(m.toBytes().length).isLessThan(600);
    }

    @org.junit.jupiter.api.Test
    void shouldKeepASparseBaselineWholeRatherThanTrimItToAZeroCentre() {
        // The demo's lidar trailer chart (seed 42): one defective window in six; trimming it would leave p-bar = 0,
        // limits of 0, and every later defect out of control.
        long[] n = {37, 44, 39, 44, 30, 40};
        long[] d = {3, 0, 0, 0, 0, 0};

        ProportionBaseline baseline = ProportionChart.estimateBaseline(
                n,
                d,
                ProportionChartConfig.defaults().withMode(ProportionMode.P).withLimitSigmas(3.6453));

        org.assertj.core.api.Assertions.assertThat(baseline.centre())
                .isCloseTo(3.0 / 234, org.assertj.core.data.Offset.offset(1e-12));
        org.assertj.core.api.Assertions.assertThat(baseline.dropped()).isZero();
    }

    @Test
    void shouldTellARiseFromAFallWhenAWindowSignals() {
        ProportionChartConfig cfg = ProportionChartConfig.defaults()
                .withMode(ProportionMode.P)
                .withRules(RuleSet.parse("NELSON_1"))
                .withP0(0.05);

        SubgroupResult high = new ProportionMonitor(cfg).update(400, 45);
        SubgroupResult low = new ProportionMonitor(cfg).update(1_000, 20);
        SubgroupResult quiet = new ProportionMonitor(cfg).update(400, 20);

        // p0 = 0.05, n = 400: UCL 0.0827 (45/400 = 0.1125 beyond); n = 1000: LCL 0.0293 (0.020 below)
        assertThat(high.signals()).contains("NELSON_1");
        assertThat(high.signalledUp()).isTrue();
        assertThat(low.signals()).contains("NELSON_1");
        assertThat(low.signalledUp()).isFalse();
        assertThat(quiet.signalled()).isFalse();
        assertThat(quiet.signalledUp()).isFalse();
        assertThat(high.signalledDown()).isFalse();
        assertThat(low.signalledDown()).isTrue();
        assertThat(quiet.signalledDown()).isFalse();
    }
}
