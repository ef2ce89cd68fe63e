package io.labelwatch.spc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Nelson and Western Electric rule against the test suite of the reference implementation, R qcc (Scrucca):
 * {@code tests/testthat/test-rules.R} of github.com/luca-scr/qcc at commit bb2089f6661d2bb5518e16c02e9a1e6d0a68ba0a,
 * tests "NEL1-NEL8 return expected violating indices for deterministic qcc objects", "WER1-WER4 return expected
 * violating indices …" and "qccRules precedence reports WER1 …". Each qcc fixture is an individuals chart with centre
 * 0, sigma 1 and 3-sigma limits, so its statistics are z values; qcc's expected indices are 1-based and are asserted
 * here as given. Exact comparisons (which points signal), no tolerance.
 */
class RunRuleQccSuiteTest {

    /** 1-based indices of the points at which {@code rule} fires, as qcc reports them. */
    private static List<Integer> violating(RunRule rule, double... z) {
        return RunRuleTest.fired(rule, z).stream().map(i -> i + 1).toList();
    }

    private static double[] repeat(double value, int times) {
        double[] out = new double[times];
        java.util.Arrays.fill(out, value);
        return out;
    }

    private static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts)
                .flatMapToDouble(java.util.Arrays::stream)
                .toArray();
    }

    @Test
    void shouldMatchQccNelson1() {
        assertThat(violating(RunRule.NELSON_1, 0, 3.2, -3.4, 3)).containsExactly(2, 3);
    }

    @Test
    void shouldMatchQccNelson2() {
        double[] z = concat(repeat(0.5, 10), new double[] {-0.5}, repeat(-0.5, 9));
        assertThat(violating(RunRule.NELSON_2, z)).containsExactly(9, 10, 19, 20);
    }

    @Test
    void shouldMatchQccNelson3() {
        assertThat(violating(RunRule.NELSON_3, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1))
                .containsExactly(6, 7, 13, 14);
    }

    @Test
    void shouldMatchQccNelson4() {
        assertThat(violating(RunRule.NELSON_4, 1, 3, 2, 4, 3, 5, 4, 6, 5, 7, 6, 8, 7, 9, 8))
                .containsExactly(14, 15);
    }

    @Test
    void shouldMatchQccNelson5() {
        assertThat(violating(RunRule.NELSON_5, 0, 2.3, 0.4, 2.2, -2.4, -0.2, -2.5))
                .containsExactly(4, 7);
    }

    @Test
    void shouldMatchQccNelson6() {
        assertThat(violating(RunRule.NELSON_6, 1.2, 1.3, 0.2, 1.4, 1.5, -1.2, -1.3, -0.1, -1.4, -1.5))
                .containsExactly(5, 10);
    }

    @Test
    void shouldMatchQccNelson7() {
        assertThat(violating(RunRule.NELSON_7, concat(repeat(0.3, 16), new double[] {1.2})))
                .containsExactly(15, 16);
    }

    @Test
    void shouldMatchQccNelson8() {
        assertThat(violating(RunRule.NELSON_8, 1.2, -1.3, 1.1, -1.4, 1.5, -1.2, 1.3, -1.1, 0.2))
                .containsExactly(8);
        assertThat(violating(RunRule.NELSON_8, repeat(1.2, 8))).isEmpty();
    }

    @Test
    void shouldMatchQccWesternElectricRules() {
        assertThat(violating(RunRule.WE_1, 0, 3.2, -3.5, 2.9)).containsExactly(2, 3);
        assertThat(violating(RunRule.WE_2, 0, 2.5, 1.0, 2.6, 0)).containsExactly(4);
        assertThat(violating(RunRule.WE_3, 0, 1.2, 1.3, 0.2, 1.4, 1.5)).containsExactly(6);
        assertThat(violating(RunRule.WE_4, -1, -1, -1, -1, -1, -1, -1, -1, 1)).containsExactly(8);
    }

    @Test
    void shouldMatchQccWhereWesternElectricRulesOverlap() {
        double[] z = {2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 3.2};
        assertThat(violating(RunRule.WE_4, z)).containsExactly(8);
        assertThat(violating(RunRule.WE_3, z)).containsExactly(5, 6, 7, 8);
        assertThat(violating(RunRule.WE_2, z)).containsExactly(3, 4, 5, 6, 7, 8);
        assertThat(violating(RunRule.WE_1, z)).containsExactly(8);
    }
}
