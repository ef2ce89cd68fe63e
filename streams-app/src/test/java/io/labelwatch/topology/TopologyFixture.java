package io.labelwatch.topology;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.ErrorType;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.Modality;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.ReviewStage;
import io.labelwatch.events.Sampling;
import io.labelwatch.events.TaxonomyClass;
import io.labelwatch.events.Verdict;
import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.registry.MockSchemaRegistryClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** A TopologyTestDriver around Labelwatch's whole topology, with the in-memory registry and readable inputs. */
public final class TopologyFixture implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    public final TopicNames topics = TopicNames.defaults();
    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final LabelwatchMetrics metrics;
    public final TopologyTestDriver driver;
    public final Topology topology;
    public final TestInputTopic<String, ReviewEvent> reviews;
    public final TestInputTopic<String, LabelEvent> labels;
    public final TestInputTopic<String, byte[]> rawReviews;
    public final TestInputTopic<String, TaxonomyClass> taxonomy;
    public final TestInputTopic<String, String> commands;
    public final TestOutputTopic<String, ChartPoint> chartPoints;
    public final TestOutputTopic<String, QualityAlert> alerts;
    public final TestOutputTopic<byte[], byte[]> dlq;
    private final String scope = "fixture-" + UUID.randomUUID();
    private final AtomicLong ids = new AtomicLong();

    public TopologyFixture(Map<String, String> settings) {
        Map<String, String> values = new HashMap<>(settings);
        values.put("schema.registry.url", "mock://" + scope);
        values.put("application.id", "labelwatch-test");
        values.put("bootstrap.servers", "unused:9092");
        values.putIfAbsent("labelwatch.validation.max-future-skew", "PT1H");
        LabelwatchConfig config = LabelwatchConfig.of(values);
        metrics = new LabelwatchMetrics(meters, Clock.systemUTC(), Duration.ofHours(2));
        EventSerdes serdes = EventSerdes.fromConfig(config);
        topology = LabelwatchTopology.build(config, serdes, metrics, Clock.systemUTC());
        Properties props = LabelwatchTopology.streamsProperties(config, metrics);
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/labelwatch-ttd-" + scope);
        // The driver's wall clock starts a day after the test data, so no event looks like it is from the future.
        driver = new TopologyTestDriver(topology, props, T0.plus(Duration.ofDays(1)));
        reviews = driver.createInputTopic(
                topics.reviews(), Serdes.String().serializer(), serdes.reviews().serializer());
        labels = driver.createInputTopic(
                topics.labels(), Serdes.String().serializer(), serdes.labels().serializer());
        rawReviews = driver.createInputTopic(
                topics.reviews(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        taxonomy = driver.createInputTopic(
                topics.taxonomy(),
                Serdes.String().serializer(),
                serdes.taxonomy().serializer());
        commands = driver.createInputTopic(
                topics.commands(), Serdes.String().serializer(), Serdes.String().serializer());
        chartPoints = driver.createOutputTopic(
                topics.chartPoints(),
                Serdes.String().deserializer(),
                serdes.chartPoints().deserializer());
        alerts = driver.createOutputTopic(
                topics.alerts(), Serdes.String().deserializer(), serdes.alerts().deserializer());
        dlq = driver.createOutputTopic(
                topics.dlq(),
                Serdes.ByteArray().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    /** A RANDOM QA review; change what a test needs with the builder it returns. */
    public ReviewEvent.Builder review(
            Instant at, String pipeline, String classLabel, String annotator, boolean defect) {
        String id = "r-" + ids.incrementAndGet();
        return ReviewEvent.newBuilder()
                .setEventId(id)
                .setLabelEventId("l-" + id)
                .setUnitId("u-" + id)
                .setPipeline(pipeline)
                .setModality(Modality.CAMERA)
                .setTaxonomyVersion("tax-1")
                .setClassLabel(classLabel)
                .setAnnotatorId(annotator)
                .setVendor(annotator.contains("/") ? annotator.substring(0, annotator.indexOf('/')) : "vendor-a")
                .setGuidelineVersion("g1")
                .setToolVersion("tool-1")
                .setReviewerId("qa-1")
                .setStage(ReviewStage.QA)
                .setSampling(Sampling.RANDOM)
                .setSamplingRate(0.2)
                .setVerdict(defect ? Verdict.CORRECTED : Verdict.ACCEPTED)
                .setErrorTypes(defect ? List.of(ErrorType.GEOMETRY) : List.of())
                .setCorrectedClass(null)
                .setReviewedAt(at);
    }

    public void send(ReviewEvent review) {
        reviews.pipeInput(new TestRecord<>(review.getUnitId(), review, review.getReviewedAt()));
    }

    /** A label of one unit by one annotator, planned for {@code expected} annotators, without a gold label. */
    public LabelEvent.Builder label(
            Instant at, String pipeline, String unitId, String annotator, String classLabel, int expected) {
        return LabelEvent.newBuilder()
                .setEventId("l-" + ids.incrementAndGet())
                .setUnitId(unitId)
                .setItemId("item-" + unitId)
                .setPipeline(pipeline)
                .setModality(Modality.CAMERA)
                .setTaxonomyVersion("tax-1")
                .setClassLabel(classLabel)
                .setAttributes(Map.of())
                .setAnnotatorId(annotator)
                .setVendor("vendor-a")
                .setTaskId("task-1")
                .setGuidelineVersion("g1")
                .setToolVersion("tool-1")
                .setExpectedAnnotations(expected)
                .setGoldLabel(null)
                .setGeometry(null)
                .setLabeledAt(at);
    }

    public void send(LabelEvent label) {
        labels.pipeInput(new TestRecord<>(label.getUnitId(), label, label.getLabeledAt()));
    }

    /** Sends one review far enough ahead to close every window before {@code until}. */
    public void advanceStreamTime(Instant until, String pipeline, String classLabel) {
        send(review(until, pipeline, classLabel, "clock-tick", false).build());
    }

    /** The in-memory registry of this fixture ({@code mock://...}). */
    public String registryUrl() {
        return "mock://" + scope;
    }

    @Override
    public void close() {
        driver.close();
        MockSchemaRegistryClient.drop(scope);
    }
}
