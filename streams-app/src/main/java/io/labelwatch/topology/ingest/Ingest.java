package io.labelwatch.topology.ingest;

import io.labelwatch.metrics.LabelwatchMetrics;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The shared ingest of an input topic: source with the event's own time → validation and dedup (store
 * {@code ingest-dedup-<entity>}) → valid, unique events. Bad bytes and invalid events go to the DLQ through Kafka
 * Streams' exception handlers ({@link DeadLetterHandlers}).
 *
 * @param <T> the event type
 */
public final class Ingest<T> {
    private final String topic;
    private final String entity;
    private final String dedupStore;
    private final Serde<T> serde;
    private final EventRules<T> rules;
    private final Duration horizon;
    private final LabelwatchMetrics metrics;

    public Ingest(
            String topic,
            String entity,
            String dedupStore,
            Serde<T> serde,
            EventRules<T> rules,
            Duration horizon,
            LabelwatchMetrics metrics) {
        this.topic = topic;
        this.entity = entity;
        this.dedupStore = dedupStore;
        this.serde = serde;
        this.rules = rules;
        this.horizon = horizon;
        this.metrics = metrics;
    }

    public KStream<String, T> addTo(StreamsBuilder builder) {
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(dedupStore, horizon.multipliedBy(2), Duration.ofMillis(1), false),
                Serdes.String(),
                Serdes.Long()));
        TimestampExtractor eventTime = (record, partitionTime) -> {
            @SuppressWarnings("unchecked")
            T event = (T) record.value();
            Instant time = event == null ? null : rules.eventTime(event);
            return time == null ? partitionTime : time.toEpochMilli();
        };
        return builder.stream(
                        topic,
                        Consumed.with(Serdes.String(), serde)
                                .withTimestampExtractor(eventTime)
                                .withName("ingest-source-" + entity))
                .process(
                        () -> new IngestProcessor<>(rules, dedupStore, horizon, topic, metrics),
                        Named.as("ingest-validate-" + entity),
                        dedupStore);
    }
}
