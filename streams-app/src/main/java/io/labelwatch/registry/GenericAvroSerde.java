package io.labelwatch.registry;

import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link GenericRecord} serde with a public no-arg constructor, for configuration by class name
 * (e.g. {@code default.value.serde}) where Confluent's {@code GenericAvroSerde} would go. Kafka
 * calls {@link #configure}; in code prefer {@link AvroSerde#generic(Map, boolean)}.
 */
public final class GenericAvroSerde implements Serde<GenericRecord> {
    private final AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
    private final AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>(GenericRecord.class, null);

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<GenericRecord> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<GenericRecord> deserializer() {
        return deserializer;
    }
}
