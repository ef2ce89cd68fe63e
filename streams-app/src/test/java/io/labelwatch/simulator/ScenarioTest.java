package io.labelwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelwatch.events.Cause;
import io.labelwatch.events.ErrorType;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.Sampling;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    private static final Duration ONSET = Duration.ofHours(8);
    private static final Instant T = SimulatorConfig.DEFAULT_START.plus(ONSET);
    private static final double SAME = 4.0;
    private static final double RAISED = 3.0;

    /** Keeps the reviews and hands every label to a check, without keeping hundreds of thousands of labels. */
    private static final class ReviewSink implements EventSink {
        final List<ReviewEvent> reviews = new ArrayList<>();
        final List<GroundTruth> started = new ArrayList<>();
        final Consumer<LabelEvent> labelCheck;
        long labels;

        ReviewSink(Consumer<LabelEvent> labelCheck) {
            this.labelCheck = labelCheck;
        }

        @Override
        public void label(LabelEvent event) {
            labels++;
            labelCheck.accept(event);
        }

        @Override
        public void review(ReviewEvent event) {
            reviews.add(event);
        }

        @Override
        public void scenarioStarted(GroundTruth truth) {
            started.add(truth);
        }
    }

    private static ReviewSink run(SimulatorConfig config, Duration total, Consumer<LabelEvent> labelCheck) {
        Simulator simulator = new Simulator(config);
        ReviewSink sink = new ReviewSink(labelCheck);
        for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plusHours(1)) {
            simulator.advance(Duration.ofHours(1), sink);
        }
        return sink;
    }

    private static boolean after(ReviewEvent review, Map<String, Instant> labelledAt) {
        return !labelledAt.get(review.getLabelEventId()).isBefore(T);
    }

    @Test
    void shouldRaiseTheClassRandomErrorRateForEveryVendorAfterGuidelineChangeAndNotBefore() {
        Map<String, Instant> labelledAt = new HashMap<>();
        ReviewSink sink = run(
                SimulatorConfig.defaults().withLabelsPerHour(40_000).withScenarios(Scenario.guidelineChange(ONSET)),
                ONSET.multipliedBy(2),
                label -> {
                    boolean changed = label.getPipeline().equals("camera-2d-boxes")
                            && !label.getLabeledAt().isBefore(T);
                    assertThat(label.getGuidelineVersion()).isEqualTo(changed ? "g-2026.2" : "g-2026.1");
                    if (label.getClassLabel().equals("vehicle.bicycle")
                            || label.getClassLabel().equals("vehicle.car")) {
                        labelledAt.put(label.getEventId(), label.getLabeledAt());
                    }
                });
        Map<String, Rate> before = new HashMap<>();
        Map<String, Rate> afterT = new HashMap<>();
        Rate carAfter = new Rate();
        Rate lidarBicycleAfter = new Rate();
        for (ReviewEvent review : sink.reviews) {
            if (review.getSampling() != Sampling.RANDOM || !labelledAt.containsKey(review.getLabelEventId())) {
                continue;
            }
            boolean camera = review.getPipeline().equals("camera-2d-boxes");
            boolean late = after(review, labelledAt);
            if (review.getClassLabel().equals("vehicle.car")) {
                if (camera && late) {
                    carAfter.add(review);
                }
            } else if (!camera) {
                if (late) {
                    lidarBicycleAfter.add(review);
                }
            } else {
                (late ? afterT : before)
                        .computeIfAbsent(review.getVendor(), v -> new Rate())
                        .add(review);
            }
        }
        double base = TaxonomyCatalog.profile("vehicle.bicycle").baseErrorRate();

        assertThat(afterT.keySet()).containsExactlyInAnyOrderElementsOf(Workforce.BASE_VENDORS);
        for (String vendor : Workforce.BASE_VENDORS) {
            assertThat(before.get(vendor).z(base))
                    .as("%s before: %s", vendor, before.get(vendor))
                    .isLessThan(RAISED);
            assertThat(afterT.get(vendor).z(base))
                    .as("%s after: %s", vendor, afterT.get(vendor))
                    .isGreaterThan(RAISED);
            assertThat(afterT.get(vendor).value()).isGreaterThan(2.5 * base);
        }
        assertThat(Math.abs(carAfter.z(TaxonomyCatalog.profile("vehicle.car").baseErrorRate())))
                .as("other class unchanged: %s", carAfter)
                .isLessThan(SAME);
        assertThat(Math.abs(lidarBicycleAfter.z(base)))
                .as("other pipeline unchanged: %s", lidarBicycleAfter)
                .isLessThan(SAME);
    }

    @Test
    void shouldRaiseOnlyTheRogueAnnotatorsRateWhenRogueScenarioRuns() {
        Map<String, Instant> labelledAt = new HashMap<>();
        ReviewSink sink = run(
                SimulatorConfig.defaults().withLabelsPerHour(20_000).withScenarios(Scenario.rogueAnnotator(ONSET)),
                ONSET.multipliedBy(2),
                label -> labelledAt.put(label.getEventId(), label.getLabeledAt()));
        String adult = "human.pedestrian.adult";
        Rate rogueBefore = new Rate();
        Rate rogueAfter = new Rate();
        Rate othersAfter = new Rate();
        Map<String, Rate> vendorsAfter = new HashMap<>();
        List<ReviewEvent> rogueDefects = new ArrayList<>();
        for (ReviewEvent review : sink.reviews) {
            if (review.getSampling() != Sampling.RANDOM
                    || !review.getPipeline().equals("camera-2d-boxes")
                    || !review.getClassLabel().equals(adult)) {
                continue;
            }
            boolean rogue = review.getAnnotatorId().equals(Scenario.ROGUE_ANNOTATOR);
            boolean late = after(review, labelledAt);
            if (rogue) {
                (late ? rogueAfter : rogueBefore).add(review);
                if (late && !review.getErrorTypes().isEmpty()) {
                    rogueDefects.add(review);
                }
            } else if (late) {
                othersAfter.add(review);
                vendorsAfter
                        .computeIfAbsent(review.getVendor(), v -> new Rate())
                        .add(review);
            }
        }
        double base = TaxonomyCatalog.profile(adult).baseErrorRate();
        double rogueSkill = new Simulator(SimulatorConfig.defaults())
                .workforce()
                .annotator(Scenario.ROGUE_ANNOTATOR)
                .errorMultiplier();

        assertThat(rogueBefore.z(base * rogueSkill))
                .as("rogue before: %s", rogueBefore)
                .isLessThan(RAISED);
        assertThat(rogueAfter.z(base * rogueSkill))
                .as("rogue after: %s", rogueAfter)
                .isGreaterThan(2 * RAISED);
        assertThat(rogueAfter.value()).isGreaterThan(5 * base * rogueSkill);
        assertThat(rogueAfter.n).as("rushing: more work").isGreaterThan(2 * rogueBefore.n);
        assertThat(rogueDefects)
                .filteredOn(r -> r.getErrorTypes().contains(ErrorType.WRONG_CLASS))
                .hasSizeGreaterThan(rogueDefects.size() / 2)
                .allMatch(r -> r.getCorrectedClass().equals("human.pedestrian.child"));
        assertThat(Math.abs(othersAfter.z(base)))
                .as("everyone else: %s", othersAfter)
                .isLessThan(SAME);
        vendorsAfter.forEach((vendor, rate) -> assertThat(Math.abs(rate.z(base)))
                .as("%s after: %s", vendor, rate)
                .isLessThan(SAME));
    }

    @Test
    void shouldRaiseGeometryErrorsOfTheBuggyToolVersionOnlyWhenToolBugRuns() {
        Map<String, Instant> labelledAt = new HashMap<>();
        Set<String> vendorsOnNewTool = new HashSet<>();
        ReviewSink sink = run(
                SimulatorConfig.defaults().withLabelsPerHour(20_000).withScenarios(Scenario.toolBug(ONSET)),
                ONSET.multipliedBy(2),
                label -> {
                    labelledAt.put(label.getEventId(), label.getLabeledAt());
                    int number = Integer.parseInt(label.getAnnotatorId()
                            .substring(label.getAnnotatorId().length() - 2));
                    boolean upgraded = !label.getLabeledAt().isBefore(T) && number % 2 == 0;
                    assertThat(label.getToolVersion()).isEqualTo(upgraded ? "labeltool-4.3.0" : "labeltool-4.2.0");
                    if (upgraded) {
                        vendorsOnNewTool.add(label.getVendor());
                    }
                });
        String truck = "vehicle.truck";
        Rate newTool = new Rate();
        Rate oldToolAfter = new Rate();
        long geometry = 0;
        for (ReviewEvent review : sink.reviews) {
            if (review.getSampling() == Sampling.RANDOM
                    && review.getPipeline().equals("lidar-3d-cuboids")
                    && review.getClassLabel().equals(truck)
                    && after(review, labelledAt)) {
                if (review.getToolVersion().equals("labeltool-4.3.0")) {
                    newTool.add(review);
                    geometry += review.getErrorTypes().contains(ErrorType.GEOMETRY) ? 1 : 0;
                } else {
                    oldToolAfter.add(review);
                }
            }
        }
        double base = TaxonomyCatalog.profile(truck).baseErrorRate();

        assertThat(vendorsOnNewTool).containsExactlyInAnyOrderElementsOf(Workforce.BASE_VENDORS);
        assertThat(newTool.z(base)).as("4.3.0: %s", newTool).isGreaterThan(2 * RAISED);
        assertThat(Math.abs(oldToolAfter.z(base))).as("4.2.0: %s", oldToolAfter).isLessThan(SAME);
        assertThat(geometry).isGreaterThan(newTool.defects * 3 / 4);
    }

    @Test
    void shouldBringANewVendorWithMoreErrorsAndDisagreementOnlyAfterOnboarding() {
        Map<String, Instant> labelledAt = new HashMap<>();
        Map<String, List<LabelEvent>> overlapped = new HashMap<>();
        String vendor = Scenario.ONBOARDING_VENDOR;
        ReviewSink sink = run(
                SimulatorConfig.defaults().withLabelsPerHour(20_000).withScenarios(Scenario.vendorOnboarding(ONSET)),
                ONSET.multipliedBy(2),
                label -> {
                    labelledAt.put(label.getEventId(), label.getLabeledAt());
                    if (label.getVendor().equals(vendor)) {
                        assertThat(label.getLabeledAt()).isAfterOrEqualTo(T);
                        assertThat(label.getPipeline()).isEqualTo("lidar-3d-cuboids");
                    }
                    if (label.getExpectedAnnotations() == 3) {
                        overlapped
                                .computeIfAbsent(label.getUnitId(), u -> new ArrayList<>())
                                .add(label);
                    }
                });
        Rate newVendor = new Rate();
        Rate othersAfter = new Rate();
        double expectedOthers = 0;
        for (ReviewEvent review : sink.reviews) {
            if (review.getSampling() == Sampling.RANDOM
                    && review.getPipeline().equals("lidar-3d-cuboids")
                    && after(review, labelledAt)) {
                if (review.getVendor().equals(vendor)) {
                    newVendor.add(review);
                } else {
                    othersAfter.add(review);
                    expectedOthers +=
                            TaxonomyCatalog.profile(review.getClassLabel()).baseErrorRate();
                }
            }
        }
        expectedOthers /= othersAfter.n;
        long withVendor = 0;
        long withVendorDisagreeing = 0;
        long without = 0;
        long withoutDisagreeing = 0;
        for (List<LabelEvent> unit : overlapped.values()) {
            if (unit.size() < 3 || unit.get(0).getLabeledAt().isBefore(T)) {
                continue;
            }
            boolean disagree =
                    unit.stream().map(LabelEvent::getClassLabel).distinct().count() > 1;
            if (unit.stream().anyMatch(l -> l.getVendor().equals(vendor))) {
                withVendor++;
                withVendorDisagreeing += disagree ? 1 : 0;
            } else if (unit.get(0).getPipeline().equals("lidar-3d-cuboids")) {
                without++;
                withoutDisagreeing += disagree ? 1 : 0;
            }
        }

        assertThat(newVendor.n).isGreaterThan(1_000);
        assertThat(newVendor.value()).isGreaterThan(2 * othersAfter.value());
        assertThat(Math.abs(othersAfter.z(expectedOthers)))
                .as("others: %s", othersAfter)
                .isLessThan(SAME);
        assertThat((double) withVendorDisagreeing / withVendor).isGreaterThan(3.0 * withoutDisagreeing / without);
    }

    @Test
    void shouldAnnounceEachScenarioWithItsGroundTruthWhenItsStartIsReached() {
        List<Scenario> scenarios = List.of(
                Scenario.toolBug(Duration.ofMinutes(90)),
                Scenario.baseline(),
                Scenario.guidelineChange(Duration.ofMinutes(30)),
                Scenario.rogueAnnotator(Duration.ofMinutes(60)),
                Scenario.vendorOnboarding(Duration.ofMinutes(120)));
        Simulator simulator = new Simulator(
                SimulatorConfig.defaults().withLabelsPerHour(2_000).withScenarios(scenarios));
        CollectingSink sink = new CollectingSink();

        simulator.advance(Duration.ofMinutes(100), sink);

        assertThat(sink.started)
                .extracting(GroundTruth::scenario)
                .containsExactly(
                        ScenarioType.BASELINE,
                        ScenarioType.GUIDELINE_CHANGE,
                        ScenarioType.ROGUE_ANNOTATOR,
                        ScenarioType.TOOL_BUG);
        assertThat(sink.times).isSorted();
        assertThat(simulator.groundTruth())
                .extracting(GroundTruth::scenario)
                .containsExactly(
                        ScenarioType.TOOL_BUG,
                        ScenarioType.BASELINE,
                        ScenarioType.GUIDELINE_CHANGE,
                        ScenarioType.ROGUE_ANNOTATOR,
                        ScenarioType.VENDOR_ONBOARDING);
        assertThat(simulator.groundTruth())
                .extracting(
                        GroundTruth::expectedCause,
                        GroundTruth::pipeline,
                        GroundTruth::classLabel,
                        GroundTruth::dimension,
                        GroundTruth::subject)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ExpectedCause.SYSTEMIC,
                                "lidar-3d-cuboids",
                                "vehicle.truck",
                                "tool_version",
                                "labeltool-4.3.0"),
                        org.assertj.core.groups.Tuple.tuple(ExpectedCause.NONE, null, null, null, null),
                        org.assertj.core.groups.Tuple.tuple(
                                ExpectedCause.SYSTEMIC,
                                "camera-2d-boxes",
                                "vehicle.bicycle",
                                "guideline_version",
                                "g-2026.2"),
                        org.assertj.core.groups.Tuple.tuple(
                                ExpectedCause.LOCALIZED,
                                "camera-2d-boxes",
                                "human.pedestrian.adult",
                                "annotator",
                                "kestrel-ai/ann-07"),
                        org.assertj.core.groups.Tuple.tuple(
                                ExpectedCause.LOCALIZED, "lidar-3d-cuboids", null, "vendor", "lumen-annotations"));
        assertThat(simulator.groundTruth().get(2).startsAt())
                .isEqualTo(SimulatorConfig.DEFAULT_START.plus(Duration.ofMinutes(30)));
        assertThat(simulator.groundTruth().get(3).description())
                .contains("ROGUE_ANNOTATOR", "kestrel-ai/ann-07", "LOCALIZED", "2026-03-02T09:00:00Z");
    }

    @Test
    void shouldMatchAlertCauseOnlyWhenAFaultWasInjected() {
        assertThat(ExpectedCause.SYSTEMIC.matches(Cause.SYSTEMIC)).isTrue();
        assertThat(ExpectedCause.LOCALIZED.matches(Cause.SYSTEMIC)).isFalse();
        assertThat(ExpectedCause.NONE.matches(Cause.UNDETERMINED)).isFalse();
        assertThat(ExpectedCause.LOCALIZED.matches(null)).isFalse();
    }

    @Test
    void shouldCreateTheDefaultScenarioOfEachType() {
        for (ScenarioType type : ScenarioType.values()) {
            Scenario scenario = type.create(Duration.ofHours(2));
            assertThat(scenario.type()).isEqualTo(type);
            assertThat(scenario.startOffset())
                    .isEqualTo(type == ScenarioType.BASELINE ? Duration.ZERO : Duration.ofHours(2));
        }
    }

    @Test
    void shouldRejectScenariosThatCannotRunWhenBuilt() {
        assertThatThrownBy(() -> Scenario.guidelineChange(Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startOffset");
        assertThatThrownBy(() -> Scenario.toolBug(Duration.ZERO, Pipeline.LIDAR_3D_CUBOIDS, "vehicle.spaceship", 3.0))
                .hasMessageContaining("vehicle.spaceship");
        assertThatThrownBy(() -> new Simulator(SimulatorConfig.defaults()
                        .withScenarios(Scenario.rogueAnnotator(
                                Duration.ZERO, "kestrel-ai/ann-99", Pipeline.CAMERA_2D_BOXES, "vehicle.car", 8, 1))))
                .hasMessageContaining("kestrel-ai/ann-99");
        assertThatThrownBy(() -> new Simulator(SimulatorConfig.defaults()
                        .withScenarios(Scenario.vendorOnboarding(
                                Duration.ZERO, "kestrel-ai", Pipeline.CAMERA_2D_BOXES, 5, 2, 0.1))))
                .hasMessageContaining("kestrel-ai");
    }
}
