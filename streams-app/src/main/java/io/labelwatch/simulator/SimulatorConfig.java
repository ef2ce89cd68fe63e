package io.labelwatch.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * How the simulated labeling operation runs. {@link #defaults()} gives a working configuration; the {@code with…}
 * methods change one setting.
 *
 * <p>There is deliberately no speed here: the simulator only knows simulated time. A runner that paces it against
 * the wall clock (e.g. {@code --speed 1h/10s}) calls {@link Simulator#advance} with {@code wallElapsed × speed}.
 *
 * @param seed seed of every random draw; the same seed and the same total simulated time give the same events.
 *     Default 42
 * @param start simulated time of the first instant, truncated to milliseconds. Default 2026-03-02T08:00:00Z.
 *     Note that Labelwatch rejects events far in the future: a runner that runs faster than real time should start
 *     in the past
 * @param labelsPerHour mean number of label events per simulated hour (units arrive as a Poisson process; an
 *     overlapped unit brings 3 labels). Default 20,000
 * @param randomSamplingRate probability that a label gets a RANDOM QA review, in (0, 1]; at 1 every label gets a
 *     FULL review instead. Default 0.2
 * @param targetedRate probability that a label not sampled at random gets a TARGETED review when it is correct, in
 *     [0, 1). Default 0.02
 * @param targetedEnrichment how many times likelier a defective label is to be targeted than a correct one (the
 *     targeting heuristics work), at least 1. Default 5, so TARGETED reviews show several times the error rate
 * @param overlapShare share of units labelled by 3 distinct annotators ({@code expected_annotations = 3}), in
 *     [0, 1). Default 0.10
 * @param goldShare share of units that are gold (honeypot) units with {@code gold_label} set, in [0, 1); overlap
 *     and gold shares together stay below 1. Default 0.05
 * @param scenarios the scenarios to run; empty means baseline. Default: none
 */
public record SimulatorConfig(
        long seed,
        Instant start,
        double labelsPerHour,
        double randomSamplingRate,
        double targetedRate,
        double targetedEnrichment,
        double overlapShare,
        double goldShare,
        List<Scenario> scenarios) {

    /** Default {@link #start()}. */
    public static final Instant DEFAULT_START = Instant.parse("2026-03-02T08:00:00Z");

    public SimulatorConfig {
        Objects.requireNonNull(start, "start");
        start = start.truncatedTo(ChronoUnit.MILLIS);
        scenarios = List.copyOf(Objects.requireNonNull(scenarios, "scenarios"));
        require(labelsPerHour > 0 && labelsPerHour <= 1e9, "labelsPerHour", "in (0, 1e9]", labelsPerHour);
        require(
                randomSamplingRate > 0 && randomSamplingRate <= 1,
                "randomSamplingRate",
                "in (0, 1]",
                randomSamplingRate);
        require(targetedRate >= 0 && targetedRate < 1, "targetedRate", "in [0, 1)", targetedRate);
        require(
                targetedEnrichment >= 1 && Double.isFinite(targetedEnrichment),
                "targetedEnrichment",
                "finite and >= 1",
                targetedEnrichment);
        require(overlapShare >= 0 && overlapShare < 1, "overlapShare", "in [0, 1)", overlapShare);
        require(goldShare >= 0 && goldShare < 1, "goldShare", "in [0, 1)", goldShare);
        require(overlapShare + goldShare < 1, "overlapShare + goldShare", "below 1", overlapShare + goldShare);
    }

    /** Seed 42, the default start, 20,000 labels/h, RANDOM 0.2, targeted 0.02 ×5, overlap 0.10, gold 0.05. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(42L, DEFAULT_START, 20_000, 0.2, 0.02, 5.0, 0.10, 0.05, List.of());
    }

    public SimulatorConfig withSeed(long newSeed) {
        return new SimulatorConfig(
                newSeed,
                start,
                labelsPerHour,
                randomSamplingRate,
                targetedRate,
                targetedEnrichment,
                overlapShare,
                goldShare,
                scenarios);
    }

    public SimulatorConfig withStart(Instant newStart) {
        return new SimulatorConfig(
                seed,
                newStart,
                labelsPerHour,
                randomSamplingRate,
                targetedRate,
                targetedEnrichment,
                overlapShare,
                goldShare,
                scenarios);
    }

    public SimulatorConfig withLabelsPerHour(double newLabelsPerHour) {
        return new SimulatorConfig(
                seed,
                start,
                newLabelsPerHour,
                randomSamplingRate,
                targetedRate,
                targetedEnrichment,
                overlapShare,
                goldShare,
                scenarios);
    }

    public SimulatorConfig withRandomSamplingRate(double newRate) {
        return new SimulatorConfig(
                seed,
                start,
                labelsPerHour,
                newRate,
                targetedRate,
                targetedEnrichment,
                overlapShare,
                goldShare,
                scenarios);
    }

    public SimulatorConfig withTargeted(double newRate, double newEnrichment) {
        return new SimulatorConfig(
                seed,
                start,
                labelsPerHour,
                randomSamplingRate,
                newRate,
                newEnrichment,
                overlapShare,
                goldShare,
                scenarios);
    }

    public SimulatorConfig withOverlapAndGold(double newOverlapShare, double newGoldShare) {
        return new SimulatorConfig(
                seed,
                start,
                labelsPerHour,
                randomSamplingRate,
                targetedRate,
                targetedEnrichment,
                newOverlapShare,
                newGoldShare,
                scenarios);
    }

    public SimulatorConfig withScenarios(List<Scenario> newScenarios) {
        return new SimulatorConfig(
                seed,
                start,
                labelsPerHour,
                randomSamplingRate,
                targetedRate,
                targetedEnrichment,
                overlapShare,
                goldShare,
                newScenarios);
    }

    public SimulatorConfig withScenarios(Scenario... newScenarios) {
        return withScenarios(List.of(newScenarios));
    }

    private static void require(boolean ok, String name, String range, double value) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + range + ", got " + value);
        }
    }
}
