package io.labelwatch.deploy;

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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Input for {@link DashboardQueriesIT} (and {@code FiringAlertsIT}) that gives every dashboard panel real series: four one-minute windows of
 * reviews of two classes at 5 % defects (charts start in Phase II at p0 = 5 %), of which the CRITICAL class jumps to
 * 40 % in the last window (alert firing and raised); overlap units labelled by three annotators with a few
 * disagreements (agreement alpha); gold labels with a few misses (gold accuracy); a review with sampling_rate 1.5
 * (DLQ), a repeated event_id (duplicate), a TARGETED review, and — after the windows closed — a late review. Event
 * times start three hours ago; one review and one label in a later window move stream time past the last window.
 */
public final class DashboardTraffic {
    public static final String PIPELINE = "camera-2d-boxes";
    public static final String SHIFTED_CLASS = "human.pedestrian.adult";
    public static final String STEADY_CLASS = "vehicle.car";
    private static final int WINDOWS = 4;
    private static final int ANNOTATORS = 20;
    private static final int REVIEWS_PER_ANNOTATOR = 5;
    private static final int UNITS_PER_WINDOW = 20;
    private static final int GOLD_PER_WINDOW = 20;

    private final String scope = "dash-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final LabelwatchConfig config;
    private final TopicNames topics;
    private final Instant t0 = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
    private final AtomicLong ids = new AtomicLong();
    private final Set<String> produced = ConcurrentHashMap.newKeySet();

    public DashboardTraffic(EmbeddedKafkaBroker broker) {
        Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", broker.bootstrapServers());
        values.put("application.id", scope);
        values.put("schema.registry.url", "mock://" + scope);
        values.put("commit.interval.ms", "200");
        values.put("labelwatch.http.port", "0");
        values.put("labelwatch.window.size", "PT1M");
        values.put("labelwatch.window.grace", "PT0S");
        values.put("labelwatch.window.idle-close", "PT2S");
        values.put("labelwatch.spc.p0", "0.05");
        values.put("labelwatch.spc.chart", "P");
        values.put("labelwatch.spc.baseline.windows", "3");
        values.put("labelwatch.spc.min-sample-size", "10");
        values.put("labelwatch.agreement.min-units", "5");
        values.put("labelwatch.severity." + SHIFTED_CLASS, "CRITICAL");
        values.put("labelwatch.severity." + STEADY_CLASS, "LOW");
        for (String topic : List.of("labels", "reviews", "taxonomy", "chart-points", "alerts", "dlq", "commands")) {
            values.put("labelwatch.topic." + topic, scope + "." + topic);
        }
        this.config = LabelwatchConfig.of(values);
        this.topics = TopicNames.from(config);
        broker.createTopics(topics.specs(1, (short) 1));
    }

    public LabelwatchConfig config() {
        return config;
    }

    /** Every event, unit and annotator id produced so far: none may become a metric tag value. */
    public Set<String> producedIds() {
        return Set.copyOf(produced);
    }

    /**
     * What the app's own scrape still lacks of the series the dashboards chart: the firing alert of the CRITICAL class,
     * control limits, agreement alpha, gold accuracy, and input records counted as accepted, targeted, duplicate and
     * DLQ. Empty once everything is there.
     */
    static List<String> missing(String scrape) {
        List<String> wanted = new ArrayList<>(List.of(
                "labelwatch_alerts_firing{",
                "severity=\"CRITICAL\"",
                "labelwatch_error_rate_ucl{",
                "labelwatch_chart_criticality{",
                "labelwatch_agreement_alpha{",
                "labelwatch_gold_accuracy{"));
        Stream.of("accepted", "targeted", "duplicate", "dlq").forEach(o -> wanted.add("outcome=\"" + o + "\""));
        wanted.removeIf(scrape::contains);
        return wanted;
    }

    public void produce() {
        try (KafkaProducer<String, ReviewEvent> reviews = producer(ReviewEvent.class);
                KafkaProducer<String, LabelEvent> labels = producer(LabelEvent.class)) {
            for (int k = 0; k < WINDOWS; k++) {
                Instant start = t0.plus(Duration.ofMinutes(k));
                for (String cls : List.of(STEADY_CLASS, SHIFTED_CLASS)) {
                    boolean shifted = k == WINDOWS - 1 && cls.equals(SHIFTED_CLASS);
                    for (int a = 0; a < ANNOTATORS; a++) {
                        for (int i = 0; i < REVIEWS_PER_ANNOTATOR; i++) {
                            boolean defect = shifted ? a < 8 : i == 0 && a % 4 == k % 4;
                            Instant at = start.plusMillis(a * 100L + i * 10L + 1);
                            send(reviews, review(at, cls, annotator(a), defect, Sampling.RANDOM, 0.2));
                        }
                    }
                }
                for (int u = 0; u < UNITS_PER_WINDOW; u++) {
                    String unit = scope + "-unit-" + k + "-" + u;
                    for (int a = 0; a < 3; a++) {
                        String cls = u % 6 == 0 && a == 2 ? SHIFTED_CLASS : STEADY_CLASS;
                        Instant at = start.plusMillis(5_000L + u * 100L + a * 10L);
                        send(labels, label(at, unit, annotator(a), cls, 3, null));
                    }
                }
                for (int g = 0; g < GOLD_PER_WINDOW; g++) {
                    String cls = g % 10 == 0 ? SHIFTED_CLASS : STEADY_CLASS;
                    Instant at = start.plusMillis(10_000L + g * 100L);
                    send(labels, label(at, scope + "-gold-" + k + "-" + g, annotator(g), cls, 1, STEADY_CLASS));
                }
            }
            // In the last window: on the single input partition, earlier windows have closed by now.
            Instant first = t0.plus(Duration.ofMinutes(WINDOWS - 1)).plusSeconds(20);
            send(reviews, review(first, STEADY_CLASS, annotator(0), false, Sampling.TARGETED, 1.0));
            send(reviews, review(first, STEADY_CLASS, annotator(0), false, Sampling.RANDOM, 1.5));
            ReviewEvent twice = review(first, STEADY_CLASS, annotator(1), false, Sampling.RANDOM, 0.2);
            send(reviews, twice);
            send(reviews, twice);
            // Stream time past the last window's end, so it closes without waiting for the idle close.
            Instant later = t0.plus(Duration.ofMinutes(WINDOWS + 1));
            send(reviews, review(later, STEADY_CLASS, annotator(0), false, Sampling.RANDOM, 0.2));
            send(labels, label(later, scope + "-gold-tick", annotator(0), STEADY_CLASS, 1, STEADY_CLASS));
            reviews.flush();
            labels.flush();
        }
    }

    /** A review in the first window, produced after that window closed: counted as late. */
    void produceLateReview() {
        try (KafkaProducer<String, ReviewEvent> reviews = producer(ReviewEvent.class)) {
            send(reviews, review(t0.plusSeconds(30), STEADY_CLASS, annotator(2), false, Sampling.RANDOM, 0.2));
            reviews.flush();
        }
    }

    private static String annotator(int a) {
        return String.format("vendor-%s/ann-%02d", a < 10 ? "a" : "b", a);
    }

    private <V extends org.apache.avro.specific.SpecificRecord> KafkaProducer<String, V> producer(Class<V> type) {
        return io.labelwatch.testing.TestProducers.avro(config, type);
    }

    private void send(KafkaProducer<String, ReviewEvent> producer, ReviewEvent review) {
        produced.addAll(List.of(review.getEventId(), review.getUnitId(), review.getAnnotatorId()));
        producer.send(new ProducerRecord<>(
                topics.reviews(), null, review.getReviewedAt().toEpochMilli(), review.getUnitId(), review));
    }

    private void send(KafkaProducer<String, LabelEvent> producer, LabelEvent label) {
        produced.addAll(List.of(label.getEventId(), label.getUnitId(), label.getAnnotatorId()));
        producer.send(new ProducerRecord<>(
                topics.labels(), null, label.getLabeledAt().toEpochMilli(), label.getUnitId(), label));
    }

    private ReviewEvent review(
            Instant at, String cls, String annotator, boolean defect, Sampling sampling, double samplingRate) {
        String id = scope + "-r-" + ids.incrementAndGet();
        return ReviewEvent.newBuilder()
                .setEventId(id)
                .setLabelEventId("l-" + id)
                .setUnitId("u-" + id)
                .setPipeline(PIPELINE)
                .setModality(Modality.CAMERA)
                .setTaxonomyVersion("tax-1")
                .setClassLabel(cls)
                .setAnnotatorId(annotator)
                .setVendor(annotator.substring(0, annotator.indexOf('/')))
                .setGuidelineVersion("g1")
                .setToolVersion("tool-1")
                .setReviewerId("qa-1")
                .setStage(ReviewStage.QA)
                .setSampling(sampling)
                .setSamplingRate(samplingRate)
                .setVerdict(defect ? Verdict.CORRECTED : Verdict.ACCEPTED)
                .setErrorTypes(defect ? List.of(ErrorType.WRONG_CLASS) : List.of())
                .setCorrectedClass(null)
                .setReviewedAt(at)
                .build();
    }

    private LabelEvent label(Instant at, String unit, String annotator, String cls, int expected, String gold) {
        String id = scope + "-l-" + ids.incrementAndGet();
        return LabelEvent.newBuilder()
                .setEventId(id)
                .setUnitId(unit)
                .setItemId("item-" + unit)
                .setPipeline(PIPELINE)
                .setModality(Modality.CAMERA)
                .setTaxonomyVersion("tax-1")
                .setClassLabel(cls)
                .setAnnotatorId(annotator)
                .setVendor(annotator.substring(0, annotator.indexOf('/')))
                .setTaskId("task-1")
                .setGuidelineVersion("g1")
                .setToolVersion("tool-1")
                .setExpectedAnnotations(expected)
                .setGoldLabel(gold)
                .setGeometry(null)
                .setLabeledAt(at)
                .build();
    }
}
