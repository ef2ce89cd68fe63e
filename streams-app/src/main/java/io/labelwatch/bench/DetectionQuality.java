package io.labelwatch.bench;

import io.labelwatch.spc.FleetBudget;
import io.labelwatch.spc.ProportionChartConfig;
import io.labelwatch.spc.ProportionMode;
import io.labelwatch.spc.ProportionMonitor;
import io.labelwatch.spc.RuleSet;
import java.util.Arrays;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Run lengths of the pure error-rate chart ({@link ProportionMonitor}) on simulated binomial windows with a known
 * truth: each run starts a fresh chart with a known centre {@code p0} (Phase II from the first window, so the numbers
 * are the rules' and not the Phase I estimate's), draws {@code d ~ Binomial(n, p)} each window and counts windows up
 * to and including the first signal.
 *
 * <p>A shift of δ sigmas moves the error rate to {@code p0 + δ √(p0(1−p0)/n)}, i.e. δ in units of the per-window
 * binomial sigma, which is what the p chart standardizes by. Runs are capped at {@code maxWindows}; a capped run
 * counts as {@code maxWindows} (so a huge ARL is under-estimated, never over-estimated).
 */
public final class DetectionQuality {
    private DetectionQuality() {}

    /**
     * Summary of many runs.
     *
     * @param runs number of runs
     * @param mean mean run length (the ARL estimate)
     * @param median median run length
     * @param censored runs that hit the cap without a signal
     */
    public record RunLengths(int runs, double mean, double median, int censored) {

        /** Signals per 1,000 windows: {@code 1000 / mean}. */
        public double perThousand() {
            return 1000 / mean;
        }
    }

    /** Run lengths of {@code runs} fresh charts of {@code config} (its p0 is replaced by {@code p0}). */
    public static RunLengths runLengths(
            ProportionChartConfig config, double p0, int n, double shiftSigmas, int runs, int maxWindows, long seed) {
        if (!(p0 > 0 && p0 < 1) || n < 1 || runs < 1 || maxWindows < 1) {
            throw new IllegalArgumentException("need 0 < p0 < 1, n >= 1, runs >= 1, maxWindows >= 1");
        }
        double p = p0 + shiftSigmas * Math.sqrt(p0 * (1 - p0) / n);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("shifted error rate " + p + " is outside (0, 1)");
        }
        RandomGenerator random = new Well19937c(seed);
        BinomialDistribution draws = new BinomialDistribution(random, n, p);
        ProportionChartConfig known = config.withP0(p0);
        int[] lengths = new int[runs];
        int censored = 0;
        for (int r = 0; r < runs; r++) {
            ProportionMonitor chart = new ProportionMonitor(known);
            int t = 0;
            boolean signalled = false;
            while (t < maxWindows && !signalled) {
                t++;
                signalled = chart.update(n, draws.sample()).signalled();
            }
            if (!signalled) {
                censored++;
            }
            lengths[r] = t;
        }
        Arrays.sort(lengths);
        double mean = Arrays.stream(lengths).average().orElseThrow();
        double median = runs % 2 == 1 ? lengths[runs / 2] : (lengths[runs / 2 - 1] + lengths[runs / 2]) / 2.0;
        return new RunLengths(runs, mean, median, censored);
    }

    /** The default chart (Nelson 1–8, EWMA, CUSUM, L = 3). */
    public static ProportionChartConfig defaultRules() {
        return ProportionChartConfig.defaults();
    }

    /** Shewhart rule 1 alone (no EWMA, no CUSUM) at L sigmas. */
    public static ProportionChartConfig shewhartOnly(double l) {
        ProportionChartConfig d = ProportionChartConfig.defaults();
        return d.withRules(RuleSet.parse("NELSON_1"))
                .withLimitSigmas(l)
                .withEwma(false, d.ewmaLambda(), d.ewmaL(), d.ewmaLimits())
                .withCusum(false, d.cusumK(), d.cusumH());
    }

    /** The tabular CUSUM alone (k, h in sigmas). */
    public static ProportionChartConfig cusumOnly(double k, double h) {
        ProportionChartConfig d = ProportionChartConfig.defaults();
        return d.withRules(RuleSet.none())
                .withEwma(false, d.ewmaLambda(), d.ewmaL(), d.ewmaLimits())
                .withCusum(true, k, h);
    }

    /**
     * The chart the fleet budget prescribes: the p chart with exact binomial probability limits, rule 1 at the plan's
     * L, EWMA and CUSUM at the plan's limits.
     */
    public static ProportionChartConfig fleet(FleetBudget.Plan plan) {
        ProportionChartConfig d = ProportionChartConfig.defaults();
        return d.withMode(ProportionMode.PROBABILITY)
                .withRules(RuleSet.parse("NELSON_1"))
                .withLimitSigmas(plan.shewhartL())
                .withEwma(true, plan.ewmaLambda(), plan.ewmaL(), d.ewmaLimits())
                .withCusum(true, plan.cusumK(), plan.cusumH());
    }

    /**
     * False alarms per day over a simulated in-control fleet: {@code charts} charts of {@code config} at a known
     * centre, each judged {@code windowsPerDay} times a day for {@code days} days. After an alarm the chart starts
     * afresh (the alert is handled and the chart re-armed), so the count is of alarms, not of signalling windows.
     */
    public static double fleetFalseAlarmsPerDay(
            ProportionChartConfig config, double p0, int n, int charts, int windowsPerDay, int days, long seed) {
        RandomGenerator random = new Well19937c(seed);
        BinomialDistribution draws = new BinomialDistribution(random, n, p0);
        ProportionChartConfig known = config.withP0(p0);
        long alarms = 0;
        for (int c = 0; c < charts; c++) {
            ProportionMonitor chart = new ProportionMonitor(known);
            for (int w = 0; w < windowsPerDay * days; w++) {
                if (chart.update(n, draws.sample()).signalled()) {
                    alarms++;
                    chart = new ProportionMonitor(known);
                }
            }
        }
        return (double) alarms / days;
    }
}
