package io.labelwatch.demo;

import io.labelwatch.app.LabelwatchApp;
import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.embedded.ApicurioRegistry;
import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.simulator.HistoryReplay;
import io.labelwatch.simulator.KafkaEventSink;
import io.labelwatch.simulator.Pipeline;
import io.labelwatch.simulator.ScenarioType;
import io.labelwatch.simulator.Simulator;
import io.labelwatch.simulator.SimulatorConfig;
import io.labelwatch.simulator.TaxonomyCatalog;
import io.labelwatch.topology.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The whole product in one process: an embedded KRaft broker, a schema registry (Apicurio, or the in-memory
 * {@code mock://demo} when Apicurio cannot run here), the topics, the Labelwatch application with its HTTP server, the
 * simulator with its scenarios paced against the wall clock, and a watcher that reports alerts and progress. {@link
 * #close()} stops them in reverse order.
 *
 * <p>The simulation starts {@value #START_DAYS_AGO} days in the past (the broker rejects records more than an hour in
 * the future, and so does Labelwatch's validation beyond its skew) and stops when it reaches the present. Input topics
 * keep records forever so week-old event times are not deleted by retention.
 */
public final class Demo implements AutoCloseable {
    static final int START_DAYS_AGO = 30;
    private static final DateTimeFormatter SIM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Consumer<String> out;
    private EmbeddedKafkaBroker broker;
    private String registryUrl;
    private String registryNote;
    private LabelwatchConfig config;
    private LabelwatchApp app;
    private PacedSimulation simulation;
    private AlertWatcher watcher;
    private Simulator simulator;
    private final Map<ScenarioType, Long> scenarioStartedNanos = new java.util.concurrent.ConcurrentHashMap<>();
    private long lastEvents;
    private long lastNanos;

    private Demo(Consumer<String> out) {
        this.out = out;
    }

    /** Starts everything; on failure stops what was started and rethrows. */
    public static Demo start(DemoSettings settings, Consumer<String> out) {
        Demo demo = new Demo(out);
        try {
            demo.startAll(settings);
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private void startAll(DemoSettings s) {
        Path dir = s.dataDir();
        boolean temporary = dir == null;
        try {
            dir = temporary ? Files.createTempDirectory("labelwatch-demo-") : dir.toAbsolutePath();
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        if (temporary) {
            Path toDelete = dir;
            started.push(() -> deleteTree(toDelete));
        }
        int brokerPort = s.portBase() == 0 ? 0 : s.portBase();
        broker = EmbeddedKafkaBroker.start(brokerPort, dir.resolve("kafka"));
        started.push(broker);
        out.accept("Kafka broker (KRaft)   " + broker.bootstrapServers() + "   data in " + dir);

        startRegistry(s);

        config = io.labelwatch.topology.errorrate.ErrorRateSettings.withFleetBudget(
                LabelwatchConfig.of(demoConfig(s, dir)));
        TopicNames topics = TopicNames.from(config);
        broker.createTopics(demoTopics(topics, config.integer(ConfigKeys.TOPIC_PARTITIONS)));
        out.accept("Topics                 " + String.join(", ", topics.all()));

        app = LabelwatchApp.start(config, Clock.systemUTC());
        started.push(app);
        config = config.with(Map.of(ConfigKeys.NOTIFIER_STATUS_URL.name(), app.httpUrl()));
        out.accept("Labelwatch app         " + app.httpUrl() + "   (application.id "
                + config.raw("application.id").orElse("?") + ")");
        out.accept("  status page          " + app.httpUrl() + "/");
        out.accept("  metrics              " + app.httpUrl() + "/metrics");
        out.accept("  API                  " + app.httpUrl() + "/api/v1/charts   " + app.httpUrl() + "/api/v1/alerts");
        out.accept(String.format(
                Locale.ROOT,
                "Charts                 window %s, baseline %d windows, rules %s, L=%s (fleet budget %s false"
                        + " alarms/day over %s charts)",
                config.duration(ConfigKeys.WINDOW_SIZE),
                config.integer(ConfigKeys.SPC_BASELINE_WINDOWS),
                config.string(ConfigKeys.SPC_RULES),
                config.raw(ConfigKeys.SPC_SIGMA.name()).orElse("3"),
                config.raw(ConfigKeys.SPC_FLEET_FALSE_ALARMS.name()).orElse("-"),
                config.raw(ConfigKeys.SPC_FLEET_CHARTS.name()).orElse("-")));

        watcher = AlertWatcher.start(config, out);
        started.push(watcher);

        Instant now = Instant.now();
        Instant start = now.minus(Duration.ofDays(START_DAYS_AGO)).truncatedTo(ChronoUnit.HOURS);
        Duration untilNow = Duration.between(start, now).minusHours(1);
        Duration limit = s.duration() == null || s.duration().compareTo(untilNow) > 0 ? untilNow : s.duration();
        simulator = new Simulator(SimulatorConfig.defaults()
                .withSeed(s.seed())
                .withStart(start)
                .withLabelsPerHour(s.labelsPerHour())
                .withScenarios(s.scenarios()));
        KafkaEventSink sink = KafkaEventSink.create(config, truth -> {
            scenarioStartedNanos.putIfAbsent(truth.scenario(), System.nanoTime());
            out.accept("[" + SIM_TIME.format(truth.startsAt()) + " sim] SCENARIO " + truth.description());
        });
        started.push(sink);
        sink.publishTaxonomy();
        out.accept(String.format(
                Locale.ROOT,
                "Simulator              seed %d, %.0f labels/h, speed %s (1 window every %.1f s), simulated time"
                        + " from %s for %s",
                s.seed(),
                s.labelsPerHour(),
                s.speed(),
                s.speed().wallFor(config.duration(ConfigKeys.WINDOW_SIZE)).toMillis() / 1000.0,
                SIM_TIME.format(start),
                span(limit)));
        lastNanos = System.nanoTime();
        simulation = PacedSimulation.start(simulator, sink, s.speed(), limit);
        started.push(simulation);

        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "labelwatch-demo-progress");
            t.setDaemon(true);
            return t;
        });
        long every = s.progressEvery().toMillis();
        progress.scheduleAtFixedRate(() -> out.accept(progressLine()), every, every, TimeUnit.MILLISECONDS);
        started.push(progress::shutdownNow);
    }

    private void startRegistry(DemoSettings s) {
        if (s.registryUrl() != null) {
            registryUrl = s.registryUrl();
            out.accept("Schema registry        " + registryUrl);
            return;
        }
        java.util.Optional<String> why = ApicurioRegistry.unavailableReason();
        if (why.isPresent()) {
            registryUrl = "mock://demo";
            registryNote = why.get();
            out.accept("Schema registry        mock://demo (in-memory, this process only: Apicurio cannot run here: "
                    + why.get() + ")");
            return;
        }
        ApicurioRegistry registry = ApicurioRegistry.start(s.portBase() == 0 ? 0 : s.portBase() + 1);
        started.push(registry);
        registryUrl = registry.ccompatUrl();
        out.accept(
                "Schema registry        " + registryUrl + "   (Apicurio, ccompat API; log " + registry.logFile() + ")");
    }

    private Map<String, String> demoConfig(DemoSettings s, Path dir) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", broker.bootstrapServers());
        c.put("schema.registry.url", registryUrl);
        c.put("application.id", "labelwatch-demo");
        c.put("state.dir", dir.resolve("streams").toString());
        // One partition: the chart task then sees reviews in event-time order. With 3 partitions a catching-up
        // application merged upstream tasks into the repartition topic up to tens of simulated minutes apart, and
        // 46 % of reviews arrived after their window had closed (grace PT10M).
        c.put(ConfigKeys.TOPIC_PARTITIONS.name(), "1");
        c.put(ConfigKeys.WINDOW_SIZE.name(), "PT1H");
        c.put(ConfigKeys.SPC_BASELINE_WINDOWS.name(), "6");
        c.put(ConfigKeys.MAX_FUTURE_SKEW.name(), "P3650D");
        c.put(ConfigKeys.HTTP_HOST.name(), "127.0.0.1");
        c.put(ConfigKeys.HTTP_PORT.name(), s.portBase() == 0 ? "0" : Integer.toString(s.portBase() + 2));
        // Many charts: budget the false alarms of the whole fleet rather than accept ARL0 = 370 per chart.
        c.put(ConfigKeys.SPC_RULES.name(), "NELSON_1");
        c.put(ConfigKeys.SPC_FLEET_CHARTS.name(), Integer.toString(chartCount()));
        c.put(ConfigKeys.SPC_FLEET_FALSE_ALARMS.name(), "0.5");
        c.putAll(HistoryReplay.streamsSettings());
        c.putAll(s.overrides());
        return c;
    }

    /** One error-rate chart per (pipeline, leaf class). */
    static int chartCount() {
        return Pipeline.values().length * TaxonomyCatalog.leaves().size();
    }

    /** The topics, kept until the demo's data directory is removed: the simulated history starts weeks ago. */
    private static List<NewTopic> demoTopics(TopicNames topics, int partitions) {
        return HistoryReplay.keepForever(topics.specs(partitions, (short) 1));
    }

    /** A simulated span as a person reads it: {@code 29d 23h 12m}, {@code 11h 30m}. */
    static String span(Duration d) {
        StringBuilder out = new StringBuilder();
        if (d.toDaysPart() > 0) {
            out.append(d.toDaysPart()).append("d ");
        }
        if (d.toHoursPart() > 0 || out.length() > 0) {
            out.append(d.toHoursPart()).append("h ");
        }
        return out.append(d.toMinutesPart()).append('m').toString();
    }

    /** Simulated time, event rate since the last line, windows closed and alerts firing. */
    public synchronized String progressLine() {
        long events = simulation.labelsSent() + simulation.reviewsSent();
        long nanos = System.nanoTime();
        double rate = (events - lastEvents) / Math.max(1e-9, (nanos - lastNanos) / 1e9);
        lastEvents = events;
        lastNanos = nanos;
        return String.format(
                Locale.ROOT,
                "[%s sim] %,.0f events/s   %,d events   %,d windows closed   %d alerts firing%s",
                SIM_TIME.format(simulation.simulatedNow()),
                rate,
                events,
                watcher.windowsClosed(),
                watcher.firingCount(),
                simulation.isFinished() ? "   (simulation finished)" : "");
    }

    public LabelwatchConfig config() {
        return config;
    }

    public LabelwatchApp app() {
        return app;
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** Why the in-memory registry is used, when it is because Apicurio cannot run. */
    public java.util.Optional<String> registryNote() {
        return java.util.Optional.ofNullable(registryNote);
    }

    public PacedSimulation simulation() {
        return simulation;
    }

    public AlertWatcher watcher() {
        return watcher;
    }

    public Simulator simulator() {
        return simulator;
    }

    /**
     * When the simulator reached the start of a scenario, just before producing its first event ({@link
     * System#nanoTime()}); empty until then.
     */
    public java.util.OptionalLong scenarioStartedNanos(ScenarioType scenario) {
        Long nanos = scenarioStartedNanos.get(scenario);
        return nanos == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(nanos);
    }

    /** True while the broker and the Streams client are alive. */
    public boolean isRunning() {
        return broker != null
                && broker.isRunning()
                && app != null
                && app.state().isRunningOrRebalancing();
    }

    /** Stops everything that was started, newest first; each failure is reported and the rest still stop. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                out.accept("stopping " + c.getClass().getSimpleName() + " failed: " + e.getMessage());
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
