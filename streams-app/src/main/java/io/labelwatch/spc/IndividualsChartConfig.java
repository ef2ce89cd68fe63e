package io.labelwatch.spc;

import java.util.Objects;

/**
 * Settings of an individuals chart (used for agreement series such as rolling Krippendorff's alpha). Start from
 * {@link #defaults()}.
 *
 * <p>Defaults: L = 3, rules {@code nelson}, baseline K = 8 windows, at most 5 Phase I estimation rounds, minSampleSize
 * 30 (the weight passed with each value, e.g. the number of pairable units), EWMA λ = 0.2, L = 2.962, exact limits
 * (ARL0 ≈ 500, Lucas and Saccucci 1990), CUSUM off (k = 0.5, h = 5 when switched on), no known centre or sigma, no
 * floor.
 *
 * @param knownCentre known centre line; null = the Phase I mean
 * @param knownSigma known sigma; null = the Phase I average moving range / 1.128 (d2 for n = 2)
 * @param floor an absolute minimum (e.g. alpha 0.667, Krippendorff's lowest acceptable value): a value strictly below
 *     it signals {@code BELOW_FLOOR} in either phase, because it does not depend on the baseline
 */
public record IndividualsChartConfig(
        double limitSigmas,
        RuleSet rules,
        int baselineSubgroups,
        int phase1MaxIterations,
        long minSampleSize,
        boolean ewmaEnabled,
        double ewmaLambda,
        double ewmaL,
        EwmaLimits ewmaLimits,
        boolean cusumEnabled,
        double cusumK,
        double cusumH,
        Double knownCentre,
        Double knownSigma,
        Double floor) {

    public IndividualsChartConfig {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(ewmaLimits, "ewmaLimits");
        ChartChecks.positive("limitSigmas", limitSigmas);
        ChartChecks.atLeast("baselineSubgroups", baselineSubgroups, 1);
        ChartChecks.atLeast("phase1MaxIterations", phase1MaxIterations, 1);
        ChartChecks.atLeast("minSampleSize", minSampleSize, 0);
        ChartChecks.lambda(ewmaLambda);
        ChartChecks.positive("ewmaL", ewmaL);
        ChartChecks.nonNegative("cusumK", cusumK);
        ChartChecks.positive("cusumH", cusumH);
        if (knownCentre != null) {
            ChartChecks.finite("knownCentre", knownCentre);
        }
        if (knownSigma != null) {
            ChartChecks.positive("knownSigma", knownSigma);
        }
        if (floor != null) {
            ChartChecks.finite("floor", floor);
        }
    }

    public static IndividualsChartConfig defaults() {
        return new IndividualsChartConfig(
                3.0, RuleSet.nelson(), 8, 5, 30, true, 0.2, 2.962, EwmaLimits.EXACT, false, 0.5, 5.0, null, null, null);
    }

    public IndividualsChartConfig withLimitSigmas(double v) {
        return new IndividualsChartConfig(
                v,
                rules,
                baselineSubgroups,
                phase1MaxIterations,
                minSampleSize,
                ewmaEnabled,
                ewmaLambda,
                ewmaL,
                ewmaLimits,
                cusumEnabled,
                cusumK,
                cusumH,
                knownCentre,
                knownSigma,
                floor);
    }

    public IndividualsChartConfig withRules(RuleSet v) {
        return new IndividualsChartConfig(
                limitSigmas,
                v,
                baselineSubgroups,
                phase1MaxIterations,
                minSampleSize,
                ewmaEnabled,
                ewmaLambda,
                ewmaL,
                ewmaLimits,
                cusumEnabled,
                cusumK,
                cusumH,
                knownCentre,
                knownSigma,
                floor);
    }

    public IndividualsChartConfig withBaseline(int subgroups, int maxIterations) {
        return new IndividualsChartConfig(
                limitSigmas,
                rules,
                subgroups,
                maxIterations,
                minSampleSize,
                ewmaEnabled,
                ewmaLambda,
                ewmaL,
                ewmaLimits,
                cusumEnabled,
                cusumK,
                cusumH,
                knownCentre,
                knownSigma,
                floor);
    }

    public IndividualsChartConfig withMinSampleSize(long v) {
        return new IndividualsChartConfig(
                limitSigmas,
                rules,
                baselineSubgroups,
                phase1MaxIterations,
                v,
                ewmaEnabled,
                ewmaLambda,
                ewmaL,
                ewmaLimits,
                cusumEnabled,
                cusumK,
                cusumH,
                knownCentre,
                knownSigma,
                floor);
    }

    public IndividualsChartConfig withEwma(boolean enabled, double lambda, double l, EwmaLimits limits) {
        return new IndividualsChartConfig(
                limitSigmas,
                rules,
                baselineSubgroups,
                phase1MaxIterations,
                minSampleSize,
                enabled,
                lambda,
                l,
                limits,
                cusumEnabled,
                cusumK,
                cusumH,
                knownCentre,
                knownSigma,
                floor);
    }

    public IndividualsChartConfig withCusum(boolean enabled, double k, double h) {
        return new IndividualsChartConfig(
                limitSigmas,
                rules,
                baselineSubgroups,
                phase1MaxIterations,
                minSampleSize,
                ewmaEnabled,
                ewmaLambda,
                ewmaL,
                ewmaLimits,
                enabled,
                k,
                h,
                knownCentre,
                knownSigma,
                floor);
    }

    public IndividualsChartConfig withKnown(Double centre, Double sigma) {
        return new IndividualsChartConfig(
                limitSigmas,
                rules,
                baselineSubgroups,
                phase1MaxIterations,
                minSampleSize,
                ewmaEnabled,
                ewmaLambda,
                ewmaL,
                ewmaLimits,
                cusumEnabled,
                cusumK,
                cusumH,
                centre,
                sigma,
                floor);
    }

    public IndividualsChartConfig withFloor(Double v) {
        return new IndividualsChartConfig(
                limitSigmas,
                rules,
                baselineSubgroups,
                phase1MaxIterations,
                minSampleSize,
                ewmaEnabled,
                ewmaLambda,
                ewmaL,
                ewmaLimits,
                cusumEnabled,
                cusumK,
                cusumH,
                knownCentre,
                knownSigma,
                v);
    }

    SignalSettings signalSettings() {
        return new SignalSettings(
                limitSigmas, rules, ewmaEnabled, ewmaLambda, ewmaL, ewmaLimits, cusumEnabled, cusumK, cusumH);
    }
}
