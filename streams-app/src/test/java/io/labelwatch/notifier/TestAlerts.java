package io.labelwatch.notifier;

import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Cause;
import io.labelwatch.events.Contributor;
import io.labelwatch.events.Metric;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.SafetyCriticality;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts for tests: a CRITICAL SYSTEMIC error-rate alert on human.pedestrian.child in camera-2d-boxes. */
final class TestAlerts {
    static final Instant WINDOW_START = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant WINDOW_END = Instant.parse("2026-03-01T11:00:00Z");

    private TestAlerts() {}

    static QualityAlert.Builder firing(String alertId) {
        return QualityAlert.newBuilder()
                .setAlertId(alertId)
                .setStatus(AlertStatus.FIRING)
                .setMetric(Metric.ERROR_RATE)
                .setScope(AlertScope.CHART)
                .setChartKey("camera-2d-boxes/human.pedestrian.child")
                .setPipeline("camera-2d-boxes")
                .setClassLabel("human.pedestrian.child")
                .setSubject(null)
                .setWindowStart(WINDOW_START)
                .setWindowEnd(WINDOW_END)
                .setObserved(0.142)
                .setCenter(0.04)
                .setLcl(0.0)
                .setUcl(0.091)
                .setN(412)
                .setDefects(58)
                .setRules(List.of("NELSON_1", "EWMA"))
                .setCause(Cause.SYSTEMIC)
                .setContributors(List.of(
                        new Contributor("guideline_version", "g-2026.2", 300L, 52L, 38.2, 0.91),
                        new Contributor("annotator", "ann-07", 40L, 6L, 3.8, 0.09)))
                .setPValues(Map.of("annotator", 0.41, "guideline_version", 1.2e-6))
                .setSeverity(SafetyCriticality.CRITICAL)
                .setOccurrences(1)
                .setFirstFiredAt(WINDOW_END)
                .setResolvedAt(null)
                .setSummary("human.pedestrian.child error rate 14.2% in camera-2d-boxes above UCL 9.1%")
                .setRunbookUrl("https://runbooks.example.com/labelwatch#runbook-error_rate");
    }

    static QualityAlert alert(String alertId) {
        return firing(alertId).build();
    }
}
