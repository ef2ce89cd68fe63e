package io.labelwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.labelwatch.registry.RegistryConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Labelwatch's configuration: one properties or YAML file, then {@code LABELWATCH_*} environment overrides, then
 * explicit overrides (command-line options). Keys under {@code labelwatch.} are checked against {@link ConfigKeys}: a
 * misspelt key or an invalid value fails at load with a message naming it. Every other key (Kafka client settings,
 * security included, and {@code schema.registry.*}) passes through unchanged.
 */
public final class LabelwatchConfig {

    /** Defaults of pass-through keys that Labelwatch relies on; the file and environment override them. */
    static final Map<String, String> PASS_THROUGH_DEFAULTS = Map.of(
            StreamsConfig.APPLICATION_ID_CONFIG,
            "labelwatch",
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            StreamsConfig.EXACTLY_ONCE_V2,
            StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
            "127.0.0.1:9092",
            "schema.registry.url",
            "http://127.0.0.1:8081/apis/ccompat/v7");

    private static final String PREFIX = "labelwatch.";
    private static final String REGISTRY_PREFIX = "schema.registry.";

    private final Map<String, String> raw;
    private final Map<String, Object> parsed;

    private LabelwatchConfig(Map<String, String> raw) {
        this.raw = Collections.unmodifiableMap(new TreeMap<>(raw));
        this.parsed = validate(this.raw);
    }

    /** Loads the file (may be null), applies the environment, then {@code overrides}; validates the result. */
    public static LabelwatchConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(PASS_THROUGH_DEFAULTS);
        if (file != null) {
            values.putAll(readFile(file));
        }
        values.putAll(fromEnvironment(environment, values.keySet()));
        values.putAll(overrides);
        return new LabelwatchConfig(values);
    }

    /** A configuration from key/value pairs only (tests, embedded use); defaults apply, no environment. */
    public static LabelwatchConfig of(Map<String, String> values) {
        return load(null, Map.of(), values);
    }

    /** A copy with {@code overrides} applied on top, validated again. */
    public LabelwatchConfig with(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(raw);
        values.putAll(overrides);
        return new LabelwatchConfig(values);
    }

    static Map<String, String> readFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("config file not found: " + file);
        }
        try {
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
                Map<String, String> flat = new LinkedHashMap<>();
                if (root != null && !root.isMissingNode() && !root.isNull()) {
                    if (!root.isObject()) {
                        throw new ConfigException("config file " + file + " must be a YAML mapping of keys to values");
                    }
                    flatten("", root, flat);
                }
                return flat;
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            Map<String, String> flat = new LinkedHashMap<>();
            properties.stringPropertyNames().forEach(k -> flat.put(k, properties.getProperty(k)));
            return flat;
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + firstLine(e.getMessage()));
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(
                    element -> joined.append(joined.length() == 0 ? "" : ",").append(element.asText()));
            out.put(prefix, joined.toString());
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    /**
     * Maps {@code LABELWATCH_*} variables to keys: documented Labelwatch keys, keys already present in the file, Kafka
     * client keys and every key the registry client and serde read ({@code RegistryConfig.KEYS}, TLS stores included,
     * so {@code LABELWATCH_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION} works without the key in the file). Variables that
     * name none of them (such as LABELWATCH_LOG_LEVEL,
     * read by the logging setup) are left alone.
     */
    static Map<String, String> fromEnvironment(Map<String, String> environment, Set<String> presentKeys) {
        Map<String, String> byEnvName = new TreeMap<>();
        for (String key : knownKeys(presentKeys)) {
            byEnvName.putIfAbsent(ConfigKey.environmentName(key), key);
        }
        Map<String, String> out = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            String key = byEnvName.get(name);
            if (key != null) {
                out.put(key, value);
            }
        });
        return out;
    }

    private static Set<String> knownKeys(Set<String> presentKeys) {
        Set<String> keys = new HashSet<>(presentKeys);
        ConfigKeys.ALL.stream().filter(k -> !k.prefix()).forEach(k -> keys.add(k.name()));
        keys.addAll(StreamsConfig.configDef().names());
        keys.addAll(ProducerConfig.configNames());
        keys.addAll(ConsumerConfig.configNames());
        keys.addAll(AdminClientConfig.configNames());
        keys.addAll(RegistryConfig.KEYS);
        keys.addAll(List.of(
                "auto.register.schemas",
                "use.latest.version",
                "value.subject.name.strategy",
                "key.subject.name.strategy"));
        return keys;
    }

    private static Map<String, Object> validate(Map<String, String> raw) {
        Map<String, Object> parsed = new TreeMap<>();
        for (ConfigKey key : ConfigKeys.ALL) {
            if (!key.prefix() && key.defaultValue() != null) {
                parsed.put(key.name(), key.parse(key.name(), key.defaultValue()));
            }
        }
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            ConfigKey key = ConfigKeys.find(name).orElseThrow(() -> unknownKey(name));
            if (entry.getValue() == null || entry.getValue().isBlank()) {
                if (key.defaultValue() == null) {
                    parsed.remove(name);
                    continue;
                }
                throw new ConfigException("config key '" + name + "' is empty: expected "
                        + key.type().description());
            }
            parsed.put(name, key.parse(name, entry.getValue()));
        }
        return Collections.unmodifiableMap(parsed);
    }

    private static ConfigException unknownKey(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey key : ConfigKeys.ALL) {
            int d = levenshtein(name, key.name());
            if (d < bestDistance) {
                bestDistance = d;
                best = key.name();
            }
        }
        String hint = bestDistance <= Math.max(3, name.length() / 4) ? " (did you mean '" + best + "'?)" : "";
        return new ConfigException("unknown config key '" + name + "'" + hint);
    }

    private static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    public String string(ConfigKey key) {
        return (String) require(key);
    }

    public Optional<String> optionalString(ConfigKey key) {
        return Optional.ofNullable((String) parsed.get(key.name()));
    }

    public int integer(ConfigKey key) {
        return (Integer) require(key);
    }

    public double number(ConfigKey key) {
        return (Double) require(key);
    }

    public Optional<Double> optionalNumber(ConfigKey key) {
        return Optional.ofNullable((Double) parsed.get(key.name()));
    }

    public boolean flag(ConfigKey key) {
        return (Boolean) require(key);
    }

    public Duration duration(ConfigKey key) {
        return (Duration) require(key);
    }

    /** Values of a prefix key by their suffix, e.g. {@code camera-2d-boxes.vehicle.car → 0.05}. */
    public Map<String, Object> prefixed(ConfigKey key) {
        Map<String, Object> out = new TreeMap<>();
        String start = key.name() + ".";
        parsed.forEach((name, value) -> {
            if (name.startsWith(start)
                    && ConfigKeys.find(name).filter(ConfigKey::prefix).isPresent()) {
                out.put(name.substring(start.length()), value);
            }
        });
        return out;
    }

    private Object require(ConfigKey key) {
        Object value = parsed.get(key.name());
        if (value == null) {
            throw new ConfigException("config key '" + key.name() + "' is required: " + key.doc());
        }
        return value;
    }

    /** Kafka client, Streams and schema-registry settings: every key not under {@code labelwatch.}, unchanged. */
    public Map<String, Object> kafkaProperties() {
        Map<String, Object> out = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Settings for the registry client and serdes: the {@code schema.registry.*} keys and the serde keys. */
    public Map<String, Object> registryProperties() {
        Map<String, Object> out = new TreeMap<>();
        raw.forEach((k, v) -> {
            if (k.startsWith(REGISTRY_PREFIX)
                    || k.startsWith("basic.auth.")
                    || k.equals("auto.register.schemas")
                    || k.equals("use.latest.version")
                    || k.endsWith(".subject.name.strategy")) {
                out.put(k, v);
            }
        });
        return out;
    }

    public String bootstrapServers() {
        return raw.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** The raw value of any key, as written. */
    public Optional<String> raw(String key) {
        return Optional.ofNullable(raw.get(key));
    }
}
