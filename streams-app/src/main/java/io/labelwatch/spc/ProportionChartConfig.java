package io.labelwatch.spc;

import java.util.Objects;

/**
 * Settings of a proportion (error-rate) chart. Start from {@link #defaults()} and change what you need with the
 * {@code with...} methods.
 *
 * <p>Defaults and why:
 *
 * <ul>
 *   <li>mode AUTO, limitSigmas L = 3 (Shewhart; rule 1 alone gives ARL0 = 370.4), rules {@code nelson}.
 *   <li>baselineSubgroups K = 8 usable windows for Phase I; phase1MaxIterations = 5 estimation rounds (estimate, drop
 *       points beyond the limits, re-estimate; the last round's estimate is kept even if it would drop more).
 *   <li>minSampleSize 30: smaller windows are recorded, never signalled and not used for the baseline.
 *   <li>EWMA on the standardized values, λ = 0.2, L = 2.962, exact limits: ARL0 ≈ 500 (Lucas and Saccucci 1990,
 *       Technometrics 32(1), table 3; also Montgomery ISQC table 9.11).
 *   <li>Tabular CUSUM on the standardized values, k = 0.5, h = 5: ARL0 ≈ 465 and ARL1 ≈ 10.4 for a 1σ shift
 *       (Montgomery ISQC table 9.3). We prefer h = 5 over h = 4.77 (ARL0 ≈ 370) because a deployment runs many charts
 *       and false pages cost more than one extra window of delay.
 *   <li>p0 null (estimate the centre); overdispersionAlpha 0.01 for AUTO.
 *   <li>baselineMinDefects 0: Phase I ends after K usable windows. A chart of a rare class may then estimate its centre
 *       from a handful of defects: with D defects the centre's relative standard error is about 1/√D (3 defects:
 *       58 %), and limits, EWMA and CUSUM against an under-estimated centre raise false alarms far more often than
 *       their nominal ARL0 (Jensen et al., "Effects of parameter estimation on control chart properties", J. Quality
 *       Technology 38(4), 2006). A positive value makes Phase I go on until the baseline holds that many defects
 *       (Labelwatch's service default is 25: about 20 % relative error), for at most {@value #SPARSE_BASELINE_FACTOR}
 *       K windows.
 * </ul>
 *
 * @param p0 known in-control proportion; when set the chart starts in Phase II at once and uses the p chart (there is
 *     no baseline from which to estimate sigma_z)
 */
public record ProportionChartConfig(
        ProportionMode mode,
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
        Double p0,
        double overdispersionAlpha,
        long baselineMinDefects) {

    /** How many times K a sparse chart's Phase I may last while it waits for {@link #baselineMinDefects()}. */
    public static final int SPARSE_BASELINE_FACTOR = 10;

    public ProportionChartConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(ewmaLimits, "ewmaLimits");
        ChartChecks.positive("limitSigmas", limitSigmas);
        ChartChecks.atLeast("baselineSubgroups", baselineSubgroups, 1);
        ChartChecks.atLeast("phase1MaxIterations", phase1MaxIterations, 1);
        ChartChecks.atLeast("minSampleSize", minSampleSize, 0);
        ChartChecks.atLeast("baselineMinDefects", baselineMinDefects, 0);
        ChartChecks.lambda(ewmaLambda);
        ChartChecks.positive("ewmaL", ewmaL);
        ChartChecks.nonNegative("cusumK", cusumK);
        ChartChecks.positive("cusumH", cusumH);
        if (p0 != null && !(p0 >= 0.0 && p0 <= 1.0)) {
            throw new IllegalArgumentException("p0 must be in [0, 1], was " + p0);
        }
        if (!(overdispersionAlpha > 0.0 && overdispersionAlpha < 1.0)) {
            throw new IllegalArgumentException("overdispersionAlpha must be in (0, 1), was " + overdispersionAlpha);
        }
    }

    public static ProportionChartConfig defaults() {
        return new ProportionChartConfig(
                ProportionMode.AUTO,
                3.0,
                RuleSet.nelson(),
                8,
                5,
                30,
                true,
                0.2,
                2.962,
                EwmaLimits.EXACT,
                true,
                0.5,
                5.0,
                null,
                0.01,
                0);
    }

    public ProportionChartConfig withMode(ProportionMode v) {
        return new ProportionChartConfig(
                v,
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
                p0,
                overdispersionAlpha,
                baselineMinDefects);
    }

    public ProportionChartConfig withLimitSigmas(double v) {
        return new ProportionChartConfig(
                mode,
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
                p0,
                overdispersionAlpha,
                baselineMinDefects);
    }

    public ProportionChartConfig withRules(RuleSet v) {
        return new ProportionChartConfig(
                mode,
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
                p0,
                overdispersionAlpha,
                baselineMinDefects);
    }

    public ProportionChartConfig withBaseline(int subgroups, int maxIterations) {
        return new ProportionChartConfig(
                mode,
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
                p0,
                overdispersionAlpha,
                baselineMinDefects);
    }

    public ProportionChartConfig withMinSampleSize(long v) {
        return new ProportionChartConfig(
                mode,
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
                p0,
                overdispersionAlpha,
                baselineMinDefects);
    }

    public ProportionChartConfig withEwma(boolean enabled, double lambda, double l, EwmaLimits limits) {
        return new ProportionChartConfig(
                mode,
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
                p0,
                overdispersionAlpha,
                baselineMinDefects);
    }

    public ProportionChartConfig withCusum(boolean enabled, double k, double h) {
        return new ProportionChartConfig(
                mode,
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
                p0,
                overdispersionAlpha,
                baselineMinDefects);
    }

    public ProportionChartConfig withP0(Double v) {
        return new ProportionChartConfig(
                mode,
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
                v,
                overdispersionAlpha,
                baselineMinDefects);
    }

    public ProportionChartConfig withOverdispersionAlpha(double v) {
        return new ProportionChartConfig(
                mode,
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
                p0,
                v,
                baselineMinDefects);
    }

    /**
     * Phase I goes on past K usable windows until the buffered windows hold at least {@code v} defects, for at most
     * {@link #maxBaselineSubgroups()} windows; 0 (the default) ends Phase I after K windows whatever they hold.
     */
    public ProportionChartConfig withBaselineMinDefects(long v) {
        return new ProportionChartConfig(
                mode,
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
                p0,
                overdispersionAlpha,
                v);
    }

    /** The longest Phase I a sparse chart waits for {@link #baselineMinDefects()}: {@value #SPARSE_BASELINE_FACTOR} K. */
    public int maxBaselineSubgroups() {
        return baselineMinDefects == 0 ? baselineSubgroups : SPARSE_BASELINE_FACTOR * baselineSubgroups;
    }

    /** True when {@code subgroups} usable windows holding {@code defects} defects complete Phase I. */
    public boolean baselineComplete(int subgroups, long defects) {
        return subgroups >= maxBaselineSubgroups() || subgroups >= baselineSubgroups && defects >= baselineMinDefects;
    }

    SignalSettings signalSettings() {
        return new SignalSettings(
                limitSigmas, rules, ewmaEnabled, ewmaLambda, ewmaL, ewmaLimits, cusumEnabled, cusumK, cusumH);
    }
}
