package io.labelwatch.topology.errorrate;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions the error-rate repartition topic: reviews and commands by chart key exactly as Kafka's default
 * partitioner does for a String key (murmur2), so interactive queries find a chart where it is; watermarks go to
 * every partition (KIP-837 multicast).
 */
final class ChartPartitioner implements StreamPartitioner<String, ChartInput> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, ChartInput value, int numPartitions) {
        if (value instanceof ChartInput.Watermark) {
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
