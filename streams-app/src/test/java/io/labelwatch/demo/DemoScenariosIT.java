package io.labelwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Cause;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.simulator.ExpectedCause;
import io.labelwatch.simulator.GroundTruth;
import io.labelwatch.simulator.Pipeline;
import io.labelwatch.simulator.Scenario;
import io.labelwatch.simulator.ScenarioType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The demo's scenarios end to end: a real embedded broker, the real application, the simulator, and the demo's own
 * alert consumer; the in-memory registry saves Apicurio's start-up time. Simulated time is produced as fast as the
 * machine takes it (the simulation starts 30 days in the past), so the run is bound by the topology's throughput.
 *
 * <p>Both runs use the demo's volume and the demo's chart settings (1 h windows, 6 baseline windows, fleet budget), and
 * close {@value #WINDOWS} windows per chart: 6 of Phase I, then 5 judged against fixed limits (faults start at +7 h).
 */
class DemoScenariosIT {
    private static final int WINDOWS = 11;
    private static final Duration FAULT_AT = Duration.ofHours(7);
    /** The demo's own volume, so the charts see the sample sizes the demo shows. */
    private static final double RATE = 20_000;
    /**
     * Charts judged in Phase II within the run. Every class gets at least 20,000 × 0.5 × 0.02 × 0.2 = 40 random
     * reviews a window, but Phase I also waits for 25 defects (labelwatch.spc.baseline.min-defects): the dozen common
     * classes have them within 6 windows; the rare ones (a defect or less a window) are still in Phase I at the end,
     * as designed, and are not judged here.
     */
    private static final int JUDGED_CHARTS = 12;

    @Test
    void shouldDetectEveryInjectedFaultWithItsCauseWhenGuidelineChangeAndRogueAnnotatorRun() {
        Run run = run(List.of(Scenario.guidelineChange(FAULT_AT), Scenario.rogueAnnotator(FAULT_AT)), WINDOWS);

        GroundTruth guideline = run.truth(ScenarioType.GUIDELINE_CHANGE);
        GroundTruth rogue = run.truth(ScenarioType.ROGUE_ANNOTATOR);
        assertThat(guideline.expectedCause()).isEqualTo(ExpectedCause.SYSTEMIC);
        assertThat(rogue.expectedCause()).isEqualTo(ExpectedCause.LOCALIZED);

        assertThat(run.alerts)
                .as("a SYSTEMIC chart alert on %s/%s", guideline.pipeline(), guideline.classLabel())
                .anyMatch(a -> Detection.detects(guideline, a) && Detection.rightCause(guideline, a));
        assertThat(run.alerts)
                .as("the guideline alert names the new guideline version, not annotators")
                .filteredOn(a -> Detection.detects(guideline, a) && Detection.rightCause(guideline, a))
                .anySatisfy(a -> assertThat(a.getContributors())
                        .first()
                        .satisfies(c -> assertThat(c.getValue()).isEqualTo(guideline.subject())));
        // UNDETERMINED is allowed while evidence accumulates (the first window after the roll-out still holds reviews
        // of labels made under the old guideline); a LOCALIZED diagnosis would be wrong.
        assertThat(run.alerts)
                .as("no chart alert on the guideline chart blames one annotator or vendor")
                .filteredOn(a -> isChartAlertOn(a, guideline) && a.getStatus() == AlertStatus.FIRING)
                .extracting(QualityAlert::getCause)
                .doesNotContain(Cause.LOCALIZED);

        assertThat(run.alerts)
                .as("a LOCALIZED alert naming %s on %s/%s", rogue.subject(), rogue.pipeline(), rogue.classLabel())
                .anyMatch(a -> Detection.detects(rogue, a));
        assertThat(run.alerts)
                .as("no alert before any fault started")
                .noneMatch(a ->
                        a.getScope() == AlertScope.CHART && a.getWindowEnd().isBefore(guideline.startsAt()));
    }

    @Test
    void shouldDetectEveryInjectedFaultWithItsCauseWhenToolBugAndVendorOnboardingRun() {
        // The demo runs both on lidar, eight hours apart; here the onboarding goes to the camera pipeline so the two
        // start together without sharing a chart. The tool bug needs three windows in the demo, so this run is longer.
        Run run = run(
                List.of(
                        Scenario.toolBug(FAULT_AT),
                        Scenario.vendorOnboarding(
                                FAULT_AT, Scenario.ONBOARDING_VENDOR, Pipeline.CAMERA_2D_BOXES, 12, 3.0, 0.35)),
                WINDOWS + 2);

        GroundTruth tool = run.truth(ScenarioType.TOOL_BUG);
        GroundTruth onboarding = run.truth(ScenarioType.VENDOR_ONBOARDING);
        assertThat(tool.expectedCause()).isEqualTo(ExpectedCause.SYSTEMIC);
        assertThat(onboarding.expectedCause()).isEqualTo(ExpectedCause.LOCALIZED);

        assertThat(run.alerts)
                .as("a SYSTEMIC chart alert on %s/%s", tool.pipeline(), tool.classLabel())
                .anyMatch(a -> Detection.detects(tool, a) && Detection.rightCause(tool, a));
        assertThat(run.alerts)
                .as("the tool-bug alert names the tool version")
                .filteredOn(a -> Detection.detects(tool, a) && Detection.rightCause(tool, a))
                .anySatisfy(a -> assertThat(a.getContributors())
                        .anySatisfy(c -> assertThat(c.getValue()).isEqualTo(tool.subject())));
        assertThat(run.alerts)
                .as("no chart alert on the tool-bug chart blames one annotator or vendor")
                .filteredOn(a -> isChartAlertOn(a, tool) && a.getStatus() == AlertStatus.FIRING)
                .extracting(QualityAlert::getCause)
                .doesNotContain(Cause.LOCALIZED);
        assertThat(run.alerts)
                .as("a LOCALIZED alert naming %s or one of its annotators", onboarding.subject())
                .anyMatch(a -> Detection.detects(onboarding, a));
        assertThat(run.alerts)
                .as("no alert before any fault started")
                .noneMatch(a -> a.getWindowEnd().isBefore(tool.startsAt()));
    }

    @Test
    void shouldRaiseNoAlertWhenOnlyTheBaselineRuns() {
        Run run = run(List.of(Scenario.baseline()), WINDOWS);

        assertThat(run.phase2Windows)
                .as("chart-windows judged against fixed limits")
                .isGreaterThanOrEqualTo((long) JUDGED_CHARTS * (WINDOWS - 6 - 1));
        assertThat(run.alerts).as("alerts of any scope in a run without faults").isEmpty();
    }

    private static boolean isChartAlertOn(QualityAlert a, GroundTruth truth) {
        return a.getScope() == AlertScope.CHART
                && a.getPipeline().equals(truth.pipeline())
                && truth.classLabel().equals(a.getClassLabel());
    }

    private record Run(Demo demo, List<QualityAlert> alerts, long phase2Windows, List<GroundTruth> truths) {
        GroundTruth truth(ScenarioType type) {
            return truths.stream().filter(t -> t.scenario() == type).findFirst().orElseThrow();
        }
    }

    /** Runs {@code scenarios} until every chart has closed {@code windows} windows. */
    private static Run run(List<Scenario> scenarios, int windows) {
        List<String> lines = new CopyOnWriteArrayList<>();
        DemoSettings settings = DemoSettings.defaults()
                .withScenarios(scenarios)
                .withSpeed(new Speed(Duration.ofHours(1), Duration.ofMillis(500)))
                .withDuration(Duration.ofHours(windows).plusMinutes(30))
                .withLabelsPerHour(RATE)
                .withRegistryUrl("mock://demo-it-" + UUID.randomUUID())
                .withProgressEvery(Duration.ofSeconds(10));
        try (Demo demo = Demo.start(settings, line -> {
            lines.add(line);
            System.out.println(line);
        })) {
            Instant start = demo.simulator().config().start();
            Instant lastEnd = start.plus(Duration.ofHours(windows));
            await("every chart closes " + windows + " windows")
                    .atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        Map<String, Instant> ends = demo.watcher().latestWindowEnds();
                        return ends.size() >= Demo.chartCount()
                                && ends.values().stream().allMatch(e -> !e.isBefore(lastEnd));
                    });
            assertThat(demo.simulation().failure()).isNull();
            assertThat(demo.watcher().failure()).isNull();
            List<QualityAlert> alerts = new ArrayList<>(demo.watcher().alerts());
            alerts.forEach(a -> System.out.println("alert record: " + AlertWatcher.line(a) + " contributors="
                    + a.getContributors().stream()
                            .map(c -> c.getDimension() + "=" + c.getValue() + ":"
                                    + Math.round(c.getShareOfExcess() * 100) + "%")
                            .toList()));
            return new Run(
                    demo,
                    alerts,
                    demo.watcher().phase2Windows(),
                    demo.simulator().groundTruth());
        }
    }
}
