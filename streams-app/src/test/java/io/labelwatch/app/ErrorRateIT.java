package io.labelwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.embedded.ApicurioRegistry;
import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Cause;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.ErrorType;
import io.labelwatch.events.Modality;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.ReviewStage;
import io.labelwatch.events.Sampling;
import io.labelwatch.events.Verdict;
import io.labelwatch.registry.AvroSerde;
import io.labelwatch.testing.ApicurioExtension;
import io.labelwatch.testing.EmbeddedKafkaExtension;
import io.labelwatch.topology.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error-rate topology end to end: a real broker, the real schema registry, and the application as its own JVM
 * ({@code labelwatch run}) that is killed (SIGKILL, not a clean close) in the middle of the stream and started again
 * elsewhere. Exactly-once: every window's counts equal what was produced, and the alert fires once.
 */
@ExtendWith({EmbeddedKafkaExtension.class, ApicurioExtension.class})
class ErrorRateIT {
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final int WINDOWS = 12;
    private static final int ANNOTATORS = 20;
    private static final int PER_ANNOTATOR = 15;
    private static final int SHIFT_FROM = 8;

    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistry registry;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dir;

    ErrorRateIT(EmbeddedKafkaBroker broker, ApicurioRegistry registry) {
        io.labelwatch.codec.AvroTrust.trustLabelwatchEvents();
        this.broker = broker;
        this.registry = registry;
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    private Map<String, String> settings() {
        Map<String, String> s = new TreeMap<>();
        s.put("bootstrap.servers", broker.bootstrapServers());
        s.put("schema.registry.url", registry.ccompatUrl());
        s.put("application.id", "labelwatch-it-" + suffix);
        s.put("commit.interval.ms", "200");
        for (String topic : List.of("labels", "reviews", "taxonomy", "chart-points", "alerts", "dlq", "commands")) {
            s.put("labelwatch.topic." + topic, "it-" + suffix + "-" + topic);
        }
        s.put("labelwatch.window.size", "PT1H");
        // 12 hours of event time are produced in seconds over 3 partitions, and replayed as a backlog after the
        // kill: windows must close on the slowest partition's progress, not on the newest review seen.
        s.put("labelwatch.window.grace", "PT1M");
        s.put("labelwatch.spc.baseline.windows", "4");
        s.put("labelwatch.spc.chart", "P");
        s.put("labelwatch.http.port", "0");
        s.put("labelwatch.validation.max-future-skew", "PT1H");
        return s;
    }

    /** Kept under target/ so a failed run can be read afterwards. */
    private Path logFile(String name) throws IOException {
        Path logs = Paths.get("target", "it-logs");
        Files.createDirectories(logs);
        return logs.resolve("ErrorRateIT-" + suffix + "-" + name + ".log");
    }

    private Process startApp(String name) throws IOException {
        Map<String, String> s = new TreeMap<>(settings());
        s.put("state.dir", dir.resolve("state-" + name).toString());
        Path config = dir.resolve(name + ".properties");
        StringBuilder text = new StringBuilder();
        s.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, text);
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(
                        java.toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.labelwatch.cli.Main",
                        "run",
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(logFile(name).toFile())
                .start();
        processes.add(process);
        return process;
    }

    /** Reviews of window k: before the shift 1 in 20 defective, from it 3 in 20, spread over every annotator. */
    private static List<ReviewEvent> window(int k) {
        List<ReviewEvent> out = new ArrayList<>();
        int id = 0;
        for (int a = 0; a < ANNOTATORS; a++) {
            for (int i = 0; i < PER_ANNOTATOR; i++) {
                int serial = a * PER_ANNOTATOR + i;
                boolean defect = k < SHIFT_FROM ? serial % 20 == 7 : serial % 20 < 3;
                String eventId = "w" + k + "-r" + id++;
                out.add(ReviewEvent.newBuilder()
                        .setEventId(eventId)
                        .setLabelEventId("l-" + eventId)
                        .setUnitId("u-" + eventId)
                        .setPipeline("camera-2d-boxes")
                        .setModality(Modality.CAMERA)
                        .setTaxonomyVersion("nuscenes-v1.0")
                        .setClassLabel("vehicle.car")
                        .setAnnotatorId(String.format("vendor-%d/ann-%02d", a % 3, a))
                        .setVendor("vendor-" + a % 3)
                        .setGuidelineVersion(k < SHIFT_FROM ? "g1" : "g2")
                        .setToolVersion("tool-1")
                        .setReviewerId("qa")
                        .setStage(ReviewStage.QA)
                        .setSampling(Sampling.RANDOM)
                        .setSamplingRate(0.2)
                        .setVerdict(defect ? Verdict.REJECTED : Verdict.ACCEPTED)
                        .setErrorTypes(defect ? List.of(ErrorType.WRONG_CLASS) : List.of())
                        .setCorrectedClass(null)
                        .setReviewedAt(T0.plus(Duration.ofHours(k)).plusSeconds(5L * serial))
                        .build());
            }
        }
        return out;
    }

    private static long expectedDefects(int k) {
        return window(k).stream()
                .filter(r -> r.getVerdict() != Verdict.ACCEPTED)
                .count();
    }

    @Test
    void shouldCountEveryReviewOnceAndFireOnceWhenKilledMidStreamAndRestarted() throws Exception {
        LabelwatchConfig config = LabelwatchConfig.of(settings());
        TopicNames topics = TopicNames.from(config);
        broker.createTopics(topics.specs(3, (short) 1));
        Map<String, Object> registryConfig = Map.of("schema.registry.url", registry.ccompatUrl());

        try (Outputs outputs = new Outputs(topics, registryConfig);
                KafkaProducer<String, ReviewEvent> producer = producer(registryConfig)) {
            Process first = startApp("first");
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(topics.reviews(), "garbage", "not avro at all".getBytes()));
            }
            ReviewEvent invalid = ReviewEvent.newBuilder(window(0).get(0))
                    .setEventId("invalid")
                    .setSamplingRate(1.5)
                    .build();
            producer.send(new ProducerRecord<>(topics.reviews(), invalid.getUnitId(), invalid));
            // Up to the window after the shift: every partition moves past the shifted window's end, so it closes
            // and FIRES, while the next window (the alert's first update) stays open.
            for (int k = 0; k <= SHIFT_FROM + 1; k++) {
                send(producer, topics, window(k));
            }
            await().atMost(Duration.ofSeconds(120))
                    .pollInSameThread()
                    .until(() ->
                            outputs.poll().chartAlerts().stream().anyMatch(a -> a.getStatus() == AlertStatus.FIRING));
            assertThat(outputs.chartAlerts())
                    .as("killed after the FIRING, before any update")
                    .singleElement()
                    .satisfies(a -> assertThat(a.getOccurrences()).isEqualTo(1));
            first.destroyForcibly().waitFor();
            assertThat(first.exitValue()).isNotZero();

            for (int k = SHIFT_FROM + 2; k < WINDOWS; k++) {
                send(producer, topics, window(k));
            }
            // One review per input partition in a later window moves every partition past the last window's end.
            for (int partition = 0; partition < 3; partition++) {
                ReviewEvent tick = ReviewEvent.newBuilder(window(0).get(0))
                        .setEventId("tick-" + partition)
                        .setUnitId("tick-" + partition)
                        .setReviewedAt(T0.plus(Duration.ofHours(WINDOWS + 4)))
                        .build();
                producer.send(new ProducerRecord<>(topics.reviews(), partition, tick.getUnitId(), tick));
            }
            producer.flush();
            startApp("second");

            await().atMost(Duration.ofSeconds(120))
                    .pollInSameThread()
                    .until(() -> outputs.poll().points.size() >= WINDOWS);
            assertCounts(outputs.points);

            // Windows SHIFT_FROM + 1 .. WINDOWS - 1 are shifted too, each an update of the same alert.
            int updates = WINDOWS - SHIFT_FROM - 1;
            await().atMost(Duration.ofSeconds(30))
                    .pollInSameThread()
                    .until(() -> outputs.poll().chartAlerts().size() >= 1 + updates);
            List<QualityAlert> chartAlerts = outputs.chartAlerts();
            assertThat(chartAlerts)
                    .extracting(QualityAlert::getAlertId)
                    .containsOnly(chartAlerts.get(0).getAlertId());
            assertThat(chartAlerts)
                    .as("one FIRING, its occurrences continuing across the restart")
                    .extracting(QualityAlert::getStatus, QualityAlert::getOccurrences)
                    .containsExactly(java.util.stream.IntStream.rangeClosed(1, 1 + updates)
                            .mapToObj(i -> org.assertj.core.groups.Tuple.tuple(AlertStatus.FIRING, i))
                            .toArray(org.assertj.core.groups.Tuple[]::new));
            assertThat(chartAlerts)
                    .extracting(QualityAlert::getFirstFiredAt)
                    .containsOnly(T0.plus(Duration.ofHours(SHIFT_FROM + 1)));
            assertThat(chartAlerts.get(0).getCause()).isEqualTo(Cause.SYSTEMIC);
        }
        assertDeadLetters(
                topics.dlq(),
                reasons -> assertThat(reasons)
                        .anySatisfy(reason -> assertThat(reason).contains("magic byte"))
                        .anySatisfy(reason -> assertThat(reason).isEqualTo("sampling_rate 1.5 is outside (0, 1]")));
    }

    private static void send(
            KafkaProducer<String, ReviewEvent> producer, TopicNames topics, List<ReviewEvent> reviews) {
        for (ReviewEvent r : reviews) {
            producer.send(new ProducerRecord<>(topics.reviews(), r.getUnitId(), r));
        }
        producer.flush();
    }

    /** Every window emitted exactly once, with the counts that were produced. */
    private static void assertCounts(List<ChartPoint> points) {
        Map<Instant, List<ChartPoint>> byWindow = new TreeMap<>();
        points.forEach(p -> byWindow.computeIfAbsent(p.getWindowStart(), w -> new ArrayList<>())
                .add(p));
        assertThat(byWindow).hasSize(WINDOWS);
        for (int k = 0; k < WINDOWS; k++) {
            List<ChartPoint> forWindow = byWindow.get(T0.plus(Duration.ofHours(k)));
            assertThat(forWindow).as("window %d emitted exactly once", k).hasSize(1);
            assertThat(forWindow.get(0).getN()).as("reviews in window %d", k).isEqualTo(ANNOTATORS * PER_ANNOTATOR);
            assertThat(forWindow.get(0).getDefects())
                    .as("defects in window %d", k)
                    .isEqualTo(expectedDefects(k));
        }
        assertThat(byWindow.get(T0.plus(Duration.ofHours(SHIFT_FROM))).get(0).getSignals())
                .contains("NELSON_1");
    }

    /** Reads the dead-letter topic, read committed, until the reasons in its headers pass {@code check}. */
    private void assertDeadLetters(String dlq, java.util.function.Consumer<List<String>> check) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-dlq-" + suffix);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                props, new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(dlq));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    var header = r.headers().lastHeader("__streams.errors.message");
                    reasons.add(
                            header == null ? "" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
                }
                check.accept(reasons);
            });
        }
    }

    private KafkaProducer<String, ReviewEvent> producer(Map<String, Object> registryConfig) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(
                props,
                new StringSerializer(),
                AvroSerde.specific(ReviewEvent.class, registryConfig, false).serializer());
    }

    /** The outputs as a downstream service reads them: read_committed, so aborted transactions never show. */
    private final class Outputs implements AutoCloseable {
        final List<ChartPoint> points = new ArrayList<>();
        final List<QualityAlert> alerts = new ArrayList<>();
        private final TopicNames topics;
        private final KafkaConsumer<String, byte[]> consumer;
        private final Deserializer<ChartPoint> pointValues;
        private final Deserializer<QualityAlert> alertValues;

        Outputs(TopicNames topics, Map<String, Object> registryConfig) {
            this.topics = topics;
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + suffix);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            pointValues =
                    AvroSerde.specific(ChartPoint.class, registryConfig, false).deserializer();
            alertValues = AvroSerde.specific(QualityAlert.class, registryConfig, false)
                    .deserializer();
            consumer = new KafkaConsumer<>(
                    props, new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
            consumer.subscribe(List.of(topics.chartPoints(), topics.alerts()));
        }

        /** One poll; what arrived is appended. */
        Outputs poll() {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (r.topic().equals(topics.chartPoints())) {
                    points.add(pointValues.deserialize(r.topic(), r.value()));
                } else {
                    alerts.add(alertValues.deserialize(r.topic(), r.value()));
                }
            }
            return this;
        }

        List<QualityAlert> chartAlerts() {
            return alerts.stream().filter(a -> a.getScope() == AlertScope.CHART).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
