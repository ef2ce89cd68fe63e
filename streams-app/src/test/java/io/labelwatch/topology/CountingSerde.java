package io.labelwatch.topology;

import io.labelwatch.registry.AvroSerdeConfig;
import io.labelwatch.registry.SpecificAvroSerde;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for {@code labelwatch.serde.class} in tests: Labelwatch's {@link SpecificAvroSerde} that counts its calls per
 * registry URL, so a test can tell whether the configured class was really used (each test uses its own registry).
 */
public final class CountingSerde<T extends SpecificRecord> implements Serde<T> {
    private static final Map<String, AtomicLong> SERIALIZED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> DESERIALIZED = new ConcurrentHashMap<>();

    private final SpecificAvroSerde<T> delegate = new SpecificAvroSerde<>();
    private String registryUrl = "";

    public static long serialized(String registryUrl) {
        return SERIALIZED.getOrDefault(registryUrl, new AtomicLong()).get();
    }

    public static long deserialized(String registryUrl) {
        return DESERIALIZED.getOrDefault(registryUrl, new AtomicLong()).get();
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registryUrl = String.valueOf(configs.get(AvroSerdeConfig.SCHEMA_REGISTRY_URL));
        delegate.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        Serializer<T> serializer = delegate.serializer();
        return (topic, data) -> {
            SERIALIZED.computeIfAbsent(registryUrl, url -> new AtomicLong()).incrementAndGet();
            return serializer.serialize(topic, data);
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<T> deserializer = delegate.deserializer();
        return (topic, data) -> {
            DESERIALIZED.computeIfAbsent(registryUrl, url -> new AtomicLong()).incrementAndGet();
            return deserializer.deserialize(topic, data);
        };
    }
}
