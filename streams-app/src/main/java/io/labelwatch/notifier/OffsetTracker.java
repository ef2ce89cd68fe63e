package io.labelwatch.notifier;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets may be committed: per partition, the lowest offset still undecided, or one past the highest seen when
 * every record seen is decided. Records are decided out of order (a group sends alerts from several polls), so the
 * commit never passes an alert that is still waiting.
 */
final class OffsetTracker {
    private final Map<TopicPartition, TreeSet<Long>> open = new HashMap<>();
    private final Map<TopicPartition, Long> first = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    void seen(TopicPartition partition, long offset) {
        open.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
        first.merge(partition, offset, Math::min);
        next.merge(partition, offset + 1, Math::max);
    }

    void done(TopicPartition partition, long offset) {
        TreeSet<Long> offsets = open.get(partition);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    /** Offsets to commit that moved since the last {@link #committed} (or past the first offset seen). */
    Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        next.forEach((partition, end) -> {
            TreeSet<Long> offsets = open.get(partition);
            long position = offsets == null || offsets.isEmpty() ? end : offsets.first();
            Long last = committed.get(partition);
            if (last == null ? position > first.get(partition) : position > last) {
                out.put(partition, new OffsetAndMetadata(position));
            }
        });
        return out;
    }

    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }

    /** Forgets a revoked partition. */
    void forget(TopicPartition partition) {
        open.remove(partition);
        first.remove(partition);
        next.remove(partition);
        committed.remove(partition);
    }

    int open() {
        return open.values().stream().mapToInt(TreeSet::size).sum();
    }
}
