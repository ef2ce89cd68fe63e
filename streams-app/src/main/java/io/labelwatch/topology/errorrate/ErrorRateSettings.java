package io.labelwatch.topology.errorrate;

import io.labelwatch.attribution.AttributionConfig;
import io.labelwatch.attribution.FunnelConfig;
import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.SafetyCriticality;
import io.labelwatch.spc.EwmaLimits;
import io.labelwatch.spc.FleetBudget;
import io.labelwatch.spc.ProportionChartConfig;
import io.labelwatch.spc.ProportionMode;
import io.labelwatch.spc.Recovery;
import io.labelwatch.spc.RuleSet;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The error-rate topology's settings, read once from the configuration. */
public record ErrorRateSettings(
        Duration windowSize,
        Duration grace,
        Duration idleClose,
        ProportionChartConfig chart,
        Map<String, Double> p0ByChart,
        int resolveAfter,
        double resolveMaxZ,
        String runbookUrl,
        SafetyCriticality defaultSeverity,
        Map<String, SafetyCriticality> severityByClass,
        AttributionConfig attribution,
        FunnelConfig funnel,
        int annotatorFireAfter,
        Duration historyRetention,
        int sourcePartitions,
        Weighting weighting,
        boolean alertOnDecrease) {

    /**
     * Reads the settings; when {@code labelwatch.spc.fleet.*} are set, the chart limits are the ones the fleet budget
     * derives ({@link #withFleetBudget}), for the service as for the demo.
     */
    public static ErrorRateSettings from(LabelwatchConfig given) {
        LabelwatchConfig config = withFleetBudget(given);
        ProportionChartConfig chart = ProportionChartConfig.defaults()
                .withMode(ProportionMode.valueOf(
                        config.string(ConfigKeys.SPC_CHART).toUpperCase(Locale.ROOT)))
                .withLimitSigmas(config.number(ConfigKeys.SPC_SIGMA))
                .withRules(parseRules(config.string(ConfigKeys.SPC_RULES)))
                .withBaseline(config.integer(ConfigKeys.SPC_BASELINE_WINDOWS), 10)
                .withBaselineMinDefects(config.integer(ConfigKeys.SPC_BASELINE_MIN_DEFECTS))
                .withMinSampleSize(config.integer(ConfigKeys.SPC_MIN_SAMPLE))
                .withEwma(
                        true,
                        config.number(ConfigKeys.SPC_EWMA_LAMBDA),
                        config.number(ConfigKeys.SPC_EWMA_L),
                        EwmaLimits.EXACT)
                .withCusum(true, config.number(ConfigKeys.SPC_CUSUM_K), config.number(ConfigKeys.SPC_CUSUM_H))
                .withP0(config.optionalNumber(ConfigKeys.SPC_P0).orElse(null));
        Map<String, Double> p0 = new TreeMap<>();
        config.prefixed(ConfigKeys.SPC_P0_PER_CHART).forEach((k, v) -> p0.put(k, (Double) v));
        Map<String, SafetyCriticality> severity = new TreeMap<>();
        config.prefixed(ConfigKeys.SEVERITY_PER_CLASS)
                .forEach((k, v) ->
                        severity.put(k, SafetyCriticality.valueOf(v.toString().toUpperCase(Locale.ROOT))));
        return new ErrorRateSettings(
                config.duration(ConfigKeys.WINDOW_SIZE),
                config.duration(ConfigKeys.WINDOW_GRACE),
                config.duration(ConfigKeys.WINDOW_IDLE_CLOSE),
                chart,
                p0,
                config.integer(ConfigKeys.ALERTS_RESOLVE_AFTER),
                config.number(ConfigKeys.ALERTS_RESOLVE_MAX_Z),
                config.string(ConfigKeys.ALERTS_RUNBOOK_URL),
                SafetyCriticality.valueOf(
                        config.string(ConfigKeys.SEVERITY_DEFAULT).toUpperCase(Locale.ROOT)),
                severity,
                AttributionConfig.defaults(),
                FunnelConfig.defaults(),
                config.integer(ConfigKeys.ALERTS_ANNOTATOR_FIRE_AFTER),
                Duration.ofDays(14),
                1,
                Weighting.valueOf(config.string(ConfigKeys.SPC_WEIGHTING).toUpperCase(Locale.ROOT)),
                config.flag(ConfigKeys.ALERTS_DECREASES));
    }

    /**
     * {@code config} with {@code labelwatch.spc.sigma-multiplier}, {@code labelwatch.spc.ewma.l} and {@code
     * labelwatch.spc.cusum.h} derived from {@code labelwatch.spc.fleet.*} and the window size, and the chart set to
     * {@code PROBABILITY} (exact binomial limits: the normal theory of {@link FleetBudget} under-states the upper tail of a skewed
     * binomial at the large L a fleet needs), or unchanged when the two fleet keys are not both set.
     */
    public static LabelwatchConfig withFleetBudget(LabelwatchConfig config) {
        java.util.Optional<Double> budget = config.optionalNumber(ConfigKeys.SPC_FLEET_FALSE_ALARMS);
        java.util.Optional<String> charts = config.raw(ConfigKeys.SPC_FLEET_CHARTS.name());
        if (budget.isEmpty() || charts.isEmpty()) {
            return config;
        }
        FleetBudget.Plan plan = FleetBudget.plan(
                config.integer(ConfigKeys.SPC_FLEET_CHARTS),
                budget.get(),
                config.duration(ConfigKeys.WINDOW_SIZE),
                config.number(ConfigKeys.SPC_EWMA_LAMBDA),
                config.number(ConfigKeys.SPC_CUSUM_K));
        return config.with(java.util.Map.of(
                ConfigKeys.SPC_CHART.name(), "PROBABILITY",
                ConfigKeys.SPC_SIGMA.name(), formatLimit(plan.shewhartL()),
                ConfigKeys.SPC_EWMA_L.name(), formatLimit(plan.ewmaL()),
                ConfigKeys.SPC_CUSUM_H.name(), formatLimit(plan.cusumH())));
    }

    private static String formatLimit(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    private static RuleSet parseRules(String spec) {
        try {
            return RuleSet.parse(spec);
        } catch (IllegalArgumentException e) {
            throw new io.labelwatch.config.ConfigException("invalid value '" + spec + "' for config key '"
                    + ConfigKeys.SPC_RULES.name() + "': " + e.getMessage());
        }
    }

    /** The same settings for a reviews topic of {@code partitions} partitions (windows wait for each of them). */
    public ErrorRateSettings withSourcePartitions(int partitions) {
        return new ErrorRateSettings(
                windowSize,
                grace,
                idleClose,
                chart,
                p0ByChart,
                resolveAfter,
                resolveMaxZ,
                runbookUrl,
                defaultSeverity,
                severityByClass,
                attribution,
                funnel,
                annotatorFireAfter,
                historyRetention,
                partitions,
                weighting,
                alertOnDecrease);
    }

    /** The side an error-rate chart pages for: rises, or both with {@code labelwatch.alerts.decreases}. */
    public Recovery.Side pagesFor() {
        return alertOnDecrease ? Recovery.Side.BOTH : Recovery.Side.UP;
    }

    /** The chart configuration of one (pipeline, class): the global one, with its own p0 when configured. */
    public ProportionChartConfig chartFor(String pipeline, String classLabel) {
        Double known = p0ByChart.get(pipeline + "." + classLabel);
        return known == null ? chart : chart.withP0(known);
    }

    public String runbookFor(String metric) {
        return runbookUrl + (runbookUrl.contains("#") ? "-" : "#runbook-") + metric.toLowerCase(Locale.ROOT);
    }
}
