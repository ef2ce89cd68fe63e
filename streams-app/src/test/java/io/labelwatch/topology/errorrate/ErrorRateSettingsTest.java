package io.labelwatch.topology.errorrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.spc.FleetBudget;
import io.labelwatch.spc.ProportionChartConfig;
import io.labelwatch.spc.ProportionMode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorRateSettingsTest {

    @Test
    void shouldChartWithTheDerivedLimitsWhenTheServiceIsGivenAFleetBudget() {
        LabelwatchConfig config = LabelwatchConfig.of(Map.of(
                "bootstrap.servers", "unused:9092",
                "application.id", "fleet-test",
                "schema.registry.url", "mock://fleet-test",
                "labelwatch.spc.fleet.charts", "500",
                "labelwatch.spc.fleet.false-alarms-per-day", "1",
                "labelwatch.spc.rules", "NELSON_1"));
        FleetBudget.Plan plan = FleetBudget.plan(500, 1.0, Duration.ofHours(1), 0.2, 0.5);

        ProportionChartConfig chart = ErrorRateSettings.from(config).chart();

        assertThat(chart.mode()).isEqualTo(ProportionMode.PROBABILITY);
        assertThat(chart.limitSigmas()).isCloseTo(plan.shewhartL(), within(1e-4));
        assertThat(chart.ewmaL()).isCloseTo(plan.ewmaL(), within(1e-4));
        assertThat(chart.cusumH()).isCloseTo(plan.cusumH(), within(1e-4));
    }

    @Test
    void shouldKeepTheConfiguredLimitsWhenNoFleetBudgetIsSet() {
        LabelwatchConfig config = LabelwatchConfig.of(Map.of(
                "bootstrap.servers", "unused:9092",
                "application.id", "fleet-test",
                "schema.registry.url", "mock://fleet-test"));

        ProportionChartConfig chart = ErrorRateSettings.from(config).chart();

        assertThat(chart.mode()).isEqualTo(ProportionMode.AUTO);
        assertThat(chart.limitSigmas()).isEqualTo(3.0);
    }
}
