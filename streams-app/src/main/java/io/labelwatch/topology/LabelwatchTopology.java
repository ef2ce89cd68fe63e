package io.labelwatch.topology;

import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.topology.agreement.AgreementSettings;
import io.labelwatch.topology.agreement.AgreementTopology;
import io.labelwatch.topology.errorrate.ErrorRateSettings;
import io.labelwatch.topology.errorrate.ErrorRateTopology;
import io.labelwatch.topology.ingest.DeadLetterHandlers;
import io.labelwatch.topology.ingest.EventRules;
import io.labelwatch.topology.ingest.Ingest;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/** Composes Labelwatch's sub-topologies into one {@link Topology}, and the Streams properties that go with it. */
public final class LabelwatchTopology {
    private LabelwatchTopology() {}

    public static Topology build(LabelwatchConfig config, EventSerdes serdes, LabelwatchMetrics metrics, Clock clock) {
        return build(config, serdes, metrics, clock, 1, 1);
    }

    /**
     * @param reviewPartitions partitions of the reviews topic: a chart window closes once every one of them has passed
     *     its end plus grace (or has gone idle)
     * @param labelPartitions partitions of the labels topic: likewise for an agreement window
     */
    public static Topology build(
            LabelwatchConfig config,
            EventSerdes serdes,
            LabelwatchMetrics metrics,
            Clock clock,
            int reviewPartitions,
            int labelPartitions) {
        TopicNames topics = TopicNames.from(config);
        StreamsBuilder builder = new StreamsBuilder();
        new TaxonomyTopology(topics, serdes).addTo(builder);
        KStream<String, ReviewEvent> reviews = new Ingest<>(
                        topics.reviews(),
                        "reviews",
                        StoreNames.DEDUP_REVIEWS,
                        serdes.reviews(),
                        EventRules.reviews(config.duration(ConfigKeys.MAX_FUTURE_SKEW)),
                        config.duration(ConfigKeys.DEDUP_HORIZON),
                        metrics)
                .addTo(builder);
        new ErrorRateTopology(
                        topics, serdes, ErrorRateSettings.from(config).withSourcePartitions(reviewPartitions), metrics)
                .addTo(builder, reviews);
        KStream<String, LabelEvent> labels = new Ingest<>(
                        topics.labels(),
                        "labels",
                        StoreNames.DEDUP_LABELS,
                        serdes.labels(),
                        EventRules.labels(config.duration(ConfigKeys.MAX_FUTURE_SKEW)),
                        config.duration(ConfigKeys.DEDUP_HORIZON),
                        metrics)
                .addTo(builder);
        new AgreementTopology(
                        topics, serdes, AgreementSettings.from(config).withSourcePartitions(labelPartitions), metrics)
                .addTo(builder, labels);
        return builder.build();
    }

    /**
     * Streams properties: the pass-through Kafka settings (exactly-once by default), plus the dead-letter topic and
     * the handlers that write to it, and the metrics object the handlers count with.
     */
    public static Properties streamsProperties(LabelwatchConfig config, LabelwatchMetrics metrics) {
        Properties props = new Properties();
        Map<String, Object> kafka = config.kafkaProperties();
        props.putAll(kafka);
        TopicNames topics = TopicNames.from(config);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.dlq());
        props.putIfAbsent(
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterHandlers.Deserialization.class.getName());
        props.putIfAbsent(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandlers.Processing.class.getName());
        // The taxonomy's global store is processed by the same handler: a bad taxonomy record is dead-lettered rather
        // than stopping the global thread (Kafka 5.0's default; set now, which also silences Streams' warning).
        props.putIfAbsent(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.put(DeadLetterHandlers.METRICS_CONFIG, metrics);
        return props;
    }
}
