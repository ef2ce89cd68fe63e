package io.labelwatch.demo;

import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Cause;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.simulator.GroundTruth;
import java.util.List;
import java.util.Optional;

/**
 * Whether an alert found an injected fault, judged against the fault's {@link GroundTruth}: the rule the demo test and
 * the latency benchmark share.
 *
 * <p>An alert <em>detects</em> a fault when it is FIRING on the fault's pipeline, for a window that starts at or after
 * the fault, and points where the fault is:
 *
 * <ul>
 *   <li>a fault that moves one class's chart (guideline change, tool bug): a CHART alert on that class;
 *   <li>a fault of one annotator: a LOCALIZED alert on that class whose subject is the annotator (scope ANNOTATOR),
 *       or a chart alert whose top contributor is the annotator;
 *   <li>a fault of one vendor (onboarding): a LOCALIZED alert whose subject or top contributor is the vendor or one of
 *       its annotators ({@code vendor/annotator}).
 * </ul>
 *
 * Whether the detection is also <em>right</em> about the cause is {@link #rightCause}: SYSTEMIC for a systemic fault,
 * LOCALIZED for a localized one.
 */
public final class Detection {
    private Detection() {}

    /** True when {@code alert} detects the fault described by {@code truth}; the baseline has no fault to detect. */
    public static boolean detects(GroundTruth truth, QualityAlert alert) {
        if (truth.pipeline() == null
                || alert.getStatus() != AlertStatus.FIRING
                || !truth.pipeline().equals(alert.getPipeline())
                || alert.getWindowStart().isBefore(truth.startsAt())) {
            return false;
        }
        return switch (truth.scenario()) {
            case GUIDELINE_CHANGE, TOOL_BUG ->
                alert.getScope() == AlertScope.CHART && truth.classLabel().equals(alert.getClassLabel());
            case ROGUE_ANNOTATOR ->
                alert.getCause() == Cause.LOCALIZED
                        && truth.classLabel().equals(alert.getClassLabel())
                        && truth.subject().equals(pointsAt(alert).orElse(null));
            case VENDOR_ONBOARDING ->
                alert.getCause() == Cause.LOCALIZED
                        && pointsAt(alert)
                                .filter(s -> s.equals(truth.subject()) || s.startsWith(truth.subject() + "/"))
                                .isPresent();
            case BASELINE -> false;
        };
    }

    /** True when the alert's cause is the one the fault should be diagnosed with. */
    public static boolean rightCause(GroundTruth truth, QualityAlert alert) {
        return switch (truth.expectedCause()) {
            case SYSTEMIC -> alert.getCause() == Cause.SYSTEMIC;
            case LOCALIZED -> alert.getCause() == Cause.LOCALIZED;
            case NONE -> false;
        };
    }

    /** The first alert in {@code alerts} (arrival order) that detects the fault. */
    public static Optional<QualityAlert> first(GroundTruth truth, List<QualityAlert> alerts) {
        return alerts.stream().filter(a -> detects(truth, a)).findFirst();
    }

    /** The subject of an ANNOTATOR/VENDOR-scoped alert, else the value of its top contributor. */
    private static Optional<String> pointsAt(QualityAlert alert) {
        if (alert.getScope() != AlertScope.CHART && alert.getSubject() != null) {
            return Optional.of(alert.getSubject());
        }
        return alert.getContributors().isEmpty()
                ? Optional.empty()
                : Optional.of(alert.getContributors().get(0).getValue());
    }
}
