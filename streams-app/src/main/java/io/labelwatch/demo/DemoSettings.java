package io.labelwatch.demo;

import io.labelwatch.simulator.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Demo} starts.
 *
 * @param portBase first of three fixed ports (broker, registry, HTTP), or 0 for free ports
 * @param speed simulated time per wall time
 * @param dataDir broker log and Streams state directory (reused when it exists), or null for a temporary one
 * @param duration simulated time after which the simulation stops, or null to run until closed
 * @param scenarios the scenarios, offsets in simulated time from the simulation start
 * @param labelsPerHour simulated labels per simulated hour
 * @param seed simulator seed
 * @param registryUrl schema registry to use ({@code mock://NAME} for in-memory), or null to start Apicurio (falling
 *     back to {@code mock://demo} when it cannot start on this machine)
 * @param overrides configuration keys applied last (tests, experiments)
 * @param progressEvery how often a progress line is printed (wall time)
 */
public record DemoSettings(
        int portBase,
        Speed speed,
        Path dataDir,
        Duration duration,
        List<Scenario> scenarios,
        double labelsPerHour,
        long seed,
        String registryUrl,
        Map<String, String> overrides,
        Duration progressEvery) {

    /** One simulated hour every 10 s. */
    public static final Speed DEFAULT_SPEED = new Speed(Duration.ofHours(1), Duration.ofSeconds(10));

    public DemoSettings {
        Objects.requireNonNull(speed, "speed");
        scenarios = List.copyOf(scenarios);
        overrides = Map.copyOf(overrides);
        Objects.requireNonNull(progressEvery, "progressEvery");
    }

    /**
     * The demo's story in simulated time: a quiet baseline while the charts learn their centre (6 windows plus
     * margin), a guideline change on camera bicycles at +8 h (SYSTEMIC), a rogue annotator on camera adult pedestrians
     * at +12 h (LOCALIZED), a tool bug on lidar trucks at +18 h (SYSTEMIC, tool_version) and a vendor onboarding on
     * lidar at +26 h (LOCALIZED, vendor). The last two share the lidar pipeline, so the onboarding starts after the
     * tool bug has had time to be caught on its own.
     */
    public static List<Scenario> storyScenarios() {
        return List.of(
                Scenario.baseline(),
                Scenario.guidelineChange(Duration.ofHours(8)),
                Scenario.rogueAnnotator(Duration.ofHours(12)),
                Scenario.toolBug(Duration.ofHours(18)),
                Scenario.vendorOnboarding(Duration.ofHours(26)));
    }

    public static DemoSettings defaults() {
        return new DemoSettings(
                0, DEFAULT_SPEED, null, null, storyScenarios(), 20_000, 42L, null, Map.of(), Duration.ofSeconds(5));
    }

    public DemoSettings withScenarios(List<Scenario> s) {
        return new DemoSettings(
                portBase, speed, dataDir, duration, s, labelsPerHour, seed, registryUrl, overrides, progressEvery);
    }

    public DemoSettings withSpeed(Speed s) {
        return new DemoSettings(
                portBase, s, dataDir, duration, scenarios, labelsPerHour, seed, registryUrl, overrides, progressEvery);
    }

    public DemoSettings withDuration(Duration d) {
        return new DemoSettings(
                portBase, speed, dataDir, d, scenarios, labelsPerHour, seed, registryUrl, overrides, progressEvery);
    }

    public DemoSettings withPortBase(int p) {
        return new DemoSettings(
                p, speed, dataDir, duration, scenarios, labelsPerHour, seed, registryUrl, overrides, progressEvery);
    }

    public DemoSettings withDataDir(Path d) {
        return new DemoSettings(
                portBase, speed, d, duration, scenarios, labelsPerHour, seed, registryUrl, overrides, progressEvery);
    }

    public DemoSettings withRegistryUrl(String url) {
        return new DemoSettings(
                portBase, speed, dataDir, duration, scenarios, labelsPerHour, seed, url, overrides, progressEvery);
    }

    public DemoSettings withOverrides(Map<String, String> o) {
        return new DemoSettings(
                portBase, speed, dataDir, duration, scenarios, labelsPerHour, seed, registryUrl, o, progressEvery);
    }

    public DemoSettings withLabelsPerHour(double rate) {
        return new DemoSettings(
                portBase, speed, dataDir, duration, scenarios, rate, seed, registryUrl, overrides, progressEvery);
    }

    public DemoSettings withProgressEvery(Duration every) {
        return new DemoSettings(
                portBase, speed, dataDir, duration, scenarios, labelsPerHour, seed, registryUrl, overrides, every);
    }
}
