package io.labelwatch.bench;

import io.labelwatch.config.ConfigKeys;
import io.labelwatch.demo.AlertWatcher;
import io.labelwatch.demo.Demo;
import io.labelwatch.demo.DemoSettings;
import io.labelwatch.demo.Detection;
import io.labelwatch.demo.Speed;
import io.labelwatch.simulator.GroundTruth;
import io.labelwatch.simulator.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Detection latency end to end: the demo's stack (embedded broker, the application, the paced simulator, the alert
 * consumer) with a guideline change and a rogue annotator injected at the same simulated time, after the charts' Phase
 * I. For each fault it measures the time from the simulator reaching the fault's first event to the first alert on
 * {@code quality.alerts} that {@link Detection#detects detects} it, in windows of event time and in wall seconds.
 *
 * <p>The wall time is bounded below by pacing: a window closes once the simulation is past its end plus the grace
 * period, so at {@code speed} a fault found in {@code w} windows cannot be seen before about {@code w × wall per
 * window + grace}; what is beyond that is the topology's processing, commit interval and the consumer's read.
 */
public final class LatencyBench {
    /** Faults start after the demo's Phase I (6 windows) and one judged window. */
    public static final Duration FAULT_AT = Duration.ofHours(7);

    /** Windows of fault data given to each fault before it counts as missed. */
    public static final int MAX_WINDOWS = 5;

    private LatencyBench() {}

    /**
     * One fault's result.
     *
     * @param truth the injected fault
     * @param windows windows of event time from the fault's start to the end of the window whose alert found it;
     *     -1 when missed
     * @param wallSeconds wall time from its first event to the alert's arrival; NaN when missed
     * @param cause the detecting alert's cause; null when missed
     * @param rightCause whether that cause is the one the fault should be diagnosed with
     */
    public record Fault(GroundTruth truth, int windows, double wallSeconds, String cause, boolean rightCause) {
        public boolean detected() {
            return windows >= 0;
        }
    }

    /** The run's results, the pace it was run at and the windows' size and grace. */
    public record Result(Speed speed, double labelsPerHour, Duration window, Duration grace, List<Fault> faults) {
        /** The wall time pacing alone takes before a fault found in {@code windows} windows can be seen. */
        public Duration pacingFloor(int windows) {
            return speed.wallFor(window.multipliedBy(windows).plus(grace));
        }
    }

    /** Runs the two faults at {@code speed} and {@code labelsPerHour} simulated labels per simulated hour. */
    public static Result run(Speed speed, double labelsPerHour) throws InterruptedException {
        List<Scenario> scenarios = List.of(Scenario.guidelineChange(FAULT_AT), Scenario.rogueAnnotator(FAULT_AT));
        Duration simulated = FAULT_AT.plusHours(MAX_WINDOWS).plusMinutes(30);
        DemoSettings settings = DemoSettings.defaults()
                .withScenarios(scenarios)
                .withSpeed(speed)
                .withDuration(simulated)
                .withLabelsPerHour(labelsPerHour)
                .withRegistryUrl("mock://bench-latency-" + UUID.randomUUID())
                .withProgressEvery(Duration.ofHours(1));
        try (Demo demo = Demo.start(settings, line -> {})) {
            Duration window = demo.config().duration(ConfigKeys.WINDOW_SIZE);
            List<GroundTruth> truths = demo.simulator().groundTruth();
            // Pacing bounds the run; a stack that cannot keep up gets one more simulated run's worth of wall time.
            long deadline = System.nanoTime() + 2 * speed.wallFor(simulated).toNanos() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline
                    && !allFound(truths, demo.watcher().received())) {
                if (demo.simulation().failure() != null) {
                    throw new IllegalStateException(
                            "simulator failed: " + demo.simulation().failure().getMessage(),
                            demo.simulation().failure());
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
            List<Fault> faults = new ArrayList<>();
            for (GroundTruth truth : truths) {
                faults.add(fault(truth, demo, window));
            }
            return new Result(
                    speed, labelsPerHour, window, demo.config().duration(ConfigKeys.WINDOW_GRACE), List.copyOf(faults));
        }
    }

    private static boolean allFound(List<GroundTruth> truths, List<AlertWatcher.Received> received) {
        return truths.stream().allMatch(t -> received.stream().anyMatch(r -> Detection.detects(t, r.alert())));
    }

    private static Fault fault(GroundTruth truth, Demo demo, Duration window) {
        OptionalLong started = demo.scenarioStartedNanos(truth.scenario());
        for (AlertWatcher.Received r : demo.watcher().received()) {
            if (started.isPresent() && Detection.detects(truth, r.alert())) {
                Duration fromFault =
                        Duration.between(truth.startsAt(), r.alert().getWindowEnd());
                int windows = (int) ((fromFault.toMillis() + window.toMillis() - 1) / window.toMillis());
                return new Fault(
                        truth,
                        windows,
                        (r.nanoTime() - started.getAsLong()) / 1e9,
                        r.alert().getCause().name(),
                        Detection.rightCause(truth, r.alert()));
            }
        }
        return new Fault(truth, -1, Double.NaN, null, false);
    }
}
