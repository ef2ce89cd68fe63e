package io.labelwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One injected fault (or the quiet baseline) with its parameters and ground truth. Build with the factories; combine
 * several in one {@link SimulatorConfig} (pick different pipelines/classes or start offsets so their effects stay
 * apart).
 *
 * <p>All effects apply to labels made at or after {@code start + startOffset}; reviews copy the context of their
 * label, so a label made before the change and reviewed after it is still a pre-change label.
 */
public final class Scenario {

    /** Guideline version every label carries unless a guideline change has rolled out. */
    public static final String GUIDELINE_VERSION = "g-2026.1";
    /** Guideline version rolled out by {@link #guidelineChange}. */
    public static final String NEW_GUIDELINE_VERSION = "g-2026.2";
    /** Tool version every label carries unless a tool release has rolled out. */
    public static final String TOOL_VERSION = "labeltool-4.2.0";
    /** Tool version rolled out by {@link #toolBug}. */
    public static final String BUGGY_TOOL_VERSION = "labeltool-4.3.0";
    /** The annotator who goes rogue in {@link #rogueAnnotator(Duration)}. */
    public static final String ROGUE_ANNOTATOR = "kestrel-ai/ann-07";
    /** The vendor onboarded by {@link #vendorOnboarding(Duration)}. */
    public static final String ONBOARDING_VENDOR = "lumen-annotations";

    private final ScenarioType type;
    private final Duration startOffset;
    private final Pipeline pipeline;
    private final String classLabel;
    private final String subject;
    private final double errorMultiplier;
    private final double throughputMultiplier;
    private final int headcount;
    private final double confusionRate;

    private Scenario(
            ScenarioType type,
            Duration startOffset,
            Pipeline pipeline,
            String classLabel,
            String subject,
            double errorMultiplier,
            double throughputMultiplier,
            int headcount,
            double confusionRate) {
        this.type = type;
        this.startOffset = Objects.requireNonNull(startOffset, "startOffset");
        if (startOffset.isNegative()) {
            throw new IllegalArgumentException("startOffset must not be negative: " + startOffset);
        }
        if (!(errorMultiplier >= 1.0) || !Double.isFinite(errorMultiplier)) {
            throw new IllegalArgumentException("errorMultiplier must be a finite number >= 1: " + errorMultiplier);
        }
        if (classLabel != null) {
            TaxonomyCatalog.profile(classLabel);
        }
        this.pipeline = pipeline;
        this.classLabel = classLabel;
        this.subject = subject;
        this.errorMultiplier = errorMultiplier;
        this.throughputMultiplier = throughputMultiplier;
        this.headcount = headcount;
        this.confusionRate = confusionRate;
    }

    /** Nothing injected: the operation runs at its base rates (every chart should stay in control). */
    public static Scenario baseline() {
        return new Scenario(ScenarioType.BASELINE, Duration.ZERO, null, null, null, 1.0, 1.0, 0, 0.0);
    }

    /**
     * Guideline {@value #NEW_GUIDELINE_VERSION} rolls out on {@code camera-2d-boxes} and {@code vehicle.bicycle}
     * errors (geometry and attribute: riders now belong in the box) rise 3.5× for every annotator of every vendor.
     */
    public static Scenario guidelineChange(Duration startOffset) {
        return guidelineChange(startOffset, Pipeline.CAMERA_2D_BOXES, "vehicle.bicycle", 3.5);
    }

    /** As {@link #guidelineChange(Duration)} with the pipeline, class and error multiplier chosen. */
    public static Scenario guidelineChange(
            Duration startOffset, Pipeline pipeline, String classLabel, double errorMultiplier) {
        return new Scenario(
                ScenarioType.GUIDELINE_CHANGE,
                startOffset,
                Objects.requireNonNull(pipeline, "pipeline"),
                Objects.requireNonNull(classLabel, "classLabel"),
                NEW_GUIDELINE_VERSION,
                errorMultiplier,
                1.0,
                0,
                0.0);
    }

    /**
     * {@value #ROGUE_ANNOTATOR} starts rushing on {@code camera-2d-boxes}: three times their usual throughput, and
     * the objects they label {@code human.pedestrian.adult} are wrong-class (really children) 12× as often as before (a third of them, where a careful annotator errs on 3 %).
     * Nobody else changes. The throughput rise makes the rogue's share of the class large enough to move the class
     * chart, as rushing annotators do.
     */
    public static Scenario rogueAnnotator(Duration startOffset) {
        return rogueAnnotator(
                startOffset, ROGUE_ANNOTATOR, Pipeline.CAMERA_2D_BOXES, "human.pedestrian.adult", 12.0, 3.0);
    }

    /** As {@link #rogueAnnotator(Duration)} with every parameter chosen; the annotator must exist in the workforce. */
    public static Scenario rogueAnnotator(
            Duration startOffset,
            String annotatorId,
            Pipeline pipeline,
            String classLabel,
            double errorMultiplier,
            double throughputMultiplier) {
        if (!(throughputMultiplier > 0) || !Double.isFinite(throughputMultiplier)) {
            throw new IllegalArgumentException("throughputMultiplier must be positive: " + throughputMultiplier);
        }
        return new Scenario(
                ScenarioType.ROGUE_ANNOTATOR,
                startOffset,
                Objects.requireNonNull(pipeline, "pipeline"),
                Objects.requireNonNull(classLabel, "classLabel"),
                Objects.requireNonNull(annotatorId, "annotatorId"),
                errorMultiplier,
                throughputMultiplier,
                0,
                0.0);
    }

    /**
     * Vendor {@value #ONBOARDING_VENDOR} joins {@code lidar-3d-cuboids} with 12 annotators who make 3× the usual
     * errors on every class and, on overlapped units, pick a random wrong class 35 % of the time (low agreement).
     */
    public static Scenario vendorOnboarding(Duration startOffset) {
        return vendorOnboarding(startOffset, ONBOARDING_VENDOR, Pipeline.LIDAR_3D_CUBOIDS, 12, 3.0, 0.35);
    }

    /** As {@link #vendorOnboarding(Duration)} with every parameter chosen. */
    public static Scenario vendorOnboarding(
            Duration startOffset,
            String vendor,
            Pipeline pipeline,
            int headcount,
            double errorMultiplier,
            double confusionRate) {
        if (headcount < 1 || headcount > 99) {
            throw new IllegalArgumentException("headcount must be in [1,99]: " + headcount);
        }
        if (!(confusionRate >= 0 && confusionRate < 1)) {
            throw new IllegalArgumentException("confusionRate must be in [0,1): " + confusionRate);
        }
        return new Scenario(
                ScenarioType.VENDOR_ONBOARDING,
                startOffset,
                Objects.requireNonNull(pipeline, "pipeline"),
                null,
                Objects.requireNonNull(vendor, "vendor"),
                errorMultiplier,
                1.0,
                headcount,
                confusionRate);
    }

    /**
     * Tool {@value #BUGGY_TOOL_VERSION} rolls out to the even-numbered annotators of every vendor (half the
     * workforce); on {@code lidar-3d-cuboids} their {@code vehicle.truck} cuboids get geometry errors 5× as often.
     */
    public static Scenario toolBug(Duration startOffset) {
        return toolBug(startOffset, Pipeline.LIDAR_3D_CUBOIDS, "vehicle.truck", 5.0);
    }

    /** As {@link #toolBug(Duration)} with the pipeline, class and error multiplier chosen. */
    public static Scenario toolBug(Duration startOffset, Pipeline pipeline, String classLabel, double errorMultiplier) {
        return new Scenario(
                ScenarioType.TOOL_BUG,
                startOffset,
                Objects.requireNonNull(pipeline, "pipeline"),
                Objects.requireNonNull(classLabel, "classLabel"),
                BUGGY_TOOL_VERSION,
                errorMultiplier,
                1.0,
                0,
                0.0);
    }

    public ScenarioType type() {
        return type;
    }

    /** Simulated time from the simulation start to the moment the fault begins. */
    public Duration startOffset() {
        return startOffset;
    }

    /** The ground truth of this scenario in a simulation that starts at {@code simulationStart}. */
    public GroundTruth groundTruth(Instant simulationStart) {
        Instant startsAt = simulationStart.plus(startOffset);
        String when = " from " + startsAt;
        return switch (type) {
            case BASELINE ->
                new GroundTruth(
                        type,
                        null,
                        null,
                        ExpectedCause.NONE,
                        null,
                        null,
                        startsAt,
                        "BASELINE: no fault injected; every chart should stay in control (expect no alert)");
            case GUIDELINE_CHANGE ->
                new GroundTruth(
                        type,
                        pipeline.id(),
                        classLabel,
                        ExpectedCause.SYSTEMIC,
                        "guideline_version",
                        subject,
                        startsAt,
                        "GUIDELINE_CHANGE" + when + ": guideline " + subject + " rolls out on " + pipeline.id() + "; "
                                + classLabel + " errors rise " + times(errorMultiplier)
                                + " for every annotator of every vendor (expect SYSTEMIC, guideline_version=" + subject
                                + ")");
            case ROGUE_ANNOTATOR ->
                new GroundTruth(
                        type,
                        pipeline.id(),
                        classLabel,
                        ExpectedCause.LOCALIZED,
                        "annotator",
                        subject,
                        startsAt,
                        "ROGUE_ANNOTATOR" + when + ": " + subject + " rushes on " + pipeline.id() + " ("
                                + times(throughputMultiplier) + " throughput) and mislabels " + classLabel + " "
                                + times(errorMultiplier)
                                + " as often; everyone else unchanged (expect LOCALIZED, annotator="
                                + subject + ")");
            case VENDOR_ONBOARDING ->
                new GroundTruth(
                        type,
                        pipeline.id(),
                        null,
                        ExpectedCause.LOCALIZED,
                        "vendor",
                        subject,
                        startsAt,
                        "VENDOR_ONBOARDING" + when + ": vendor " + subject + " joins " + pipeline.id() + " with "
                                + headcount + " annotators, " + times(errorMultiplier) + " errors on every class and "
                                + percent(confusionRate)
                                + " random confusions on overlapped units (expect LOCALIZED, vendor="
                                + subject + ")");
            case TOOL_BUG ->
                new GroundTruth(
                        type,
                        pipeline.id(),
                        classLabel,
                        ExpectedCause.SYSTEMIC,
                        "tool_version",
                        subject,
                        startsAt,
                        "TOOL_BUG" + when + ": " + subject + " rolls out to half the annotators of every vendor; their "
                                + classLabel + " labels on " + pipeline.id() + " get " + times(errorMultiplier)
                                + " geometry errors (expect SYSTEMIC, tool_version=" + subject + ")");
        };
    }

    @Override
    public String toString() {
        return type + "@+" + startOffset;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    String classLabel() {
        return classLabel;
    }

    String subject() {
        return subject;
    }

    double errorMultiplier() {
        return errorMultiplier;
    }

    double throughputMultiplier() {
        return throughputMultiplier;
    }

    int headcount() {
        return headcount;
    }

    double confusionRate() {
        return confusionRate;
    }

    private static String times(double multiplier) {
        return String.format(Locale.ROOT, "%.1fx", multiplier);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
