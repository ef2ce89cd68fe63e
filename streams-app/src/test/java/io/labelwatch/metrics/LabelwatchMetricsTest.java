package io.labelwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Cause;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.ChartType;
import io.labelwatch.events.Metric;
import io.labelwatch.events.Phase;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.SafetyCriticality;
import io.labelwatch.notifier.FakeTime;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quality gauges as /metrics shows them: firing alerts of the owned stores, and stale-series removal. */
class LabelwatchMetricsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Duration STALE_AFTER = Duration.ofHours(2);

    static {
        io.labelwatch.codec.AvroTrust.trustLabelwatchEvents();
    }

    private final FakeTime clock = new FakeTime(T0);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final LabelwatchMetrics metrics = new LabelwatchMetrics(registry, clock, STALE_AFTER);

    // ---- alerts firing

    @Test
    void shouldReportAnAlertOpenInTheRestoredStoreWhenTheInstanceRestarts() {
        metrics.replaceAlerts(List.of(alert("a-1", "human.pedestrian.adult", AlertStatus.FIRING)));

        assertThat(firing("human.pedestrian.adult")).isEqualTo(1.0);
    }

    @Test
    void shouldRemoveTheFiringSeriesWhenTheAlertsTaskMovedToAnotherInstance() {
        metrics.alert(alert("a-1", "human.pedestrian.adult", AlertStatus.FIRING));
        assertThat(firing("human.pedestrian.adult")).isEqualTo(1.0);

        metrics.replaceAlerts(List.of(alert("a-2", "vehicle.car", AlertStatus.RESOLVED)));

        assertThat(registry.find(LabelwatchMetrics.ALERTS_FIRING)
                        .tag("class", "human.pedestrian.adult")
                        .gauges())
                .isEmpty();
        assertThat(firing("vehicle.car")).isZero();
    }

    @Test
    void shouldResolveAnAlertTheNewOwnerOnlyKnowsFromItsStoreWhenItsResolvedIsPublished() {
        metrics.replaceAlerts(List.of(alert("a-1", "human.pedestrian.adult", AlertStatus.FIRING)));

        metrics.alert(alert("a-1", "human.pedestrian.adult", AlertStatus.RESOLVED));

        assertThat(firing("human.pedestrian.adult")).isZero();
    }

    @Test
    void shouldCountAnAlertOnceWhenTheScanAndTheProcessorBothReportIt() {
        QualityAlert open = alert("a-1", "human.pedestrian.adult", AlertStatus.FIRING);
        metrics.replaceAlerts(List.of(open));

        metrics.alert(QualityAlert.newBuilder(open).setOccurrences(2).build());
        metrics.replaceAlerts(List.of(open));

        assertThat(firing("human.pedestrian.adult")).isEqualTo(1.0);
        assertThat(registry.find(LabelwatchMetrics.ALERTS_RAISED).counters()).isEmpty();
    }

    @Test
    void shouldCountARaisedAlertWhenTheScanReadItFromTheStoreBeforeTheProcessorReportedIt() {
        QualityAlert open = alert("a-1", "human.pedestrian.adult", AlertStatus.FIRING);
        metrics.replaceAlerts(List.of(open));

        metrics.alert(open);
        metrics.alert(open);

        assertThat(registry.get(LabelwatchMetrics.ALERTS_RAISED)
                        .tag("cause", "SYSTEMIC")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(firing("human.pedestrian.adult")).isEqualTo(1.0);
    }

    // ---- criticality

    @Test
    void shouldRankEveryChartByItsClassCriticalityWhenNoAlertFired() {
        metrics.chartPoint(point("vehicle.car", Metric.ERROR_RATE), SafetyCriticality.LOW);
        metrics.chartPoint(point("human.pedestrian.adult", Metric.ERROR_RATE), SafetyCriticality.CRITICAL);

        assertThat(registry.find(LabelwatchMetrics.ALERTS_FIRING).gauges()).isEmpty();
        assertThat(registry.get(LabelwatchMetrics.CHART_CRITICALITY)
                        .tags("class", "human.pedestrian.adult", "severity", "CRITICAL")
                        .gauge()
                        .value())
                .isEqualTo(4.0);
        assertThat(registry.get(LabelwatchMetrics.CHART_CRITICALITY)
                        .tags("class", "vehicle.car", "severity", "LOW")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
    }

    @Test
    void shouldKeepOneCriticalitySeriesWhenTheTaxonomyChangesTheClassCriticality() {
        metrics.chartPoint(point("vehicle.car", Metric.ERROR_RATE), SafetyCriticality.LOW);
        metrics.chartPoint(point("vehicle.car", Metric.ERROR_RATE), SafetyCriticality.HIGH);

        assertThat(registry.find(LabelwatchMetrics.CHART_CRITICALITY).gauges())
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.getId().getTag("severity")).isEqualTo("HIGH");
                    assertThat(g.value()).isEqualTo(3.0);
                });
    }

    // ---- stale series

    @Test
    void shouldRemoveEveryGaugeOfASeriesWhenItClosedNoWindowForTheStaleTime() {
        metrics.chartPoint(point("vehicle.car", Metric.ERROR_RATE), SafetyCriticality.LOW);
        metrics.chartPoint(point(null, Metric.AGREEMENT));
        clock.advance(Duration.ofMinutes(90));
        metrics.chartPoint(point("human.pedestrian.adult", Metric.ERROR_RATE));

        clock.advance(Duration.ofMinutes(31));
        int removed = metrics.removeStale();

        assertThat(removed).isEqualTo(2);
        assertThat(seriesClasses()).containsOnly("human.pedestrian.adult");
        assertThat(registry.find(LabelwatchMetrics.AGREEMENT_ALPHA).gauges()).isEmpty();
        assertThat(registry.find(LabelwatchMetrics.CHART_CRITICALITY).gauges()).isEmpty();
        assertThat(registry.find(LabelwatchMetrics.ERROR_RATE_UCL).gauges())
                .extracting(g -> g.getId().getTag("class"))
                .containsExactly("human.pedestrian.adult");
    }

    @Test
    void shouldKeepASeriesWhenItClosedAWindowWithinTheStaleTime() {
        metrics.chartPoint(point("vehicle.car", Metric.ERROR_RATE));
        clock.advance(STALE_AFTER.minusMinutes(1));
        metrics.chartPoint(point("vehicle.car", Metric.ERROR_RATE));
        clock.advance(STALE_AFTER.minusMinutes(1));

        assertThat(metrics.removeStale()).isZero();
        assertThat(registry.get(LabelwatchMetrics.ERROR_RATE)
                        .tag("class", "vehicle.car")
                        .gauge()
                        .value())
                .isEqualTo(0.1);
    }

    @Test
    void shouldShowTheSeriesAgainWhenARemovedSeriesClosesANewWindow() {
        metrics.chartPoint(point("vehicle.car", Metric.ERROR_RATE));
        clock.advance(STALE_AFTER.plusMinutes(1));
        assertThat(metrics.removeStale()).isEqualTo(1);

        metrics.chartPoint(point("vehicle.car", Metric.ERROR_RATE));

        assertThat(registry.get(LabelwatchMetrics.ERROR_RATE)
                        .tag("class", "vehicle.car")
                        .gauge()
                        .value())
                .isEqualTo(0.1);
    }

    private double firing(String clazz) {
        return registry.get(LabelwatchMetrics.ALERTS_FIRING)
                .tag("class", clazz)
                .gauge()
                .value();
    }

    private List<String> seriesClasses() {
        return registry.getMeters().stream()
                .filter(m -> m instanceof Gauge)
                .map(Meter::getId)
                .filter(id -> id.getName().startsWith("labelwatch.error.rate")
                        || id.getName().startsWith("labelwatch.window"))
                .map(id -> id.getTag("class"))
                .distinct()
                .toList();
    }

    private static ChartPoint point(String clazz, Metric metric) {
        return ChartPoint.newBuilder()
                .setChartKey(metric + "/pipe/" + (clazz == null ? "*" : clazz))
                .setMetric(metric)
                .setPipeline("pipe")
                .setClassLabel(clazz)
                .setWindowStart(T0)
                .setWindowEnd(T0.plus(Duration.ofHours(1)))
                .setChartType(ChartType.P)
                .setPhase(Phase.PHASE_II)
                .setN(200)
                .setDefects(20)
                .setValue(0.1)
                .setCenter(0.05)
                .setLcl(0.0)
                .setUcl(0.096)
                .setEmittedAt(T0)
                .build();
    }

    private static QualityAlert alert(String id, String clazz, AlertStatus status) {
        return QualityAlert.newBuilder()
                .setAlertId(id)
                .setStatus(status)
                .setMetric(Metric.ERROR_RATE)
                .setScope(AlertScope.CHART)
                .setChartKey("ERROR_RATE/pipe/" + clazz)
                .setPipeline("pipe")
                .setClassLabel(clazz)
                .setWindowStart(T0)
                .setWindowEnd(T0.plus(Duration.ofHours(1)))
                .setCause(Cause.SYSTEMIC)
                .setSeverity(SafetyCriticality.CRITICAL)
                .setOccurrences(1)
                .setFirstFiredAt(T0.plus(Duration.ofHours(1)))
                .setSummary("error rate above UCL")
                .build();
    }
}
