package io.labelwatch.topology;

import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The names of the topics Labelwatch reads and writes, taken from {@code labelwatch.topic.*}, and how
 * {@code labelwatch topics create} makes them.
 */
public record TopicNames(
        String labels,
        String reviews,
        String taxonomy,
        String chartPoints,
        String alerts,
        String dlq,
        String commands) {

    public static TopicNames from(LabelwatchConfig config) {
        return new TopicNames(
                config.string(ConfigKeys.TOPIC_LABELS),
                config.string(ConfigKeys.TOPIC_REVIEWS),
                config.string(ConfigKeys.TOPIC_TAXONOMY),
                config.string(ConfigKeys.TOPIC_CHART_POINTS),
                config.string(ConfigKeys.TOPIC_ALERTS),
                config.string(ConfigKeys.TOPIC_DLQ),
                config.string(ConfigKeys.TOPIC_COMMANDS));
    }

    public static TopicNames defaults() {
        return from(LabelwatchConfig.of(Map.of()));
    }

    /**
     * Every topic with its settings. Inputs and outputs get {@code partitions}; the taxonomy topic is compacted (the
     * latest definition of each class wins); alerts are compacted and time-limited, so a new subscriber sees the latest
     * state of every recent alert; the command topic has one partition so operator commands keep their order. The
     * dead-letter topic stamps records with the time they were dead-lettered ({@code LogAppendTime}): a dead letter
     * keeps its event's time otherwise, and a replayed event older than the retention would be deleted at the broker's
     * next retention check, before anyone could read why it was rejected.
     */
    public List<NewTopic> specs(int partitions, short replication) {
        String days30 = Long.toString(Duration.ofDays(30).toMillis());
        return List.of(
                new NewTopic(labels, partitions, replication),
                new NewTopic(reviews, partitions, replication),
                new NewTopic(taxonomy, 1, replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                new NewTopic(chartPoints, partitions, replication)
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, days30)),
                new NewTopic(alerts, partitions, replication)
                        .configs(Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG,
                                TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.RETENTION_MS_CONFIG,
                                days30)),
                new NewTopic(dlq, partitions, replication)
                        .configs(Map.of(
                                TopicConfig.RETENTION_MS_CONFIG,
                                Long.toString(Duration.ofDays(14).toMillis()),
                                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                                "LogAppendTime")),
                new NewTopic(commands, 1, replication));
    }

    public List<String> all() {
        return List.of(labels, reviews, taxonomy, chartPoints, alerts, dlq, commands);
    }
}
