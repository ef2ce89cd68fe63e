package io.labelwatch.testing;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.registry.AvroSerde;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers of test events as a real annotation tool writes them: string keys, Avro values through the registry. */
public final class TestProducers {
    private TestProducers() {}

    /** A producer of {@code type} to the broker and registry of {@code config}. */
    public static <T extends SpecificRecord> KafkaProducer<String, T> avro(LabelwatchConfig config, Class<T> type) {
        Map<String, Object> props = new HashMap<>(config.registryProperties());
        props.put("schema.registry.url", config.raw("schema.registry.url").orElseThrow());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return new KafkaProducer<>(
                props,
                new StringSerializer(),
                AvroSerde.specific(type, props, false).serializer());
    }
}
