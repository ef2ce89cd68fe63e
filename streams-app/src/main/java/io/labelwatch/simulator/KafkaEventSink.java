package io.labelwatch.simulator;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.TaxonomyClass;
import io.labelwatch.topology.EventSerdes;
import io.labelwatch.topology.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * An {@link EventSink} that writes to Kafka like a real annotation tool: one idempotent producer ({@code acks=all}),
 * key {@code unit_id}, values in the registry's Avro wire format. Send failures are not retried by hand (the
 * idempotent producer retries); the first one is remembered and rethrown by {@link #flush()} or the next send.
 *
 * <p>Not thread-safe with respect to {@link #flush()} and {@link #close()}: call them from the simulator's thread.
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {
    private final TopicNames topics;
    private final KafkaProducer<String, Object> producer;
    private final Consumer<GroundTruth> onScenario;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Callback callback = (metadata, e) -> {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    };

    private KafkaEventSink(
            TopicNames topics, KafkaProducer<String, Object> producer, Consumer<GroundTruth> onScenario) {
        this.topics = topics;
        this.producer = producer;
        this.onScenario = onScenario;
    }

    /**
     * A sink for the cluster and registry of {@code config}; {@code onScenario} hears each scenario start (the runner
     * prints its description).
     */
    public static KafkaEventSink create(LabelwatchConfig config, Consumer<GroundTruth> onScenario) {
        Map<String, Object> props = new HashMap<>(config.kafkaProperties());
        props.keySet().retainAll(ProducerConfig.configNames());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "labelwatch-simulator");
        KafkaProducer<String, Object> producer =
                new KafkaProducer<>(props, new StringSerializer(), new RoutingSerializer(config));
        return new KafkaEventSink(TopicNames.from(config), producer, Objects.requireNonNull(onScenario));
    }

    /** Publishes every class of {@link TaxonomyCatalog#classes()} keyed {@code taxonomy_version/class_label}. */
    public void publishTaxonomy() {
        List<TaxonomyClass> classes = TaxonomyCatalog.classes();
        for (TaxonomyClass c : classes) {
            send(new ProducerRecord<>(topics.taxonomy(), c.getTaxonomyVersion() + "/" + c.getClassLabel(), c));
        }
        flush();
    }

    @Override
    public void label(LabelEvent event) {
        send(new ProducerRecord<>(
                topics.labels(), null, event.getLabeledAt().toEpochMilli(), event.getUnitId(), event));
    }

    @Override
    public void review(ReviewEvent event) {
        send(new ProducerRecord<>(
                topics.reviews(), null, event.getReviewedAt().toEpochMilli(), event.getUnitId(), event));
    }

    @Override
    public void scenarioStarted(GroundTruth truth) {
        onScenario.accept(truth);
    }

    /** Waits until everything sent so far is acknowledged; rethrows the first send failure. */
    public void flush() {
        producer.flush();
        rethrow();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private void send(ProducerRecord<String, Object> record) {
        rethrow();
        producer.send(record, callback);
    }

    private void rethrow() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("sending to Kafka failed: " + e.getMessage(), e);
        }
    }

    /** One producer, three value types: each goes through the registry serde of its own class. */
    private static final class RoutingSerializer implements Serializer<Object> {
        private final Serializer<LabelEvent> labels;
        private final Serializer<ReviewEvent> reviews;
        private final Serializer<TaxonomyClass> taxonomy;

        RoutingSerializer(LabelwatchConfig config) {
            this.labels = EventSerdes.forType(config, LabelEvent.class).serializer();
            this.reviews = EventSerdes.forType(config, ReviewEvent.class).serializer();
            this.taxonomy = EventSerdes.forType(config, TaxonomyClass.class).serializer();
        }

        @Override
        public byte[] serialize(String topic, Object data) {
            if (data instanceof LabelEvent l) {
                return labels.serialize(topic, l);
            }
            if (data instanceof ReviewEvent r) {
                return reviews.serialize(topic, r);
            }
            if (data instanceof TaxonomyClass t) {
                return taxonomy.serialize(topic, t);
            }
            throw new IllegalArgumentException("not a simulator event: " + data);
        }

        @Override
        public void close() {
            labels.close();
            reviews.close();
            taxonomy.close();
        }
    }
}
