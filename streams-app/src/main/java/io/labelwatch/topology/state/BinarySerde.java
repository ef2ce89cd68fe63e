package io.labelwatch.topology.state;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** A serde from a pair of functions to and from bytes (for internal topics and stores; null stays null). */
public final class BinarySerde {
    private BinarySerde() {}

    public static <T> Serde<T> of(Function<T, byte[]> toBytes, Function<byte[], T> fromBytes) {
        Serializer<T> serializer = (topic, value) -> value == null ? null : toBytes.apply(value);
        Deserializer<T> deserializer = (topic, data) -> data == null ? null : fromBytes.apply(data);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
