package io.labelwatch.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Charts against published worked examples. Each test names its source and tolerance. */
class ReferenceChartsTest {

    /**
     * Montgomery, Introduction to Statistical Quality Control (6th ed.), Example 7.1 / Table 7.1: orange-juice cans,
     * 30 samples of n = 50 (the same data are R qcc's {@code orangejuice} trial samples and the NIST/SEMATECH
     * e-Handbook section 6.3.3.2 wafer example with p̄ = 0.2313). Published: p̄ = 0.2313, UCL = 0.4102, LCL = 0.0524,
     * samples 15 and 23 out of control; revised without them p̄ = 0.2150, UCL = 0.3893, LCL = 0.0407 (sample 21 then
     * exceeds the revised UCL). Values printed to 4 decimals: tolerance 5e-5.
     */
    static final long[] ORANGE_JUICE = {
        12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6
    };

    static long[] fifties(int m) {
        long[] n = new long[m];
        java.util.Arrays.fill(n, 50);
        return n;
    }

    @Test
    void shouldMatchMontgomeryPChartWhenOneRoundOfPhaseI() {
        ProportionChartConfig cfg = ProportionChartConfig.defaults()
                .withMode(ProportionMode.P)
                .withRules(RuleSet.of(RunRule.NELSON_1))
                .withMinSampleSize(1)
                .withBaseline(30, 1)
                .withEwma(false, 0.2, 2.962, EwmaLimits.EXACT)
                .withCusum(false, 0.5, 5);

        ProportionChart.Analysis a = ProportionChart.analyze(cfg, fifties(30), ORANGE_JUICE);

        assertThat(a.baseline().centre()).isCloseTo(0.2313, within(5e-5));
        SubgroupResult first = a.points().get(0);
        assertThat(first.ucl()).isCloseTo(0.4102, within(5e-5));
        assertThat(first.lcl()).isCloseTo(0.0524, within(5e-5));
        List<Integer> flagged = IntStream.range(0, 30)
                .filter(i -> a.points().get(i).signals().contains("NELSON_1"))
                .map(i -> i + 1)
                .boxed()
                .toList();
        assertThat(flagged).containsExactly(15, 23);
    }

    @Test
    void shouldMatchMontgomeryRevisedLimitsWhenOutOfControlSamplesAreDropped() {
        ProportionChartConfig cfg = ProportionChartConfig.defaults()
                .withMode(ProportionMode.P)
                .withMinSampleSize(1)
                .withBaseline(30, 2);

        ProportionBaseline b = ProportionChart.estimateBaseline(fifties(30), ORANGE_JUICE, cfg);

        assertThat(b.centre()).isCloseTo(0.2150, within(5e-5));
        assertThat(b.dropped()).isEqualTo(2);
        assertThat(b.rounds()).isEqualTo(2);
        double sigma = Math.sqrt(b.centre() * (1 - b.centre()) / 50);
        assertThat(b.centre() + 3 * sigma).isCloseTo(0.3893, within(5e-5));
        assertThat(b.centre() - 3 * sigma).isCloseTo(0.0407, within(5e-5));
    }

    /**
     * Montgomery ISQC (6th ed.), Example 9.1 / Table 9.2: tabular CUSUM, μ0 = 10, σ = 1, k = 0.5, h = 5 on 30
     * observations (the mean shifts to 11 after observation 20). Published: C+_29 = 5.28 with N+ = 7, the first
     * signal at period 29, and the new-mean estimate 10 + 0.5 + 5.28/7 = 11.25. Printed to 2 decimals: tolerance 5e-3.
     */
    static final double[] MONTGOMERY_9_1 = {
        9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.20, 10.34, 9.03, 11.47, 10.51, 9.40, 10.08, 9.37, 10.62,
        10.31, 8.52, 10.84, 10.90, 9.33, 12.29, 11.50, 10.60, 11.08, 10.38, 11.62, 11.31, 10.52
    };

    @Test
    void shouldMatchMontgomeryTabularCusumWhenMeanShiftsByOneSigma() {
        Cusum.Result r = Cusum.chart(MONTGOMERY_9_1, 10.0, 1.0, 0.5, 5.0);

        assertThat(r.upper()[28]).isCloseTo(5.28, within(5e-3));
        assertThat(r.runsUpper()[28]).isEqualTo(7);
        assertThat(r.upper()[27]).isCloseTo(4.47, within(5e-3));
        assertThat(r.lower()[21]).isCloseTo(0.17, within(5e-3));
        int firstSignal =
                IntStream.range(0, 30).filter(i -> r.high()[i]).findFirst().orElse(-1);
        assertThat(firstSignal + 1).isEqualTo(29);
        assertThat(r.newMean()[28]).isCloseTo(11.25, within(5e-3));
        assertThat(r.low()).doesNotContain(true);
    }

    /**
     * Montgomery ISQC (6th ed.), Example 9.2 / Table 9.10: EWMA with λ = 0.1, L = 2.7, μ0 = 10, σ = 1 on the data of
     * Example 9.1. Published: z1 = 9.945, UCL1 = 10.27, LCL1 = 9.73; z2 = 9.7495, UCL2 = 10.36; asymptotic limits
     * 10.62 / 9.38; the chart signals at observation 29. Tolerance 5e-3 (limits printed to 2 decimals), 5e-5 for z.
     */
    @Test
    void shouldMatchMontgomeryEwmaWhenExactLimits() {
        Ewma.Result r = Ewma.chart(MONTGOMERY_9_1, 10.0, 1.0, 0.1, 2.7, EwmaLimits.EXACT);

        assertThat(r.ewma()[0]).isCloseTo(9.945, within(5e-5));
        assertThat(r.ewma()[1]).isCloseTo(9.7495, within(5e-5));
        assertThat(r.ucl()[0]).isCloseTo(10.27, within(5e-3));
        assertThat(r.lcl()[0]).isCloseTo(9.73, within(5e-3));
        assertThat(r.ucl()[1]).isCloseTo(10.36, within(5e-3));
        assertThat(r.ucl()[29]).isCloseTo(10.62, within(5e-3));
        int firstSignal =
                IntStream.range(0, 30).filter(i -> r.high()[i]).findFirst().orElse(-1);
        assertThat(firstSignal + 1).isEqualTo(29);
    }

    /**
     * NIST/SEMATECH e-Handbook of Statistical Methods, section 6.3.2.4 (EWMA control charts), example: EWMA0 = 50,
     * s = 2.0539, λ = 0.3, k = 3 gives UCL = 52.5884 and LCL = 47.4115 (asymptotic), and the EWMA column printed to 2
     * decimals (tolerance 5e-3; limits 1e-4). The first 18 data points of the example are used.
     */
    @Test
    void shouldMatchNistEwmaExampleWhenAsymptoticLimits() {
        double[] data = {
            52.0, 47.0, 53.0, 49.3, 50.1, 47.0, 51.0, 50.1, 51.2, 50.5, 49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4
        };
        double[] published = {
            50.60, 49.52, 50.56, 50.18, 50.16, 49.21, 49.75, 49.85, 50.26, 50.33, 50.11, 49.36, 49.52, 50.05, 49.38,
            49.92, 50.73, 51.23
        };

        Ewma.Result r = Ewma.chart(data, 50.0, 2.0539, 0.3, 3.0, EwmaLimits.ASYMPTOTIC);

        assertThat(r.ucl()[0]).isCloseTo(52.5884, within(1e-4));
        assertThat(r.lcl()[0]).isCloseTo(47.4115, within(1e-4));
        for (int i = 0; i < data.length; i++) {
            assertThat(r.ewma()[i]).as("EWMA at %d", i + 1).isCloseTo(published[i], within(5e-3));
        }
        assertThat(r.high()).doesNotContain(true);
        assertThat(r.low()).doesNotContain(true);
    }
    /**
     * SAS/QC User's Guide, SHEWHART procedure, XCHART Example "Applying Tests for Special Causes" (sample library
     * SHWTEST; Output 17.34.1/17.34.2 in the 13.2 guide): 21 subgroups of n = 5 gap widths, given as subgroup means
     * and ranges, charted with TESTS=1 to 5. Published: "Test 5 was positive at sample 14" and no other test is
     * signalled. SAS's default limits for this input are the grand mean ± 3·σ̂/√5 with σ̂ = R̄/d2 (d2 = 2.326 for
     * n = 5, Montgomery ISQC Appendix VI); the test computes those from the published data. The comparison is exact
     * (which subgroups signal which rule); the nearest z to a zone line is 0.009 σ away (samples 3, 8, 20, 21 at -1.991),
     * so d2's rounding cannot move a flag.
     */
    @Test
    void shouldSignalOnlyNelson5AtSample14OnSasGapWidthData() {
        double[] means = {
            270, 258, 248, 260, 273, 260, 259, 248, 260, 255, 268, 253, 273, 275, 257, 269, 249, 264, 258, 248, 248
        };
        double[] ranges = {35, 25, 24, 39, 29, 21, 37, 37, 28, 19, 36, 36, 29, 22, 24, 41, 36, 31, 25, 36, 30};
        double centre = java.util.Arrays.stream(means).average().orElseThrow();
        double rBar = java.util.Arrays.stream(ranges).average().orElseThrow();
        double sigmaOfMean = rBar / 2.326 / Math.sqrt(5);
        IndividualsChartConfig cfg = IndividualsChartConfig.defaults()
                .withKnown(centre, sigmaOfMean)
                .withRules(RuleSet.of(
                        RunRule.NELSON_1, RunRule.NELSON_2, RunRule.NELSON_3, RunRule.NELSON_4, RunRule.NELSON_5))
                .withMinSampleSize(0)
                .withEwma(false, 0.2, 2.962, EwmaLimits.EXACT);

        IndividualsChart.Analysis a = IndividualsChart.analyze(cfg, means, null);

        List<String> flagged = IntStream.range(0, means.length)
                .filter(i -> !a.points().get(i).signals().isEmpty())
                .mapToObj(i -> (i + 1) + ":" + a.points().get(i).signals())
                .toList();
        assertThat(flagged).containsExactly("14:[NELSON_5]");
        assertThat(a.points().get(0).ucl()).isCloseTo(277.245, within(5e-3));
    }
    /**
     * Laney p′ against the reference implementation R qicharts2 (Anhøj, version 0.8.1, {@code qic(chart = 'pp')}, moving
     * ranges not screened) on the NHS data of Mohammed, Panesar, Laney and Wilson (2013), "Statistical process control
     * charts for attribute data involving very large sample sizes", BMJ Quality &amp; Safety 22:362-368 (qicharts2's
     * {@code nhs_accidents}: 20 weeks of attendances seen within 4 hours out of 266 005-296 155). qicharts2's output, as
     * published in the "nhs pp" case of test/fixtures/qicharts2.ts of github.com/AUS-DOH-Safety-and-Quality/PowerBI-SPC
     * (commit d4bb4f6da41e163e8fb1fb0975ab4d9328120463, generated from qicharts2 by its test/fixtures/qicharts2.R): centre
     * 0.95289971134419116 and, for weeks 1, 13 and 20, LCL 0.9401296441775141 / 0.93980301398912502 /
     * 0.93997499652290417 and UCL 0.96566977851086822 / 0.96599640869925729 / 0.96582442616547814. The p chart's limits
     * on the same data are 10.6 times narrower (σ_z = 10.64). Printed to 17 significant digits: tolerance 1e-12.
     */
    @Test
    void shouldMatchQicharts2LaneyChartOnNhsEmergencyData() {
        long[] seen = NHS_SEEN_IN_4H;
        long[] attendances = NHS_ATTENDANCES;
        ProportionChartConfig cfg = ProportionChartConfig.defaults()
                .withMode(ProportionMode.LANEY)
                .withMinSampleSize(1)
                .withBaseline(20, 1);

        ProportionChart.Analysis a = ProportionChart.analyze(cfg, attendances, seen);

        assertThat(a.baseline().chartType()).isEqualTo(ChartType.LANEY_P);
        assertThat(a.baseline().centre()).isCloseTo(0.95289971134419116, within(1e-12));
        assertThat(a.baseline().sigmaZ()).isCloseTo(10.6404, within(5e-5));
        int[] weeks = {1, 13, 20};
        double[] lcl = {0.9401296441775141, 0.93980301398912502, 0.93997499652290417};
        double[] ucl = {0.96566977851086822, 0.96599640869925729, 0.96582442616547814};
        for (int k = 0; k < weeks.length; k++) {
            SubgroupResult point = a.points().get(weeks[k] - 1);
            assertThat(point.lcl()).as("LCL of week %d", weeks[k]).isCloseTo(lcl[k], within(1e-12));
            assertThat(point.ucl()).as("UCL of week %d", weeks[k]).isCloseTo(ucl[k], within(1e-12));
        }
    }
    /** Mohammed et al. (2013), NHS emergency departments, 20 weeks: attendances seen within 4 hours. */
    static final long[] NHS_SEEN_IN_4H = {
        266501, 264225, 276532, 281461, 269071, 261215, 270409, 279778, 270483, 270320, 267923, 271478, 255353, 256820,
        261835, 259144, 255910, 260863, 264465, 260989
    };

    /** Mohammed et al. (2013): all attendances in the same weeks. */
    static final long[] NHS_ATTENDANCES = {
        280443, 276823, 291681, 296155, 282343, 275888, 283867, 295251, 284468, 282529, 279618, 283932, 266629, 268091,
        276803, 271578, 266005, 273520, 278574, 273772
    };

    /**
     * Individuals chart with the centre and sigma estimated (mean, average moving range / 1.128) against R qicharts2
     * 0.8.1's I chart ({@code qic(chart = 'i')}, moving ranges not screened) on the weekly proportions of the same NHS
     * data; qicharts2's output from the "nhs i ratio" case of the same fixtures file: centre 0.95296991067360326, LCL
     * 0.94012535390705687, UCL 0.96581446744014965. Tolerance 1e-12.
     */
    @Test
    void shouldMatchQicharts2IndividualsChartOnNhsEmergencyData() {
        double[] ratio = new double[NHS_SEEN_IN_4H.length];
        for (int i = 0; i < ratio.length; i++) {
            ratio[i] = (double) NHS_SEEN_IN_4H[i] / NHS_ATTENDANCES[i];
        }
        IndividualsChartConfig cfg = IndividualsChartConfig.defaults()
                .withBaseline(ratio.length, 1)
                .withMinSampleSize(0)
                .withEwma(false, 0.2, 2.962, EwmaLimits.EXACT);

        IndividualsChart.Analysis a = IndividualsChart.analyze(cfg, ratio, null);

        assertThat(a.baseline().centre()).isCloseTo(0.95296991067360326, within(1e-12));
        assertThat(a.points().get(0).lcl()).isCloseTo(0.94012535390705687, within(1e-12));
        assertThat(a.points().get(19).ucl()).isCloseTo(0.96581446744014965, within(1e-12));
    }
}
