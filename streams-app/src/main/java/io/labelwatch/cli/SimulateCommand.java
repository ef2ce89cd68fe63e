package io.labelwatch.cli;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.demo.PacedSimulation;
import io.labelwatch.demo.Speed;
import io.labelwatch.simulator.KafkaEventSink;
import io.labelwatch.simulator.Scenario;
import io.labelwatch.simulator.ScenarioType;
import io.labelwatch.simulator.Simulator;
import io.labelwatch.simulator.SimulatorConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code labelwatch simulate}: synthetic label and review events with injected faults, into a real cluster through the
 * schema registry, paced against the wall clock.
 */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = {
            "Publishes the taxonomy, then simulated label and review events with injected faults, through the schema",
            "registry. Simulated time starts 30 days ago (hour-aligned) and runs --speed faster than the wall clock;",
            "it stops after --duration or when it reaches the present."
        })
final class SimulateCommand implements Callable<Integer> {
    /** Offset of a fault scenario given without {@code @OFFSET}: after the charts' Phase I with margin. */
    static final Duration DEFAULT_FAULT_OFFSET = Duration.ofHours(8);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions options;

    @Option(
            names = "--scenario",
            paramLabel = "NAME[@OFFSET]",
            arity = "1..*",
            description = "Scenarios: baseline, guideline-change, rogue-annotator, vendor-onboarding, tool-bug; a"
                    + " fault starts at @OFFSET simulated time (default 8h). Default: baseline.")
    List<String> scenarios = new ArrayList<>();

    @Option(
            names = "--speed",
            paramLabel = "SIM/WALL",
            defaultValue = "1h/10s",
            description = "Simulated time per wall time. Default: ${DEFAULT-VALUE}.")
    String speed;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "20000",
            description = "Simulated labels per simulated hour. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed; the same seed gives the same events. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "Simulated time to run (e.g. 24h). Default: until the present or Ctrl-C.")
    String duration;

    @Override
    public Integer call() throws InterruptedException {
        Speed pace = parseSpeed(speed);
        if (!(rate > 0) || rate > 1e9) {
            throw new UserException("--rate must be in (0, 1000000000] labels per hour, was " + rate);
        }
        Duration limit = duration == null ? null : parseDuration("--duration", duration);
        List<Scenario> chosen = parseScenarios(scenarios);
        LabelwatchConfig config = options.load();
        PrintWriter out = spec.commandLine().getOut();

        Instant now = Instant.now();
        Instant start = now.minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        Duration untilNow = Duration.between(start, now).minusHours(1);
        if (limit == null || limit.compareTo(untilNow) > 0) {
            limit = untilNow;
        }
        Simulator simulator = new Simulator(SimulatorConfig.defaults()
                .withSeed(seed)
                .withStart(start)
                .withLabelsPerHour(rate)
                .withScenarios(chosen));
        KafkaEventSink sink;
        try {
            sink = KafkaEventSink.create(config, truth -> {
                synchronized (out) {
                    out.println("SCENARIO " + truth.description());
                    out.flush();
                }
            });
            sink.publishTaxonomy();
        } catch (RuntimeException e) {
            throw new UserException("cannot publish to " + config.bootstrapServers() + ": " + e.getMessage(), 1, e);
        }
        out.printf(
                Locale.ROOT,
                "simulating from %s for %s at %s, %.0f labels/h, seed %d, into %s%n",
                start,
                limit,
                pace,
                rate,
                seed,
                config.bootstrapServers());
        out.flush();
        PacedSimulation simulation = PacedSimulation.start(simulator, sink, pace, limit);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    simulation.close();
                    sink.close();
                    stopped.countDown();
                },
                "labelwatch-simulate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        while (!simulation.awaitFinished(Duration.ofSeconds(1))) {
            if (stopped.await(0, TimeUnit.MILLISECONDS)) {
                return 0;
            }
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        sink.close();
        out.printf(
                Locale.ROOT,
                "done: %d labels and %d reviews up to %s%n",
                simulation.labelsSent(),
                simulation.reviewsSent(),
                simulation.simulatedNow());
        out.flush();
        if (simulation.failure() != null) {
            spec.commandLine()
                    .getErr()
                    .println("labelwatch simulate: " + simulation.failure().getMessage());
            return 1;
        }
        return 0;
    }

    static Speed parseSpeed(String text) {
        try {
            return Speed.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserException("--speed: " + e.getMessage());
        }
    }

    static Duration parseDuration(String option, String text) {
        try {
            Duration d = Speed.duration(text);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("must be positive, was " + text);
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UserException(option + ": " + e.getMessage());
        }
    }

    /** {@code guideline-change@8h} and the like; an empty list means the baseline alone. */
    static List<Scenario> parseScenarios(List<String> names) {
        List<Scenario> out = new ArrayList<>();
        for (String spec : names) {
            int at = spec.indexOf('@');
            String name = (at < 0 ? spec : spec.substring(0, at))
                    .trim()
                    .toUpperCase(Locale.ROOT)
                    .replace('-', '_');
            ScenarioType type;
            try {
                type = ScenarioType.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new UserException("--scenario: unknown scenario '" + spec + "'; use one of "
                        + java.util.Arrays.stream(ScenarioType.values())
                                .map(t -> t.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                                .toList());
            }
            Duration offset = at < 0 ? DEFAULT_FAULT_OFFSET : parseDuration("--scenario", spec.substring(at + 1));
            out.add(type.create(offset));
        }
        return out.isEmpty() ? List.of(Scenario.baseline()) : out;
    }
}
