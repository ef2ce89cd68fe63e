package io.labelwatch.simulator;

import java.time.Instant;
import java.util.Objects;

/**
 * The known truth of one injected scenario, for checking what the detector concluded.
 *
 * @param scenario which scenario
 * @param pipeline pipeline id affected (e.g. {@code camera-2d-boxes}); null for {@link ScenarioType#BASELINE}
 * @param classLabel class label whose error-rate chart moves; null for the baseline and for faults that span every
 *     class of the pipeline (vendor onboarding)
 * @param expectedCause the cause a correct alert carries
 * @param dimension the contributor dimension that explains the fault, as in {@code QualityAlert.contributors}:
 *     {@code annotator}, {@code vendor}, {@code guideline_version} or {@code tool_version}; null for the baseline
 * @param subject the annotator id, vendor or version involved; null for the baseline
 * @param startsAt simulated time from which labels are affected
 * @param description one human-readable line, printed when the scenario starts
 */
public record GroundTruth(
        ScenarioType scenario,
        String pipeline,
        String classLabel,
        ExpectedCause expectedCause,
        String dimension,
        String subject,
        Instant startsAt,
        String description) {

    public GroundTruth {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(expectedCause, "expectedCause");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(description, "description");
    }
}
