package io.labelwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelwatch.events.Metric;
import io.labelwatch.topology.StoreNames;
import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void shouldRouteGoldChartsByTheAgreementKeyWhenAskedForThem() {
        Charts.Ref gold = Charts.ref(Metric.GOLD_ACCURACY, "lidar", "*");

        assertThat(gold.chartKey()).isEqualTo("GOLD_ACCURACY/lidar/*");
        assertThat(gold.store()).isEqualTo(StoreNames.AGREEMENT_POINTS);
        // The agreement topology partitions both charts of a pipeline by its agreement key.
        assertThat(gold.routingKey()).isEqualTo("AGREEMENT/lidar/*");
        assertThat(Charts.ref(Metric.AGREEMENT, "lidar", "*").routingKey()).isEqualTo(gold.routingKey());
    }

    @Test
    void shouldRouteErrorRateChartsByTheirOwnKeyWhenAskedForThem() {
        Charts.Ref chart = Charts.ref(Metric.ERROR_RATE, "lidar", "vehicle.car");

        assertThat(chart.chartKey()).isEqualTo("ERROR_RATE/lidar/vehicle.car");
        assertThat(chart.routingKey()).isEqualTo(chart.chartKey());
        assertThat(chart.store()).isEqualTo(StoreNames.ERROR_RATE_POINTS);
    }

    @Test
    void shouldAnswer404NamingTheRightUrlWhenAnAgreementChartIsAskedPerClass() {
        assertThatThrownBy(() -> Charts.ref(Metric.AGREEMENT, "lidar", "vehicle.car"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("/api/v1/charts/lidar/*?metric=AGREEMENT");
    }

    @Test
    void shouldReadTheMetricInAnyCaseAndFallBackWhenAbsent() {
        assertThat(Charts.metric("gold_accuracy", null)).isEqualTo(Metric.GOLD_ACCURACY);
        assertThat(Charts.metric(null, Metric.ERROR_RATE)).isEqualTo(Metric.ERROR_RATE);
        assertThat(Charts.metric(" ", null)).isNull();
    }

    @Test
    void shouldAnswer400ListingTheMetricsWhenTheMetricIsUnknown() {
        assertThatThrownBy(() -> Charts.metric("alpha\n", Metric.ERROR_RATE))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("metric must be one of [ERROR_RATE, AGREEMENT, GOLD_ACCURACY], not 'alpha?'");
    }
}
