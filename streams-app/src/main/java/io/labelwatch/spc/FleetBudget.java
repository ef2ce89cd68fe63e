package io.labelwatch.spc;

import java.time.Duration;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * Limits that keep a fleet of charts within a budget of false alarms per day.
 *
 * <p>With {@code C} charts judged once per window of length {@code w}, a fleet sees {@code C × (1 day / w)}
 * chart-windows a day; to average at most {@code B} false alarms a day, each chart needs an in-control ARL of
 * <pre>ARL0 = C × (1 day / w) / B</pre>
 * windows. A chart that watches with several detectors (Shewhart rule 1, EWMA, tabular CUSUM) alarms when any of them
 * does; false-alarm rates of the detectors add at most (union bound), so each of the {@code d} enabled detectors gets
 * {@code d × ARL0}. The run rules 2–8 are not budgeted: a fleet that uses this budget should run rule 1 only
 * ({@code labelwatch.spc.rules=NELSON_1}).
 *
 * <ul>
 *   <li>Shewhart, two-sided, normal: {@code ARL0 = 1 / (2 Φ(−L))}, so {@code L = Φ⁻¹(1 − 1/(2 ARL0))} (Montgomery,
 *       <i>Introduction to Statistical Quality Control</i>, 7th ed., §6.2.3: L = 3 gives 370.4).
 *   <li>Tabular CUSUM, two-sided, with Siegmund's approximation for each side, {@code ARL = (e^{−2Δb} + 2Δb − 1) /
 *       (2Δ²)} with {@code Δ = δ − k}, {@code b = h + 1.166}, and {@code 1/ARL = 1/ARL⁺ + 1/ARL⁻} (Montgomery §9.1.3:
 *       k = 0.5, h = 5 gives 469, against 465 exactly).
 *   <li>EWMA with asymptotic limits {@code ±L √(λ/(2−λ))}, ARL by the Markov-chain method of Brook and Evans
 *       (Biometrika 59, 1972) with {@value #EWMA_STATES} states (Lucas and Saccucci 1990: λ = 0.2, L = 2.962 gives
 *       500).
 * </ul>
 *
 * <p>All functions are pure. Non-positive or non-finite inputs throw {@link IllegalArgumentException}.
 */
public final class FleetBudget {
    static final int EWMA_STATES = 151;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    private static final double DAY_MS = Duration.ofDays(1).toMillis();

    private FleetBudget() {}

    /**
     * A derived set of limits.
     *
     * @param charts active charts
     * @param falseAlarmsPerDay the budget
     * @param window window (subgroup) length
     * @param chartArl0 required in-control ARL of one chart, in windows
     * @param detectorArl0 in-control ARL each detector gets ({@code chartArl0 × detectors})
     * @param shewhartL L of the Shewhart limits ({@code labelwatch.spc.sigma-multiplier})
     * @param ewmaL L of the EWMA ({@code labelwatch.spc.ewma.l}) at {@code ewmaLambda}
     * @param ewmaLambda the EWMA's λ
     * @param cusumH h of the CUSUM ({@code labelwatch.spc.cusum.h}) at {@code cusumK}
     * @param cusumK the CUSUM's k
     */
    public record Plan(
            int charts,
            double falseAlarmsPerDay,
            Duration window,
            double chartArl0,
            double detectorArl0,
            double shewhartL,
            double ewmaL,
            double ewmaLambda,
            double cusumH,
            double cusumK) {

        /** Expected false alarms a day over the fleet with these limits (union bound over the three detectors). */
        public double expectedFalseAlarmsPerDay() {
            double rate =
                    1 / shewhartArl(shewhartL, 0) + 1 / ewmaArl(ewmaLambda, ewmaL, 0) + 1 / cusumArl(cusumK, cusumH, 0);
            return rate * charts * DAY_MS / window.toMillis();
        }
    }

    /**
     * Limits for {@code charts} charts with windows of {@code window} to average at most {@code falseAlarmsPerDay},
     * with Shewhart, EWMA (λ = {@code ewmaLambda}) and CUSUM (k = {@code cusumK}) all enabled.
     */
    public static Plan plan(int charts, double falseAlarmsPerDay, Duration window, double ewmaLambda, double cusumK) {
        double chartArl0 = requiredArl0(charts, falseAlarmsPerDay, window);
        double detectorArl0 = 3 * chartArl0;
        return new Plan(
                charts,
                falseAlarmsPerDay,
                window,
                chartArl0,
                detectorArl0,
                shewhartL(detectorArl0),
                ewmaL(ewmaLambda, detectorArl0),
                ewmaLambda,
                cusumH(cusumK, detectorArl0),
                cusumK);
    }

    /** {@code ARL0 = charts × (1 day / window) / falseAlarmsPerDay}, in windows. */
    public static double requiredArl0(int charts, double falseAlarmsPerDay, Duration window) {
        positive("charts", charts);
        positive("falseAlarmsPerDay", falseAlarmsPerDay);
        positive("window", window.toMillis());
        return charts * (DAY_MS / window.toMillis()) / falseAlarmsPerDay;
    }

    /** {@code L = Φ⁻¹(1 − 1/(2 ARL0))}; ARL0 must exceed 1. */
    public static double shewhartL(double arl0) {
        requireArl(arl0);
        return NORMAL.inverseCumulativeProbability(1 - 1 / (2 * arl0));
    }

    /** ARL of a two-sided Shewhart chart with limits ±L after a step shift of δ sigmas: {@code 1/(1−Φ(L−δ)+Φ(−L−δ))}. */
    public static double shewhartArl(double l, double delta) {
        positive("L", l);
        return 1 / (1 - NORMAL.cumulativeProbability(l - delta) + NORMAL.cumulativeProbability(-l - delta));
    }

    /** Two-sided tabular CUSUM ARL by Siegmund's approximation (see the class comment). */
    public static double cusumArl(double k, double h, double delta) {
        if (!(k >= 0) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("k must be finite and >= 0, was " + k);
        }
        positive("h", h);
        double up = siegmund(delta - k, h);
        double down = siegmund(-delta - k, h);
        return 1 / (1 / up + 1 / down);
    }

    private static double siegmund(double d, double h) {
        double b = h + 1.166;
        if (Math.abs(d) < 1e-9) {
            return b * b;
        }
        return (Math.exp(-2 * d * b) + 2 * d * b - 1) / (2 * d * d);
    }

    /** The h for which {@link #cusumArl}(k, h, 0) equals {@code arl0} (bisection to 1e-6). */
    public static double cusumH(double k, double arl0) {
        requireArl(arl0);
        return bisect(h -> cusumArl(k, h, 0) - arl0, 1e-3, 60);
    }

    /** Two-sided EWMA ARL with asymptotic limits after a step shift of δ sigmas (Brook and Evans Markov chain). */
    public static double ewmaArl(double lambda, double l, double delta) {
        if (!(lambda > 0 && lambda <= 1)) {
            throw new IllegalArgumentException("lambda must be in (0, 1], was " + lambda);
        }
        positive("L", l);
        int m = EWMA_STATES;
        double limit = l * Math.sqrt(lambda / (2 - lambda));
        double width = 2 * limit / m;
        double[] centre = new double[m];
        for (int i = 0; i < m; i++) {
            centre[i] = -limit + (i + 0.5) * width;
        }
        double[][] a = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double hi = (centre[j] + width / 2 - (1 - lambda) * centre[i]) / lambda - delta;
                double lo = (centre[j] - width / 2 - (1 - lambda) * centre[i]) / lambda - delta;
                double p = NORMAL.cumulativeProbability(hi) - NORMAL.cumulativeProbability(lo);
                a[i][j] = (i == j ? 1 : 0) - p;
            }
        }
        RealVector ones = new ArrayRealVector(m, 1.0);
        RealVector arl = new LUDecomposition(new Array2DRowRealMatrix(a, false))
                .getSolver()
                .solve(ones);
        return arl.getEntry(m / 2);
    }

    /** The L for which {@link #ewmaArl}(λ, L, 0) equals {@code arl0} (bisection). */
    public static double ewmaL(double lambda, double arl0) {
        requireArl(arl0);
        return bisect(l -> ewmaArl(lambda, l, 0) - arl0, 0.5, 6.5);
    }

    private static double bisect(java.util.function.DoubleUnaryOperator f, double lo, double hi) {
        double flo = f.applyAsDouble(lo);
        if (flo > 0 || f.applyAsDouble(hi) < 0) {
            throw new IllegalArgumentException("target ARL outside the supported range");
        }
        for (int i = 0; i < 100 && hi - lo > 1e-6; i++) {
            double mid = (lo + hi) / 2;
            if (f.applyAsDouble(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static void requireArl(double arl0) {
        if (!(arl0 > 1) || !Double.isFinite(arl0)) {
            throw new IllegalArgumentException("ARL0 must be a finite number above 1, was " + arl0);
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite, was " + v);
        }
    }
}
