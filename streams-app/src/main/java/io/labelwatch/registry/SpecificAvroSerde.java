package io.labelwatch.registry;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde of generated classes with a public no-arg constructor, for configuration by class name
 * where Confluent's {@code SpecificAvroSerde} would go. The reader class is the generated class
 * named like the writer schema ({@code specific.avro.reader} is forced on). Kafka calls {@link
 * #configure}; in code prefer {@link AvroSerde#specific(Class, Map, boolean)}, which also pins the
 * reader schema.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final AvroSerializer<T> serializer = new AvroSerializer<>();
    private final AvroDeserializer<T> deserializer = new AvroDeserializer<>();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> specific = new HashMap<>(configs);
        specific.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        serializer.configure(specific, isKey);
        deserializer.configure(specific, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
