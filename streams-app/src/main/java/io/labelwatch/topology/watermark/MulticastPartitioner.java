package io.labelwatch.topology.watermark;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions a repartition topic that carries watermarks: records by key exactly as Kafka's default partitioner does
 * for a String key (murmur2), so interactive queries find a chart where it is; watermarks go to every partition
 * (KIP-837 multicast).
 */
public final class MulticastPartitioner<V> implements StreamPartitioner<String, V> {
    private final Predicate<V> isWatermark;

    public MulticastPartitioner(Predicate<V> isWatermark) {
        this.isWatermark = isWatermark;
    }

    /** Kafka's older entry point, abstract until its removal: the same answer. */
    @Override
    @SuppressWarnings("removal")
    public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
        return partitions(topic, key, value, null, numPartitions);
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, V value, Headers headers, int numPartitions) {
        if (isWatermark.test(value)) {
            Set<Integer> all = new HashSet<>();
            for (int p = 0; p < numPartitions; p++) {
                all.add(p);
            }
            return Optional.of(all);
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(bytes)) % numPartitions));
    }
}
