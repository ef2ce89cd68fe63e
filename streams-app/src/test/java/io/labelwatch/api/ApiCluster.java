package io.labelwatch.api;

import io.labelwatch.app.LabelwatchApp;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.events.ErrorType;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.Modality;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.ReviewStage;
import io.labelwatch.events.Sampling;
import io.labelwatch.events.Verdict;
import io.labelwatch.topology.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Two Labelwatch instances (same application id, own state dirs and HTTP ports) on the shared in-process broker, with
 * one-minute windows closed one second of wall time after their last event, and charts starting in Phase II at a
 * known centre of 5 %, so a test gets chart points, funnels and alerts within seconds.
 */
final class ApiCluster implements AutoCloseable {
    static final String TOKEN = "s3cret-token";
    static final String PIPELINE = "camera-2d-boxes";
    static final List<String> OVERLAP_CLASSES = List.of("vehicle.car", "vehicle.truck", "human.pedestrian", "animal");

    final String scope = "api-it-" + UUID.randomUUID().toString().substring(0, 8);
    final LabelwatchConfig config;
    final TopicNames topics;
    final List<LabelwatchApp> apps = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong ids = new AtomicLong();
    /** Start of window 0: the minute an hour ago, so every window is closed and none is too far in the past. */
    private final Instant t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);

    ApiCluster(EmbeddedKafkaBroker broker, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", broker.bootstrapServers());
        values.put("application.id", scope);
        values.put("schema.registry.url", "mock://" + scope);
        values.put("commit.interval.ms", "200");
        values.put("labelwatch.http.port", "0");
        values.put("labelwatch.window.size", "PT1M");
        values.put("labelwatch.window.grace", "PT0S");
        values.put("labelwatch.window.idle-close", "PT1S");
        values.put("labelwatch.spc.p0", "0.05");
        values.put("labelwatch.spc.chart", "P");
        values.put("labelwatch.spc.min-sample-size", "30");
        values.put("labelwatch.validation.max-future-skew", "PT1H");
        for (String topic : List.of("labels", "reviews", "taxonomy", "chart-points", "alerts", "dlq", "commands")) {
            values.put("labelwatch.topic." + topic, scope + "." + topic);
        }
        values.putAll(extra);
        this.config = LabelwatchConfig.of(values);
        this.topics = TopicNames.from(config);
        broker.createTopics(topics.specs(2, (short) 1));
    }

    LabelwatchApp start() {
        try {
            Path dir = Files.createTempDirectory("labelwatch-api-it");
            stateDirs.add(dir);
            LabelwatchApp app =
                    LabelwatchApp.start(config.with(Map.of("state.dir", dir.toString())), Clock.systemUTC());
            apps.add(app);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A review in window {@code start}, on input partition 0 so that event order survives into the repartition. */
    ReviewEvent review(Instant at, String classLabel, String annotator, boolean defect) {
        String id = scope + "-r-" + ids.incrementAndGet();
        return ReviewEvent.newBuilder()
                .setEventId(id)
                .setLabelEventId("l-" + id)
                .setUnitId("u-" + id)
                .setPipeline(PIPELINE)
                .setModality(Modality.CAMERA)
                .setTaxonomyVersion("tax-1")
                .setClassLabel(classLabel)
                .setAnnotatorId(annotator)
                .setVendor(annotator.substring(0, annotator.indexOf('/')))
                .setGuidelineVersion("g1")
                .setToolVersion("tool-1")
                .setReviewerId("qa-1")
                .setStage(ReviewStage.QA)
                .setSampling(Sampling.RANDOM)
                .setSamplingRate(0.2)
                .setVerdict(defect ? Verdict.CORRECTED : Verdict.ACCEPTED)
                .setErrorTypes(defect ? List.of(ErrorType.GEOMETRY) : List.of())
                .setCorrectedClass(null)
                .setReviewedAt(at)
                .build();
    }

    /**
     * Windows 0..3 (one minute each, starting an hour ago) of 20 annotators × 5 reviews per class. Every class runs
     * at 5 % (5 of 100) except {@code badClass}, whose window 3 has 40 % defects, all from annotators ann-00..ann-07.
     */
    void produceWindows(List<String> classes, String badClass) {
        try (KafkaProducer<String, ReviewEvent> producer = producer(ReviewEvent.class)) {
            for (int k = 0; k < 4; k++) {
                for (String cls : classes) {
                    boolean spike = k == 3 && cls.equals(badClass);
                    for (int a = 0; a < 20; a++) {
                        String annotator = String.format("vendor-%s/ann-%02d", a < 10 ? "a" : "b", a);
                        for (int i = 0; i < 5; i++) {
                            boolean defect = spike ? a < 8 : i == 0 && a % 4 == k % 4;
                            Instant at = t0.plus(Duration.ofMinutes(k)).plusMillis(a * 100L + i * 10L + 1);
                            ReviewEvent review = review(at, cls, annotator, defect);
                            producer.send(new ProducerRecord<>(
                                    topics.reviews(), 0, at.toEpochMilli(), review.getUnitId(), review));
                        }
                    }
                }
            }
            producer.flush();
        }
    }

    private <T extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, T> producer(Class<T> type) {
        return io.labelwatch.testing.TestProducers.avro(config, type);
    }

    /**
     * Overlap labels of the same windows 0..3: 20 units per window, each labelled by 3 of annotators ann-00..ann-09
     * (unit u by ann-(u mod 10), ann-(u+3 mod 10), ann-(u+6 mod 10)), true class {@code OVERLAP_CLASSES[u mod 4]},
     * every fifth unit (u mod 5 = 0) a gold unit. In windows 0..2 the third annotator of the units with u mod 10 = k
     * labels the next class (2 of 20 units disagree); in window 3 the second and third annotators of the units with
     * u mod 4 &ne; 3 agree on the next class against the first (15 of 20 units), so alpha falls far below the floor and
     * an AGREEMENT alert fires.
     */
    void produceOverlapLabels() {
        try (KafkaProducer<String, LabelEvent> producer = producer(LabelEvent.class)) {
            for (int k = 0; k < 4; k++) {
                for (int u = 0; u < 20; u++) {
                    String truth = OVERLAP_CLASSES.get(u % 4);
                    String next = OVERLAP_CLASSES.get((u + 1) % 4);
                    String unit = scope + "-w" + k + "-u" + u;
                    for (int slot = 0; slot < 3; slot++) {
                        boolean wrong = k < 3 ? slot == 2 && u % 10 == k : slot > 0 && u % 4 != 3;
                        Instant at = t0.plus(Duration.ofMinutes(k)).plusMillis(u * 1000L + slot * 10L + 5);
                        String annotator = String.format("vendor-a/ann-%02d", (u + 3 * slot) % 10);
                        LabelEvent label = LabelEvent.newBuilder()
                                .setEventId(unit + "-a" + slot)
                                .setUnitId(unit)
                                .setItemId("frame-" + k)
                                .setPipeline(PIPELINE)
                                .setModality(Modality.CAMERA)
                                .setTaxonomyVersion("tax-1")
                                .setClassLabel(wrong ? next : truth)
                                .setAnnotatorId(annotator)
                                .setVendor("vendor-a")
                                .setTaskId("task-" + k)
                                .setGuidelineVersion("g1")
                                .setToolVersion("tool-1")
                                .setExpectedAnnotations(3)
                                .setGoldLabel(u % 5 == 0 ? truth : null)
                                .setGeometry(null)
                                .setLabeledAt(at)
                                .build();
                        producer.send(new ProducerRecord<>(topics.labels(), 0, at.toEpochMilli(), unit, label));
                    }
                }
            }
            producer.flush();
        }
    }

    HttpResponse<String> get(LabelwatchApp app, String path) {
        return send(app, "GET", path, null, null);
    }

    HttpResponse<String> send(LabelwatchApp app, String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.httpUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (LabelwatchApp app : apps) {
            app.close();
        }
        for (Path dir : stateDirs) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temp files; the OS cleans up what is left
            }
        }
    }
}
