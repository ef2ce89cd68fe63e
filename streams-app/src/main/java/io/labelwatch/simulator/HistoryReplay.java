package io.labelwatch.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings for writing simulated history onto a fresh broker, as the demo and the benchmark do: their simulated time
 * starts weeks in the past (the broker and Labelwatch refuse event times far in the future), and Kafka applies
 * time-based retention to record timestamps, not to when a record was written.
 *
 * <p>Without these settings the broker deletes freshly written segments whose newest record is older than the topic's
 * retention (the log cleaner does so within seconds for compact+delete topics such as window-store changelogs). Losing
 * the segment also loses the broker's state of the transactional producer writing to it, and Kafka Streams' next
 * batch fails with {@code OutOfOrderSequenceException} (observed as a stalled benchmark and missed demo alerts). A
 * production deployment replaying a backlog older than its retention meets the same; the README's runbook says which
 * settings to raise.
 */
public final class HistoryReplay {
    /** How far back simulated history may reach; comfortably beyond the demo's and the bench's 30 days. */
    public static final Duration HORIZON = Duration.ofDays(60);

    private HistoryReplay() {}

    /** {@code specs} with time-based retention switched off ({@code retention.ms=-1}); other settings kept. */
    public static List<NewTopic> keepForever(List<NewTopic> specs) {
        return specs.stream()
                .map(t -> {
                    Map<String, String> configs = new LinkedHashMap<>(t.configs() == null ? Map.of() : t.configs());
                    configs.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
                    return new NewTopic(t.name(), t.numPartitions(), t.replicationFactor()).configs(configs);
                })
                .toList();
    }

    /**
     * Kafka Streams settings that keep window-store changelogs for {@link #HORIZON} beyond their windows, so the
     * changelog of a replayed window is not deleted as it is written.
     */
    public static Map<String, String> streamsSettings() {
        return Map.of(
                StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG,
                Long.toString(HORIZON.toMillis()));
    }
}
