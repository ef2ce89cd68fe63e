package io.labelwatch.registry;

import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Confluent-framed Avro serde: an {@link AvroSerializer} and an {@link AvroDeserializer} sharing one
 * configuration. The factories return configured serdes, ready for {@code Consumed.with}, {@code
 * Produced.with} and {@code Materialized.with}:
 *
 * <pre>{@code
 * Map<String, Object> cfg = Map.of("schema.registry.url", "http://127.0.0.1:8081");
 * Serde<LabelEvent> labels = AvroSerde.specific(LabelEvent.class, cfg, false);
 * }</pre>
 *
 * <p>Registry clients are shared per connection settings ({@link SchemaRegistryClients}), so many
 * serdes cost one client and one cache.
 */
public final class AvroSerde<T> implements Serde<T> {
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer) {
        this.serializer = serializer;
        this.deserializer = deserializer;
    }

    /** Serde of a generated class, with a client built from (or shared for) {@code configs}. */
    public static <T extends SpecificRecord> AvroSerde<T> specific(
            Class<T> type, Map<String, ?> configs, boolean isKey) {
        return specific(type, SchemaRegistryClients.fromConfig(configs), configs, isKey);
    }

    /** Serde of a generated class with an explicit client; {@code schema.registry.url} is not needed. */
    public static <T extends SpecificRecord> AvroSerde<T> specific(
            Class<T> type, SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(client, "client");
        AvroSerde<T> serde = new AvroSerde<>(new AvroSerializer<>(client), new AvroDeserializer<>(type, client));
        serde.configure(configs, isKey);
        return serde;
    }

    /** Serde of {@link GenericRecord}s (the reader schema is the writer's). */
    public static AvroSerde<GenericRecord> generic(Map<String, ?> configs, boolean isKey) {
        return generic(SchemaRegistryClients.fromConfig(configs), configs, isKey);
    }

    /** Serde of {@link GenericRecord}s with an explicit client. */
    public static AvroSerde<GenericRecord> generic(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        Objects.requireNonNull(client, "client");
        AvroSerde<GenericRecord> serde =
                new AvroSerde<>(new AvroSerializer<>(client), new AvroDeserializer<>(GenericRecord.class, client));
        serde.configure(configs, isKey);
        return serde;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public void close() {
        serializer.close();
        deserializer.close();
    }
}
