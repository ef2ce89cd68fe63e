package io.labelwatch.topology.agreement;

import io.labelwatch.agreement.Level;
import io.labelwatch.config.ConfigException;
import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.spc.IndividualsChartConfig;
import io.labelwatch.topology.errorrate.ErrorRateSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agreement topology's settings, read once from the configuration. Windows, SPC rules, alert lifecycle, severity,
 * runbook and funnel settings are shared with the error-rate topology ({@code base}); the gold-accuracy p chart uses
 * the same chart configuration as the error-rate charts.
 *
 * @param base the shared settings (window size, grace, idle close, SPC, alerts)
 * @param unitTimeout idle time after a unit's last label after which it closes short of its expected annotators
 * @param maxOpenUnits most units held open per task; past it the least recently labelled one closes early
 * @param rollingWindows closed windows whose coincidence matrices make up the rolling alpha
 * @param alphaChart individuals chart of the per-window alpha, with the floor and the minimum number of units
 * @param levels level of measurement by pipeline (absent: nominal)
 * @param attributes label attribute compared for agreement by pipeline (absent: the class label)
 * @param classAlerts whether the per-(pipeline, top-level class) agreement charts raise alerts, or only chart
 */
public record AgreementSettings(
        ErrorRateSettings base,
        Duration unitTimeout,
        int maxOpenUnits,
        int rollingWindows,
        IndividualsChartConfig alphaChart,
        Map<String, Level> levels,
        Map<String, String> attributes,
        boolean classAlerts) {

    public AgreementSettings {
        levels = Map.copyOf(levels);
        attributes = Map.copyOf(attributes);
    }

    /** The level of measurement of {@code pipeline}'s agreement. */
    public Level levelFor(String pipeline) {
        return levels.getOrDefault(pipeline, Level.NOMINAL);
    }

    /** The label attribute {@code pipeline}'s agreement compares, or null for the class label. */
    public String attributeFor(String pipeline) {
        return attributes.get(pipeline);
    }

    public static AgreementSettings from(LabelwatchConfig config) {
        ErrorRateSettings base = ErrorRateSettings.from(config);
        IndividualsChartConfig alpha = IndividualsChartConfig.defaults()
                .withLimitSigmas(base.chart().limitSigmas())
                .withRules(base.chart().rules())
                .withBaseline(base.chart().baselineSubgroups(), base.chart().phase1MaxIterations())
                .withMinSampleSize(config.integer(ConfigKeys.AGREEMENT_MIN_UNITS))
                .withEwma(
                        true,
                        base.chart().ewmaLambda(),
                        base.chart().ewmaL(),
                        base.chart().ewmaLimits())
                .withFloor(config.number(ConfigKeys.AGREEMENT_FLOOR));
        Map<String, Level> levels = new TreeMap<>();
        config.prefixed(ConfigKeys.AGREEMENT_LEVEL)
                .forEach((pipeline, level) ->
                        levels.put(pipeline, Level.valueOf(level.toString().toUpperCase(Locale.ROOT))));
        Map<String, String> attributes = new TreeMap<>();
        config.prefixed(ConfigKeys.AGREEMENT_ATTRIBUTE)
                .forEach((pipeline, attribute) -> attributes.put(pipeline, attribute.toString()));
        levels.forEach((pipeline, level) -> {
            if (level != Level.NOMINAL && !attributes.containsKey(pipeline)) {
                throw new ConfigException("config key '" + ConfigKeys.AGREEMENT_LEVEL.name() + "." + pipeline + "' is "
                        + level + ", which needs numeric values: set '" + ConfigKeys.AGREEMENT_ATTRIBUTE.name() + "."
                        + pipeline + "' to the label attribute to compare (class_label is not numeric)");
            }
        });
        return new AgreementSettings(
                base,
                config.duration(ConfigKeys.AGREEMENT_UNIT_TIMEOUT),
                config.integer(ConfigKeys.AGREEMENT_MAX_OPEN_UNITS),
                config.integer(ConfigKeys.AGREEMENT_ROLLING_WINDOWS),
                alpha,
                levels,
                attributes,
                config.flag(ConfigKeys.AGREEMENT_CLASS_ALERTS));
    }

    /** The same settings for a labels topic of {@code partitions} partitions (windows wait for each of them). */
    public AgreementSettings withSourcePartitions(int partitions) {
        return new AgreementSettings(
                base.withSourcePartitions(partitions),
                unitTimeout,
                maxOpenUnits,
                rollingWindows,
                alphaChart,
                levels,
                attributes,
                classAlerts);
    }
}
