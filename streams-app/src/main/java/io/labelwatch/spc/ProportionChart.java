package io.labelwatch.spc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Beta;

/**
 * p and Laney p' charts with variable subgroup size, over a whole series (batch). {@link ProportionMonitor} is the
 * incremental form and gives the same Phase II results.
 *
 * <p>p chart (Montgomery, Introduction to Statistical Quality Control, 6th ed., section 7.2): p̄ = Σd_i / Σn_i, σ_i =
 * sqrt(p̄(1-p̄)/n_i), limits p̄ ± L·σ_i with the LCL floored at 0 and the UCL capped at 1. Laney p' (Laney 2002,
 * Quality Engineering 14(4)): z_i = (p_i - p̄)/σ_i, σ_z = mean |z_i - z_{i-1}| / 1.128 (the average moving range, not
 * the standard deviation of z), limits p̄ ± L·σ_i·σ_z.
 *
 * <p>Phase I (estimation from the baseline subgroups): estimate; drop the subgroups whose standardized value is
 * strictly beyond ±L; re-estimate; at most {@link ProportionChartConfig#phase1MaxIterations()} estimation rounds, and
 * never fewer than 2 retained subgroups. In AUTO mode the chart type is decided again in each round on the retained
 * subgroups (see {@link ProportionMode#AUTO}).
 *
 * <p>Edge cases: n = 0 gives the value NaN and is always below the minimum sample size. When p̄ is 0 or 1 the sigma is
 * 0, the limits collapse onto p̄ and a subgroup that differs from p̄ gets z = ±Infinity (it signals NELSON_1/WE_1 but
 * does not move the EWMA or CUSUM).
 */
public final class ProportionChart {
    /** d2 for moving ranges of two consecutive values. */
    static final double D2 = 1.128;

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    /**
     * The smallest tail probability scored exactly: Commons Math's Φ⁻¹ goes through erf⁻¹(2q − 1), which reaches −1
     * (and returns −∞) below about 1e-16. A smaller tail scores the larger of {@link #TAIL_Z} and the normal z.
     */
    private static final double TAIL = 1e-15;

    private static final double TAIL_Z = -NORMAL.inverseCumulativeProbability(TAIL);

    private ProportionChart() {}

    /**
     * Phase I estimation over the given usable subgroups (in time order).
     *
     * @throws IllegalArgumentException when there are no subgroups or a count is invalid
     */
    public static ProportionBaseline estimateBaseline(long[] n, long[] d, ProportionChartConfig cfg) {
        checkCounts(n, d);
        int m = n.length;
        if (m == 0) {
            throw new IllegalArgumentException("Phase I needs at least one subgroup");
        }
        boolean[] keep = new boolean[m];
        java.util.Arrays.fill(keep, true);
        int kept = m;
        int dropped = 0;
        for (int round = 1; ; round++) {
            long sumD = 0;
            long sumN = 0;
            for (int i = 0; i < m; i++) {
                if (keep[i]) {
                    sumD += d[i];
                    sumN += n[i];
                }
            }
            double p = (double) sumD / sumN;
            double[] z = new double[m];
            double mrSum = 0.0;
            int mrCount = 0;
            double previous = Double.NaN;
            double pearson = 0.0;
            for (int i = 0; i < m; i++) {
                if (!keep[i]) {
                    continue;
                }
                z[i] = cfg.mode() == ProportionMode.PROBABILITY
                        ? exactScore(n[i], d[i], p)
                        : standardize((double) d[i] / n[i], p, binomialSigma(p, n[i]));
                pearson += z[i] * z[i];
                if (!Double.isNaN(previous)) {
                    mrSum += Math.abs(z[i] - previous);
                    mrCount++;
                }
                previous = z[i];
            }
            boolean degenerate = p * (1.0 - p) == 0.0;
            double mrSigma = mrCount > 0 && !degenerate ? mrSum / mrCount / D2 : Double.NaN;
            Decision decision = decide(cfg, kept, degenerate, mrSigma, pearson);
            ProportionBaseline baseline =
                    new ProportionBaseline(p, decision.sigmaZ, decision.type, decision.reason, m, dropped, round);
            if (round >= cfg.phase1MaxIterations()) {
                return baseline;
            }
            int flagged = 0;
            for (int i = 0; i < m; i++) {
                if (keep[i] && Math.abs(z[i] / decision.sigmaZ) > cfg.limitSigmas()) {
                    flagged++;
                }
            }
            if (flagged == 0 || kept - flagged < 2 || degenerateAfterDropping(n, d, keep, z, decision, cfg)) {
                return baseline;
            }
            for (int i = 0; i < m; i++) {
                if (keep[i] && Math.abs(z[i] / decision.sigmaZ) > cfg.limitSigmas()) {
                    keep[i] = false;
                }
            }
            kept -= flagged;
            dropped += flagged;
        }
    }

    /**
     * Dropping must not leave a degenerate centre: when the subgroups kept would hold no defect at all (or nothing
     * but defects), p-bar would be 0 (or 1), the limits would collapse onto it and every later defect would signal.
     * A sparse baseline with one defective window is then kept whole rather than trimmed to p-bar = 0.
     */
    private static boolean degenerateAfterDropping(
            long[] n, long[] d, boolean[] keep, double[] z, Decision decision, ProportionChartConfig cfg) {
        long sumD = 0;
        long sumN = 0;
        for (int i = 0; i < n.length; i++) {
            if (keep[i] && !(Math.abs(z[i] / decision.sigmaZ) > cfg.limitSigmas())) {
                sumD += d[i];
                sumN += n[i];
            }
        }
        return sumD == 0 || sumD == sumN;
    }

    private record Decision(ChartType type, double sigmaZ, String reason) {}

    private static Decision decide(
            ProportionChartConfig cfg, int kept, boolean degenerate, double mrSigma, double pearson) {
        switch (cfg.mode()) {
            case P:
                return new Decision(ChartType.P, 1.0, "p chart requested");
            case PROBABILITY:
                return new Decision(ChartType.P, 1.0, "p chart with exact binomial probability limits requested");
            case LANEY:
                if (Double.isFinite(mrSigma) && mrSigma > 0.0) {
                    return new Decision(
                            ChartType.LANEY_P,
                            mrSigma,
                            String.format(Locale.ROOT, "Laney p' requested; sigma_z = %.4f", mrSigma));
                }
                return new Decision(
                        ChartType.P, 1.0, "Laney p' requested but sigma_z cannot be estimated; p chart used");
            case AUTO:
            default:
                if (kept < 2 || degenerate || !Double.isFinite(mrSigma)) {
                    return new Decision(
                            ChartType.P, 1.0, "AUTO: too few subgroups or a centre of 0 or 1 to test dispersion");
                }
                int df = kept - 1;
                double pValue = 1.0 - new ChiSquaredDistribution(null, df).cumulativeProbability(pearson);
                boolean overdispersed = pValue < cfg.overdispersionAlpha() && mrSigma > 1.0;
                String evidence = String.format(
                        Locale.ROOT,
                        "Pearson X2 = %.4g on %d df, p = %.3g (alpha %s); sigma_z = %.4f",
                        pearson,
                        df,
                        pValue,
                        cfg.overdispersionAlpha(),
                        mrSigma);
                return overdispersed
                        ? new Decision(ChartType.LANEY_P, mrSigma, "AUTO: overdispersed, Laney p': " + evidence)
                        : new Decision(ChartType.P, 1.0, "AUTO: not overdispersed, p chart: " + evidence);
        }
    }

    /**
     * Runs the chart over a whole series: Phase I over the subgroups up to the K-th usable one (further, up to {@link
     * ProportionChartConfig#maxBaselineSubgroups()}, until the baseline holds {@link
     * ProportionChartConfig#baselineMinDefects()} defects; all of them when there are fewer), judged retrospectively against the final Phase I limits; Phase II for the rest. With a known
     * p0 every subgroup is Phase II. Run rules, EWMA and CUSUM run over the standardized values of the usable
     * subgroups in order, Phase I included.
     *
     * @throws IllegalArgumentException on a negative n, or defects outside [0, n]
     */
    public static Analysis analyze(ProportionChartConfig cfg, long[] n, long[] d) {
        checkCounts(n, d);
        int m = n.length;
        ProportionBaseline baseline = null;
        int phase1End = -1;
        if (cfg.p0() != null) {
            baseline = ProportionBaseline.known(cfg.p0());
        } else {
            List<Integer> usable = new ArrayList<>();
            long defects = 0;
            for (int i = 0; i < m && !cfg.baselineComplete(usable.size(), defects); i++) {
                if (usable(cfg, n[i])) {
                    usable.add(i);
                    defects += d[i];
                }
            }
            phase1End = cfg.baselineComplete(usable.size(), defects) ? usable.get(usable.size() - 1) : m - 1;
            if (!usable.isEmpty()) {
                long[] bn = new long[usable.size()];
                long[] bd = new long[usable.size()];
                for (int j = 0; j < bn.length; j++) {
                    bn[j] = n[usable.get(j)];
                    bd[j] = d[usable.get(j)];
                }
                baseline = estimateBaseline(bn, bd, cfg);
            }
        }
        double[] z = new double[m];
        java.util.Arrays.fill(z, Double.NaN);
        List<Integer> zIndex = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (baseline != null && usable(cfg, n[i])) {
                z[i] = score(cfg, n[i], d[i], baseline.centre(), baseline.sigmaZ());
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
            boolean below = !usable(cfg, n[i]);
            SignalState.Step step;
            if (!below && baseline != null) {
                step = steps.get(j++);
                last = step;
            } else {
                step = new SignalState.Step(
                        last.ewma(), last.ewmaLimit(), last.cusumHi(), last.cusumLo(), null, List.of());
            }
            points.add(point(
                    cfg,
                    n[i],
                    d[i],
                    baseline == null ? null : baseline.centre(),
                    baseline,
                    phase,
                    below,
                    below ? null : z[i],
                    step));
        }
        return new Analysis(baseline, points);
    }

    /** The result of {@link #analyze}: the Phase I baseline (null when no usable subgroup) and one point per input. */
    public record Analysis(ProportionBaseline baseline, List<SubgroupResult> points) {
        public Analysis {
            points = List.copyOf(points);
        }
    }

    static boolean usable(ProportionChartConfig cfg, long n) {
        return n > 0 && n >= cfg.minSampleSize();
    }

    static SubgroupResult point(
            ProportionChartConfig cfg,
            long n,
            long d,
            Double centre,
            ProportionBaseline baseline,
            Phase phase,
            boolean below,
            Double z,
            SignalState.Step step) {
        double value = n == 0 ? Double.NaN : (double) d / n;
        Double lcl = null;
        Double ucl = null;
        double sigmaZ = baseline == null ? 1.0 : baseline.sigmaZ();
        ChartType type = baseline == null ? ChartType.P : baseline.chartType();
        if (centre != null && n > 0 && cfg.mode() == ProportionMode.PROBABILITY) {
            lcl = (double) lowestQuiet(n, centre, cfg.limitSigmas()) / n;
            ucl = (double) highestQuiet(n, centre, cfg.limitSigmas()) / n;
        } else if (centre != null && n > 0) {
            double half = cfg.limitSigmas() * binomialSigma(centre, n) * sigmaZ;
            lcl = Math.max(0.0, centre - half);
            ucl = Math.min(1.0, centre + half);
        }
        return new SubgroupResult(
                value,
                n,
                centre,
                lcl,
                ucl,
                z,
                type == ChartType.LANEY_P ? sigmaZ : null,
                type,
                phase,
                step.ewma(),
                step.ewmaLimit(),
                step.cusumHi(),
                step.cusumLo(),
                step.cusumShift(),
                below ? List.of() : step.signals(),
                below);
    }

    /**
     * The standardized value of a window the chart judges: {@link #exactScore} in {@link ProportionMode#PROBABILITY}
     * mode, else {@code (d/n − centre) / (sqrt(centre(1−centre)/n) · sigmaZ)}.
     */
    static double score(ProportionChartConfig cfg, long n, long d, double centre, double sigmaZ) {
        if (cfg.mode() == ProportionMode.PROBABILITY) {
            return exactScore(n, d, centre);
        }
        return standardize((double) d / n, centre, binomialSigma(centre, n) * sigmaZ);
    }

    /**
     * The normal score of {@code d} defects in {@code n} under Binomial(n, p) by its mid-p tail: {@code −Φ⁻¹(P(X > d) +
     * ½P(X = d))} on the upper side, {@code Φ⁻¹(P(X < d) + ½P(X = d))} on the lower side (each computed from its own
     * tail so the far tails keep their precision; a tail below 1e-15 scores the larger of 7.94 and the normal z, so
     * the score stays finite for EWMA and CUSUM). With p = 0 or 1 it is 0 for the only possible count and ±∞
     * otherwise, as {@link #standardize} is.
     */
    static double exactScore(long n, long d, double p) {
        if (p <= 0.0 || p >= 1.0) {
            return standardize((double) d / n, p, 0.0);
        }
        double half = 0.5 * new BinomialDistribution(null, (int) n, p).probability((int) d);
        double normal = standardize((double) d / n, p, binomialSigma(p, n));
        if (d >= n * p) {
            // P(X > d) = I_p(d + 1, n − d), the regularized incomplete beta, without the cancellation of 1 − F(d).
            double upper = (d < n ? Beta.regularizedBeta(p, d + 1.0, (double) (n - d)) : 0.0) + half;
            return upper > TAIL ? -NORMAL.inverseCumulativeProbability(Math.min(upper, 1.0)) : Math.max(normal, TAIL_Z);
        }
        // P(X < d) = P(X ≤ d − 1) = I_{1−p}(n − d + 1, d).
        double lower = (d > 0 ? Beta.regularizedBeta(1.0 - p, n - d + 1.0, (double) d) : 0.0) + half;
        return lower > TAIL ? NORMAL.inverseCumulativeProbability(Math.min(lower, 1.0)) : Math.min(normal, -TAIL_Z);
    }

    /** The largest count whose {@link #exactScore} is not above {@code l} (rule 1 is strict: beyond, not on). */
    static long highestQuiet(long n, double p, double l) {
        long d = Math.max(0, Math.min(n, (long) Math.ceil(n * p + l * Math.sqrt(n * p * (1 - p)))));
        while (d < n && !(exactScore(n, d + 1, p) > l)) {
            d++;
        }
        while (d > 0 && exactScore(n, d, p) > l) {
            d--;
        }
        return d;
    }

    /** The smallest count whose {@link #exactScore} is not below {@code −l}. */
    static long lowestQuiet(long n, double p, double l) {
        long d = Math.max(0, Math.min(n, (long) Math.floor(n * p - l * Math.sqrt(n * p * (1 - p)))));
        while (d > 0 && !(exactScore(n, d - 1, p) < -l)) {
            d--;
        }
        while (d < n && exactScore(n, d, p) < -l) {
            d++;
        }
        return d;
    }

    /** sqrt(p(1-p)/n); 0 when p is 0 or 1. */
    static double binomialSigma(double p, long n) {
        return Math.sqrt(p * (1.0 - p) / n);
    }

    /** (value - centre)/sigma; when sigma is 0: 0 if equal, else ±Infinity. */
    static double standardize(double value, double centre, double sigma) {
        if (sigma > 0.0) {
            return (value - centre) / sigma;
        }
        double diff = value - centre;
        return diff == 0.0 ? 0.0 : Math.copySign(Double.POSITIVE_INFINITY, diff);
    }

    static void checkCounts(long[] n, long[] d) {
        if (n.length != d.length) {
            throw new IllegalArgumentException("n and defects differ in length: " + n.length + " vs " + d.length);
        }
        for (int i = 0; i < n.length; i++) {
            checkCount(n[i], d[i]);
        }
    }

    static void checkCount(long n, long d) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        if (d < 0 || d > n) {
            throw new IllegalArgumentException("defects must be in [0, n = " + n + "], was " + d);
        }
    }
}
