package io.labelwatch.spc;

/**
 * Exponentially weighted moving average chart over a whole series (Roberts 1959; Montgomery, Introduction to
 * Statistical Quality Control, 6th ed., section 9.2).
 *
 * <p>E_0 = target, E_i = λ·x_i + (1-λ)·E_{i-1}; limits target ± L·σ·sqrt(λ/(2-λ)·(1-(1-λ)^(2i))) (exact) or target ±
 * L·σ·sqrt(λ/(2-λ)) (asymptotic). A signal is a point strictly beyond a limit. NaN values propagate into the EWMA;
 * callers skip them. An empty series gives empty arrays.
 */
public final class Ewma {
    private Ewma() {}

    /**
     * Half-width of the EWMA limits in units of σ at step {@code i} (1-based).
     *
     * @throws IllegalArgumentException when i &lt; 1
     */
    public static double limitFactor(double lambda, double l, long i, EwmaLimits limits) {
        if (i < 1) {
            throw new IllegalArgumentException("EWMA step must be >= 1, was " + i);
        }
        double asymptotic = lambda / (2.0 - lambda);
        if (limits == EwmaLimits.ASYMPTOTIC) {
            return l * Math.sqrt(asymptotic);
        }
        return l * Math.sqrt(asymptotic * (1.0 - Math.pow(1.0 - lambda, 2.0 * i)));
    }

    /** Computes the chart. */
    public static Result chart(double[] x, double target, double sigma, double lambda, double l, EwmaLimits limits) {
        ChartChecks.lambda(lambda);
        int m = x.length;
        double[] e = new double[m];
        double[] lcl = new double[m];
        double[] ucl = new double[m];
        boolean[] high = new boolean[m];
        boolean[] low = new boolean[m];
        double previous = target;
        for (int i = 0; i < m; i++) {
            previous = lambda * x[i] + (1.0 - lambda) * previous;
            e[i] = previous;
            double half = sigma * limitFactor(lambda, l, i + 1L, limits);
            lcl[i] = target - half;
            ucl[i] = target + half;
            high[i] = e[i] > ucl[i];
            low[i] = e[i] < lcl[i];
        }
        return new Result(e, lcl, ucl, high, low);
    }

    /** The EWMA statistics, their limits and the signals, one entry per input value. */
    public record Result(double[] ewma, double[] lcl, double[] ucl, boolean[] high, boolean[] low) {}
}
