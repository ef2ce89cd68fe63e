package io.labelwatch.registry;

import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/** How a serde names the registry subject of a record, as Confluent's strategies of the same names. */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema per topic (the default). */
    TOPIC_NAME("TopicNameStrategy"),
    /** The record's full name, e.g. {@code io.labelwatch.events.LabelEvent}: one schema across topics. */
    RECORD_NAME("RecordNameStrategy"),
    /** {@code <topic>-<full record name>}: several record types per topic. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy");

    private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

    private final String shortName;

    SubjectNameStrategy(String shortName) {
        this.shortName = shortName;
    }

    /** The subject for a record of {@code schema} on {@code topic}. */
    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /** Confluent's short class name, e.g. {@code TopicNameStrategy}. */
    public String shortName() {
        return shortName;
    }

    /**
     * Parses a configured strategy: the short name ({@code TopicNameStrategy}), Confluent's class name
     * ({@code io.confluent.kafka.serializers.subject.TopicNameStrategy}) or the constant name
     * ({@code TOPIC_NAME}), case-insensitively.
     *
     * @param key the config key, for the error message
     */
    public static SubjectNameStrategy parse(String key, String value) {
        if (value == null || value.isBlank()) {
            return TOPIC_NAME;
        }
        String name = value.trim();
        if (name.startsWith(CONFLUENT_PACKAGE)) {
            name = name.substring(CONFLUENT_PACKAGE.length());
        }
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.shortName.equalsIgnoreCase(name) || strategy.name().equalsIgnoreCase(name)) {
                return strategy;
            }
        }
        throw new ConfigException(
                key,
                value,
                "expected TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy (short or "
                        + CONFLUENT_PACKAGE.toLowerCase(Locale.ROOT) + "* name)");
    }
}
