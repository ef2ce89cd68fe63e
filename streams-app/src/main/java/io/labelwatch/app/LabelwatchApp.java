package io.labelwatch.app;

import io.labelwatch.api.HttpServer;
import io.labelwatch.config.ConfigException;
import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.metrics.FiringAlertScan;
import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.topology.EventSerdes;
import io.labelwatch.topology.LabelwatchTopology;
import io.labelwatch.topology.TopicNames;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Labelwatch service: the Kafka Streams application, its metrics and its HTTP server. Any number of instances
 * with the same {@code application.id} share the work; each serves the state it owns and forwards the rest.
 */
public final class LabelwatchApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabelwatchApp.class);
    /** How often new Kafka client metrics (threads, tasks, partitions, state updater) become meters. */
    static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(5);
    /** How often the firing-alert gauges are rebuilt from the alert stores this instance owns. */
    static final Duration ALERT_SCAN_INTERVAL = Duration.ofSeconds(5);

    private final LabelwatchConfig config;
    private final PrometheusMeterRegistry registry;
    private final LabelwatchMetrics metrics;
    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final HttpServer http;
    private final ScheduledExecutorService housekeeping;
    private final TopicNames topics;
    private volatile KafkaStreams.State state = KafkaStreams.State.CREATED;

    private LabelwatchApp(LabelwatchConfig config, Clock clock, Map<String, Integer> partitions) {
        io.labelwatch.codec.AvroTrust.trustLabelwatchEvents();
        this.config = config;
        this.topics = TopicNames.from(config);
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new LabelwatchMetrics(registry, clock, config.duration(ConfigKeys.METRICS_STALE_AFTER));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        this.http = HttpServer.create(config, registry);
        EventSerdes serdes = EventSerdes.fromConfig(config);
        Topology topology = LabelwatchTopology.build(
                config, serdes, metrics, clock, partitions.get(topics.reviews()), partitions.get(topics.labels()));
        Properties props = LabelwatchTopology.streamsProperties(config, metrics);
        props.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, http.advertisedHostAndPort());
        this.streams = new KafkaStreams(topology, props);
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            Gauge.builder("labelwatch.streams.state", () -> state == s ? 1 : 0)
                    .description("1 for the current state of the Kafka Streams client")
                    .tag("state", s.name())
                    .register(registry);
        }
        streams.setStateListener((now, before) -> {
            state = now;
            LOG.info("Kafka Streams {} -> {}", before, now);
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "labelwatch-housekeeping");
            t.setDaemon(true);
            return t;
        });
        // Kafka registers the state updater's and the tasks' restore metrics only once the stream threads run; the
        // binder picks up new client metrics on its refresh (Micrometer's default: every minute), which would hide
        // restore progress during the first minute after a start: exactly when state is restored.
        this.streamsMetrics = new KafkaStreamsMetrics(streams, List.of(), housekeeping, KAFKA_METRICS_REFRESH);
        streamsMetrics.bindTo(registry);
    }

    /** Checks the topics, then starts the Streams client and the HTTP server. */
    public static LabelwatchApp start(LabelwatchConfig config, Clock clock) {
        Map<String, Integer> partitions = checkTopics(config);
        LabelwatchApp app = new LabelwatchApp(config, clock, partitions);
        app.http.start(app.streams, app.topics, () -> app.state);
        app.streams.start();
        app.housekeeping.scheduleAtFixedRate(app.metrics::removeStale, 1, 1, TimeUnit.MINUTES);
        app.housekeeping.scheduleWithFixedDelay(
                new FiringAlertScan(app.streams, app.metrics),
                ALERT_SCAN_INTERVAL.toMillis(),
                ALERT_SCAN_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        if (config.raw(ConfigKeys.SPC_FLEET_CHARTS.name()).isPresent()) {
            io.labelwatch.spc.ProportionChartConfig chart = io.labelwatch.topology.errorrate.ErrorRateSettings.from(
                            config)
                    .chart();
            LOG.info(
                    "Fleet budget {} false alarms/day over {} charts: {} limits at L={}, EWMA L={}, CUSUM h={}",
                    config.raw(ConfigKeys.SPC_FLEET_FALSE_ALARMS.name()).orElse("?"),
                    config.raw(ConfigKeys.SPC_FLEET_CHARTS.name()).orElse("?"),
                    chart.mode(),
                    chart.limitSigmas(),
                    chart.ewmaL(),
                    chart.cusumH());
        }
        LOG.info(
                "Labelwatch running: application.id={}, HTTP on {}",
                config.raw(StreamsConfig.APPLICATION_ID_CONFIG).orElse("?"),
                app.http.url());
        return app;
    }

    /**
     * Fails with a message naming the missing topics (the application never creates its input topics itself), or with
     * {@link UnavailableException} when the cluster does not answer within {@code default.api.timeout.ms} (30 s unless
     * configured); returns the partition counts of the reviews and labels topics, by topic name.
     */
    static Map<String, Integer> checkTopics(LabelwatchConfig config) {
        TopicNames names = TopicNames.from(config);
        Map<String, Object> admin = new HashMap<>(config.kafkaProperties());
        admin.keySet().retainAll(AdminClientConfig.configNames());
        admin.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        admin.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin client = Admin.create(admin)) {
            long waitMs = Long.parseLong(admin.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)
                    .toString()
                    .trim());
            Set<String> existing = client.listTopics().names().get(waitMs, TimeUnit.MILLISECONDS);
            List<String> missing = new ArrayList<>();
            for (String topic : names.all()) {
                if (!existing.contains(topic)) {
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                throw new ConfigException("missing topics " + missing + " on " + config.bootstrapServers()
                        + ": create them with `labelwatch topics create`");
            }
            Map<String, Integer> partitions = new HashMap<>();
            client.describeTopics(List.of(names.reviews(), names.labels()))
                    .allTopicNames()
                    .get(waitMs, TimeUnit.MILLISECONDS)
                    .forEach((topic, description) ->
                            partitions.put(topic, description.partitions().size()));
            return partitions;
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(config, admin);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.RetriableException) {
                throw unreachable(config, admin);
            }
            throw new ConfigException("cannot list topics on " + config.bootstrapServers() + ": "
                    + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while checking topics");
        }
    }

    private static UnavailableException unreachable(LabelwatchConfig config, Map<String, Object> admin) {
        return new UnavailableException("Kafka at " + config.bootstrapServers() + " did not answer within "
                + admin.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG) + " ms (bootstrap.servers; "
                + AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG + " sets the wait)");
    }

    public KafkaStreams streams() {
        return streams;
    }

    public KafkaStreams.State state() {
        return state;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public LabelwatchMetrics metrics() {
        return metrics;
    }

    public String httpUrl() {
        return http.url();
    }

    public LabelwatchConfig config() {
        return config;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        streams.close(Duration.ofSeconds(30));
        streamsMetrics.close();
        http.stop();
        registry.close();
    }
}
