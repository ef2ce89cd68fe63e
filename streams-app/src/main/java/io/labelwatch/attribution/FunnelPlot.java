package io.labelwatch.attribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Funnel plot for proportions: each annotator's defect rate against its number of reviews, with
 * limits around the baseline p₀ that widen as n shrinks (Spiegelhalter D.J., "Funnel plots for
 * comparing institutional performance", Statistics in Medicine 24:1185–1202, 2005).
 *
 * <p><b>Exact binomial limits</b> (default; Spiegelhalter 2005, Appendix A.1.1). For the tail
 * probability p = Φ(±z), let r_p be the smallest r with F(r) ≥ p, F the Bin(n, p₀) cdf. Because the
 * binomial is discrete, the limit is interpolated: α = (F(r_p) − p) / (F(r_p) − F(r_p − 1)) and the
 * plotted limit is (r_p − α) / n. Limits are clipped to [0, 1] (for small n·p₀ the lower interpolation
 * can fall below 0). For n &gt; {@link Integer#MAX_VALUE} the normal form is used.
 *
 * <p><b>Normal approximation</b>: p₀ ± z·√(p₀(1 − p₀)/n), clipped to [0, 1].
 *
 * <p><b>Overdispersion</b> (Spiegelhalter 2005 §3.2; Spiegelhalter, "Handling over-dispersion of
 * performance indicators", Qual Saf Health Care 14:347–351, 2005): multiplicative φ̂ = (1/I) Σ zᵢ²
 * over the I points' z-scores zᵢ = (yᵢ − p₀)/√(p₀(1 − p₀)/nᵢ), after winsorising the z-scores (the
 * ⌊f·I⌋ smallest set to the next one up, the ⌊f·I⌋ largest to the next one down, f = 10% by default).
 * Under no overdispersion I·φ̂ ≈ χ²_I (mean I, sd √(2I)), so φ̂ is applied only when φ̂ &gt; 1 +
 * 2√(2/I), about the upper 2-sd point; the limits become p₀ ± √φ̂ × (their unadjusted distance from
 * p₀). With fewer than 2 points φ̂ is NaN and never applied.
 *
 * <p>n = 0: limits NaN, no point is plotted. The {@link Breakdown#OTHER} bucket is not one annotator
 * and is never plotted.
 */
public final class FunnelPlot {

    /** Two-sided 95% limits: Φ⁻¹(0.975). */
    public static final double Z95 = 1.959963984540054;

    /** Two-sided 99.8% limits: Φ⁻¹(0.999). */
    public static final double Z998 = 3.090232306167813;

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /** How limits are computed. */
    public enum Method {
        EXACT_BINOMIAL,
        NORMAL
    }

    /** Lower and upper limit at one n. */
    public record Limits(double lower, double upper) {
        /** Where {@code rate} lies: strictly beyond a limit or not. */
        public Outlier classify(double rate) {
            if (rate > upper) {
                return Outlier.HIGH;
            }
            if (rate < lower) {
                return Outlier.LOW;
            }
            return Outlier.NONE;
        }
    }

    private FunnelPlot() {}

    /**
     * The exact one-sided binomial test agrees that d defects in n are above p0 at the funnel's level: P(X ≥ d | n,
     * p0) < 1 − Φ(z) (0.1 % for the 99.8 % funnel).
     */
    static boolean exactlyHigh(long n, long d, double p0, double z) {
        double tail = 1.0 - new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(z);
        return Attribution.excessPValue(n, d, p0) < tail;
    }

    /** Exact binomial limits (with Spiegelhalter's interpolation), no overdispersion. */
    public static Limits limits(double p0, long n, double z) {
        return limits(p0, n, z, Method.EXACT_BINOMIAL, 1.0);
    }

    /**
     * Limits at {@code n} for baseline {@code p0} in (0, 1), width {@code z} &gt; 0, multiplicative
     * overdispersion {@code phi} ≥ 1 (1 = none).
     */
    public static Limits limits(double p0, long n, double z, Method method, double phi) {
        if (!(p0 > 0 && p0 < 1)) {
            throw new IllegalArgumentException("p0 must be in (0,1), got " + p0);
        }
        if (!(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("z must be finite and > 0, got " + z);
        }
        if (!(phi >= 1) || Double.isInfinite(phi)) {
            throw new IllegalArgumentException("phi must be finite and >= 1, got " + phi);
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        if (n == 0) {
            return new Limits(Double.NaN, Double.NaN);
        }
        double lower;
        double upper;
        if (method == Method.EXACT_BINOMIAL && n <= Integer.MAX_VALUE) {
            BinomialDistribution bin = new BinomialDistribution(null, (int) n, p0);
            lower = exactQuantile(bin, n, STANDARD_NORMAL.cumulativeProbability(-z));
            upper = exactQuantile(bin, n, STANDARD_NORMAL.cumulativeProbability(z));
        } else {
            double half = z * Math.sqrt(p0 * (1 - p0) / n);
            lower = p0 - half;
            upper = p0 + half;
        }
        double inflate = Math.sqrt(phi);
        return new Limits(clip(p0 - inflate * (p0 - lower)), clip(p0 + inflate * (upper - p0)));
    }

    private static double exactQuantile(BinomialDistribution bin, long n, double p) {
        int r = bin.inverseCumulativeProbability(p);
        double fr = bin.cumulativeProbability(r);
        double frm1 = r == 0 ? 0 : bin.cumulativeProbability(r - 1);
        double alpha = (fr - p) / (fr - frm1);
        return (r - alpha) / n;
    }

    private static double clip(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** z-score (d/n − p₀)/√(p₀(1 − p₀)/n); NaN when n = 0. */
    public static double zScore(long n, long d, double p0) {
        return n == 0 ? Double.NaN : ((double) d / n - p0) / Math.sqrt(p0 * (1 - p0) / n);
    }

    /**
     * Winsorised multiplicative overdispersion estimate φ̂ = mean of winsorised z² over the named
     * values with n &gt; 0; NaN with fewer than 2 of them.
     */
    public static double overdispersion(Breakdown annotators, double p0, double winsorFraction) {
        List<Double> zs = new ArrayList<>();
        for (Map.Entry<String, Breakdown.Counts> e : annotators.values().entrySet()) {
            if (!Breakdown.OTHER.equals(e.getKey()) && e.getValue().n() > 0) {
                zs.add(zScore(e.getValue().n(), e.getValue().d(), p0));
            }
        }
        if (zs.size() < 2) {
            return Double.NaN;
        }
        double[] z = zs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(z);
        int k = (int) Math.floor(winsorFraction * z.length);
        double lo = z[k];
        double hi = z[z.length - 1 - k];
        double sum = 0;
        for (double v : z) {
            double w = Math.max(lo, Math.min(hi, v));
            sum += w * w;
        }
        return sum / z.length;
    }

    /** True when φ̂ &gt; 1 + 2√(2/I), i.e. overdispersion is evident among {@code points} points. */
    public static boolean overdispersed(double phi, int points) {
        return points >= 2 && phi > 1 + 2 * Math.sqrt(2.0 / points);
    }

    /**
     * One point per named annotator with n &gt; 0 (sorted by value), with limits at its n and its
     * outlier class. The {@link Breakdown#OTHER} bucket is skipped.
     */
    public static List<FunnelPoint> assess(Breakdown annotators, double p0, FunnelConfig cfg) {
        double phi = 1.0;
        if (cfg.adjustOverdispersion()) {
            double est = overdispersion(annotators, p0, cfg.winsorFraction());
            int points = (int) annotators.values().entrySet().stream()
                    .filter(e ->
                            !Breakdown.OTHER.equals(e.getKey()) && e.getValue().n() > 0)
                    .count();
            if (overdispersed(est, points)) {
                phi = est;
            }
        }
        List<FunnelPoint> out = new ArrayList<>();
        for (Map.Entry<String, Breakdown.Counts> e : annotators.values().entrySet()) {
            Breakdown.Counts c = e.getValue();
            if (Breakdown.OTHER.equals(e.getKey()) || c.n() == 0) {
                continue;
            }
            Limits lim = limits(p0, c.n(), cfg.z(), cfg.method(), phi);
            double rate = c.rate();
            Outlier outlier = lim.classify(rate);
            if (outlier == Outlier.HIGH && phi == 1.0 && !exactlyHigh(c.n(), c.d(), p0, cfg.z())) {
                // The interpolated limit is continuous, counts are not: with n = 1 and p0 = 3 % the limit is 97 %
                // and one defect (100 %) would be flagged although P(X >= 1) = 3 % is no evidence at all.
                outlier = Outlier.NONE;
            }
            out.add(new FunnelPoint(
                    e.getKey(), c.n(), c.d(), rate, zScore(c.n(), c.d(), p0), lim.lower(), lim.upper(), outlier));
        }
        return List.copyOf(out);
    }
}
