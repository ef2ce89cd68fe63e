package io.labelwatch.topology.ingest;

import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.metrics.Outcome;
import io.labelwatch.topology.StoreNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Validates events against the contract and drops duplicates. An invalid event is thrown as
 * {@link InvalidEventException}, which Kafka Streams' processing exception handler sends to the dead-letter topic; a
 * duplicate (same event_id within the horizon) is counted and dropped; everything else goes on unchanged.
 *
 * <p>Duplicates of one event share its key (unit_id), so they meet in the same task and no repartition is needed.
 */
final class IngestProcessor<T> implements Processor<String, T, String, T> {
    private final EventRules<T> rules;
    private final String dedupStoreName;
    private final Duration horizon;
    private final String topic;
    private final LabelwatchMetrics metrics;

    private ProcessorContext<String, T> context;
    private WindowStore<String, Long> seen;
    private TaxonomyLookup taxonomy;

    IngestProcessor(
            EventRules<T> rules, String dedupStoreName, Duration horizon, String topic, LabelwatchMetrics metrics) {
        this.rules = rules;
        this.dedupStoreName = dedupStoreName;
        this.horizon = horizon;
        this.topic = topic;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, T> context) {
        this.context = context;
        this.seen = context.getStateStore(dedupStoreName);
        this.taxonomy = new StoreTaxonomyLookup(context.getStateStore(StoreNames.TAXONOMY));
    }

    @Override
    public void process(Record<String, T> record) {
        T event = record.value();
        if (event == null) {
            throw new InvalidEventException("record has no value where an event was expected");
        }
        Optional<String> problem = rules.problem(event, Instant.ofEpochMilli(context.currentSystemTimeMs()), taxonomy);
        if (problem.isPresent()) {
            throw new InvalidEventException(problem.get());
        }
        String id = rules.eventId(event);
        long time = record.timestamp();
        long from = time - horizon.toMillis();
        long to = time + horizon.toMillis();
        try (WindowStoreIterator<Long> previous = seen.fetch(id, from, to)) {
            if (previous.hasNext()) {
                metrics.event(topic, Outcome.DUPLICATE);
                return;
            }
        }
        seen.put(id, time, time);
        context.forward(record);
    }
}
