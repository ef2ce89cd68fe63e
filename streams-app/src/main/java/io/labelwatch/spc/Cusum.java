package io.labelwatch.spc;

/**
 * Tabular (two one-sided) CUSUM over a whole series (Page 1954; Montgomery, Introduction to Statistical Quality Control,
 * 6th ed., section 9.1.2).
 *
 * <p>With K = k·σ and H = h·σ: C+_i = max(0, x_i - (μ0 + K) + C+_{i-1}), C-_i = max(0, (μ0 - K) - x_i + C-_{i-1}),
 * C±_0 = 0. N+ and N- count the consecutive periods the sum has been non-zero. A signal is a sum strictly above H;
 * then the new process mean is estimated as μ0 + K + C+/N+ (upper) or μ0 - K - C-/N- (lower), Montgomery eq. 9.4.
 * The sums are not reset after a signal (as in R qcc), so a persistent shift keeps signalling. NaN inputs propagate.
 */
public final class Cusum {
    private Cusum() {}

    /** Computes the chart; {@code k} and {@code h} are in units of {@code sigma}. */
    public static Result chart(double[] x, double target, double sigma, double k, double h) {
        int m = x.length;
        double[] hi = new double[m];
        double[] lo = new double[m];
        int[] nHi = new int[m];
        int[] nLo = new int[m];
        boolean[] high = new boolean[m];
        boolean[] low = new boolean[m];
        double[] newMean = new double[m];
        double bigK = k * sigma;
        double bigH = h * sigma;
        double cHi = 0.0;
        double cLo = 0.0;
        int runHi = 0;
        int runLo = 0;
        for (int i = 0; i < m; i++) {
            cHi = Math.max(0.0, x[i] - (target + bigK) + cHi);
            cLo = Math.max(0.0, (target - bigK) - x[i] + cLo);
            runHi = cHi > 0.0 ? runHi + 1 : 0;
            runLo = cLo > 0.0 ? runLo + 1 : 0;
            hi[i] = cHi;
            lo[i] = cLo;
            nHi[i] = runHi;
            nLo[i] = runLo;
            high[i] = cHi > bigH;
            low[i] = cLo > bigH;
            newMean[i] = high[i] ? target + bigK + cHi / runHi : low[i] ? target - bigK - cLo / runLo : Double.NaN;
        }
        return new Result(hi, lo, nHi, nLo, high, low, newMean, bigH);
    }

    /**
     * Per-point sums, run counters, signals and the new-mean estimate (NaN where no signal); {@code decisionInterval}
     * is H = h·σ.
     */
    public record Result(
            double[] upper,
            double[] lower,
            int[] runsUpper,
            int[] runsLower,
            boolean[] high,
            boolean[] low,
            double[] newMean,
            double decisionInterval) {}
}
