package io.labelwatch.registry;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serde settings, with Confluent's key names so that one configuration serves this serde and
 * Confluent's.
 *
 * @param autoRegisterSchemas {@code auto.register.schemas} (default true): register the writer
 *     schema; false looks up an already registered one and fails if there is none
 * @param useLatestVersion {@code use.latest.version} (default false): the serializer writes with the
 *     subject's latest schema (the record is resolved into it) instead of the record's own
 * @param subjectNameStrategy {@code key.subject.name.strategy} or {@code value.subject.name.strategy}
 *     (default {@code TopicNameStrategy})
 * @param specificAvroReader {@code specific.avro.reader} (default false): a deserializer without a
 *     target class returns generated classes, found by the writer schema's full name
 */
public record AvroSerdeConfig(
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        SubjectNameStrategy subjectNameStrategy,
        boolean specificAvroReader) {

    public static final String SCHEMA_REGISTRY_URL = RegistryConfig.URL;
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

    /** Parses the serde settings for a key ({@code isKey}) or value serde. */
    public static AvroSerdeConfig from(Map<String, ?> configs, boolean isKey) {
        String strategyKey = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        return new AvroSerdeConfig(
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                SubjectNameStrategy.parse(strategyKey, RegistryConfig.string(configs, strategyKey, null)),
                bool(configs, SPECIFIC_AVRO_READER, false));
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean fallback) {
        String raw = RegistryConfig.string(configs, key, null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, raw, "expected true or false");
        };
    }
}
