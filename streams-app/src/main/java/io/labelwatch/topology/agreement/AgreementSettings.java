package io.labelwatch.topology.agreement;

import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.spc.IndividualsChartConfig;
import io.labelwatch.topology.errorrate.ErrorRateSettings;
import java.time.Duration;

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
 */
public record AgreementSettings(
        ErrorRateSettings base,
        Duration unitTimeout,
        int maxOpenUnits,
        int rollingWindows,
        IndividualsChartConfig alphaChart) {

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
        return new AgreementSettings(
                base,
                config.duration(ConfigKeys.AGREEMENT_UNIT_TIMEOUT),
                config.integer(ConfigKeys.AGREEMENT_MAX_OPEN_UNITS),
                config.integer(ConfigKeys.AGREEMENT_ROLLING_WINDOWS),
                alpha);
    }

    /** The same settings for a labels topic of {@code partitions} partitions (windows wait for each of them). */
    public AgreementSettings withSourcePartitions(int partitions) {
        return new AgreementSettings(
                base.withSourcePartitions(partitions), unitTimeout, maxOpenUnits, rollingWindows, alphaChart);
    }
}
