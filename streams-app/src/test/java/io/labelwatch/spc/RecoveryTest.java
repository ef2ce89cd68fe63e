package io.labelwatch.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class RecoveryTest {

    private static double[] run(Double... z) {
        double[] recent = new double[0];
        for (Double v : z) {
            recent = Recovery.push(recent, v, 3);
        }
        return recent;
    }

    @Test
    void shouldKeepTheLastWindowsOldestFirstAndClampEach() {
        assertThat(run(1.0, 2.0, 3.0, 4.0)).containsExactly(2.0, 3.0, 4.0);
        assertThat(run(Double.POSITIVE_INFINITY, null, Double.NaN, -9.0)).containsExactly(0.0, 0.0, -6.0);
        assertThat(Recovery.push(new double[] {1, 2, 3, 4, 5}, 6.0, 2)).containsExactly(5.0, 6.0);
    }

    @Test
    void shouldCombineByStouffer() {
        // (1.2 + 1.5 + 0.9) / sqrt(3) = 2.0785
        assertThat(Recovery.combined(new double[] {1.2, 1.5, 0.9})).isCloseTo(2.0785, within(1e-4));
        assertThat(Recovery.combined(new double[0])).isZero();
    }

    @Test
    void shouldResolveOnlyWhenTheQuietWindowsAreNotOutOnThePagedSide() {
        double[] stillHigh = {1.2, 1.5, 0.9};
        double[] back = {0.4, -0.3, 1.1};
        assertThat(Recovery.back(stillHigh, 1.645, Recovery.Side.UP)).isFalse();
        assertThat(Recovery.back(back, 1.645, Recovery.Side.UP)).isTrue();
        // A fall does not keep an alert on rises open, and a rise does not keep an agreement (falls) alert open.
        double[] low = {-2.0, -2.5, -1.8};
        assertThat(Recovery.back(low, 1.645, Recovery.Side.UP)).isTrue();
        assertThat(Recovery.back(low, 1.645, Recovery.Side.DOWN)).isFalse();
        assertThat(Recovery.back(stillHigh, 1.645, Recovery.Side.DOWN)).isTrue();
        assertThat(Recovery.back(low, 1.645, Recovery.Side.BOTH)).isFalse();
        assertThat(Recovery.back(stillHigh, 1.645, Recovery.Side.BOTH)).isFalse();
        assertThat(Recovery.back(back, 1.645, Recovery.Side.BOTH)).isTrue();
    }

    @Test
    void shouldPassAnInControlRunWithTheNominalProbability() {
        // Under H0 the combined Z is N(0, 1): P(Z <= 1.645) = 0.95 (standard normal table). Checked on 20 000 seeded
        // runs of 3 standard-normal windows; binomial SE of the pass rate is 0.0015, tolerance 0.006 (4 SE).
        java.util.Random random = new java.util.Random(42);
        int passed = 0;
        int runs = 20_000;
        for (int i = 0; i < runs; i++) {
            double[] recent = run(random.nextGaussian(), random.nextGaussian(), random.nextGaussian());
            if (Recovery.back(recent, 1.645, Recovery.Side.UP)) {
                passed++;
            }
        }
        assertThat(passed / (double) runs)
                .isCloseTo(new NormalDistribution(null, 0, 1).cumulativeProbability(1.645), within(6e-3));
    }

    @Test
    void shouldRejectANonPositiveLimitOrKeep() {
        assertThatThrownBy(() -> Recovery.back(new double[] {0}, 0.0, Recovery.Side.UP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxZ");
        assertThatThrownBy(() -> Recovery.push(new double[0], 1.0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keep");
    }
}
