package io.labelwatch.spc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Individuals (X) chart over a whole series (batch). {@link IndividualsMonitor} is the incremental form.
 *
 * <p>Centre: known, or the mean of the retained Phase I values. Sigma: known, or the average moving range of
 * consecutive retained values / 1.128 (Montgomery, Introduction to Statistical Quality Control, 6th ed., section 6.4;
 * d2 = 1.128 for ranges of two). Limits centre ± L·sigma. Phase I drops values strictly beyond the limits and
 * re-estimates, at most {@link IndividualsChartConfig#phase1MaxIterations()} rounds, keeping at least 2 values. An
 * unknown sigma needs at least 2 usable values; with fewer there is no baseline (null limits). A sigma of 0 makes
 * every value off the centre ±Infinity in z (rule 1 signals; EWMA/CUSUM skip it).
 */
public final class IndividualsChart {
    private IndividualsChart() {}

    /**
     * Phase I estimation over usable values in time order; null when sigma is unknown and fewer than 2 values exist.
     */
    public static IndividualsBaseline estimateBaseline(double[] x, IndividualsChartConfig cfg) {
        Double knownC = cfg.knownCentre();
        Double knownS = cfg.knownSigma();
        if (knownC != null && knownS != null) {
            return new IndividualsBaseline(knownC, knownS, x.length, 0, 0);
        }
        int m = x.length;
        if (m == 0 || (knownS == null && m < 2)) {
            return null;
        }
        boolean[] keep = new boolean[m];
        Arrays.fill(keep, true);
        int kept = m;
        int dropped = 0;
        for (int round = 1; ; round++) {
            double sum = 0.0;
            double mrSum = 0.0;
            int mrCount = 0;
            double previous = Double.NaN;
            for (int i = 0; i < m; i++) {
                if (keep[i]) {
                    sum += x[i];
                    if (!Double.isNaN(previous)) {
                        mrSum += Math.abs(x[i] - previous);
                        mrCount++;
                    }
                    previous = x[i];
                }
            }
            double centre = knownC != null ? knownC : sum / kept;
            double sigma = knownS != null ? knownS : mrSum / mrCount / ProportionChart.D2;
            IndividualsBaseline baseline = new IndividualsBaseline(centre, sigma, m, dropped, round);
            if (round >= cfg.phase1MaxIterations()) {
                return baseline;
            }
            int flagged = 0;
            for (int i = 0; i < m; i++) {
                if (keep[i] && beyond(x[i], centre, sigma, cfg.limitSigmas())) {
                    flagged++;
                }
            }
            if (flagged == 0 || kept - flagged < 2) {
                return baseline;
            }
            for (int i = 0; i < m; i++) {
                if (keep[i] && beyond(x[i], centre, sigma, cfg.limitSigmas())) {
                    keep[i] = false;
                }
            }
            kept -= flagged;
            dropped += flagged;
        }
    }

    private static boolean beyond(double x, double centre, double sigma, double l) {
        return Math.abs(ProportionChart.standardize(x, centre, sigma)) > l;
    }

    /**
     * Runs the chart over a whole series, with the same phase semantics as {@link ProportionChart#analyze}.
     *
     * @param weights per value, compared with the minimum sample size; null means every value is usable
     * @throws IllegalArgumentException on a non-finite value or a length mismatch
     */
    public static Analysis analyze(IndividualsChartConfig cfg, double[] x, long[] weights) {
        int m = x.length;
        if (weights != null && weights.length != m) {
            throw new IllegalArgumentException("values and weights differ in length: " + m + " vs " + weights.length);
        }
        for (double v : x) {
            checkValue(v);
        }
        IndividualsBaseline baseline;
        int phase1End = -1;
        boolean known = cfg.knownCentre() != null && cfg.knownSigma() != null;
        if (known) {
            baseline = estimateBaseline(new double[0], cfg);
        } else {
            List<Integer> usable = new ArrayList<>();
            for (int i = 0; i < m && usable.size() < cfg.baselineSubgroups(); i++) {
                if (usable(cfg, weight(weights, i))) {
                    usable.add(i);
                }
            }
            phase1End = usable.size() == cfg.baselineSubgroups() ? usable.get(usable.size() - 1) : m - 1;
            double[] bx = new double[usable.size()];
            for (int j = 0; j < bx.length; j++) {
                bx[j] = x[usable.get(j)];
            }
            baseline = estimateBaseline(bx, cfg);
        }
        double[] z = new double[m];
        Arrays.fill(z, Double.NaN);
        List<Integer> zIndex = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (baseline != null && usable(cfg, weight(weights, i))) {
                z[i] = ProportionChart.standardize(x[i], baseline.centre(), baseline.sigma());
                zIndex.add(i);
            }
        }
        double[] zs = new double[zIndex.size()];
        for (int j = 0; j < zs.length; j++) {
            zs[j] = z[zIndex.get(j)];
        }
        SignalSettings s = cfg.signalSettings();
        List<SignalState.Step> steps = ZSeries.steps(zs, s);
        List<SubgroupResult> points = new ArrayList<>(m);
        SignalState.Step last = new SignalState().peek(s);
        int j = 0;
        for (int i = 0; i < m; i++) {
            Phase phase = i <= phase1End ? Phase.PHASE_I : Phase.PHASE_II;
            boolean below = !usable(cfg, weight(weights, i));
            SignalState.Step step;
            if (!below && baseline != null) {
                step = steps.get(j++);
                last = step;
            } else {
                step = new SignalState.Step(
                        last.ewma(), last.ewmaLimit(), last.cusumHi(), last.cusumLo(), null, List.of());
            }
            Double centre = baseline != null ? Double.valueOf(baseline.centre()) : cfg.knownCentre();
            Double sigma = baseline != null ? Double.valueOf(baseline.sigma()) : null;
            points.add(point(cfg, x[i], weight(weights, i), centre, sigma, phase, below, below ? null : z[i], step));
        }
        return new Analysis(baseline, points);
    }

    /** The result of {@link #analyze}: the baseline (null when it could not be estimated) and one point per value. */
    public record Analysis(IndividualsBaseline baseline, List<SubgroupResult> points) {
        public Analysis {
            points = List.copyOf(points);
        }
    }

    static long weight(long[] weights, int i) {
        return weights == null ? Long.MAX_VALUE : weights[i];
    }

    static boolean usable(IndividualsChartConfig cfg, long weight) {
        return weight >= cfg.minSampleSize();
    }

    static void checkValue(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("value must be finite, was " + v);
        }
    }

    static SubgroupResult point(
            IndividualsChartConfig cfg,
            double value,
            long weight,
            Double centre,
            Double sigma,
            Phase phase,
            boolean below,
            Double z,
            SignalState.Step step) {
        Double lcl = null;
        Double ucl = null;
        if (centre != null && sigma != null) {
            lcl = centre - cfg.limitSigmas() * sigma;
            ucl = centre + cfg.limitSigmas() * sigma;
        }
        List<String> signals = below ? List.of() : step.signals();
        if (!below && cfg.floor() != null && value < cfg.floor()) {
            List<String> withFloor = new ArrayList<>(signals);
            withFloor.add("BELOW_FLOOR");
            java.util.Collections.sort(withFloor);
            signals = withFloor;
        }
        return new SubgroupResult(
                value,
                weight,
                centre,
                lcl,
                ucl,
                z,
                null,
                ChartType.INDIVIDUALS,
                phase,
                step.ewma(),
                step.ewmaLimit(),
                step.cusumHi(),
                step.cusumLo(),
                step.cusumShift(),
                signals,
                below);
    }
}
