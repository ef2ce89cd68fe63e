package io.labelwatch.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds a {@link SchemaRegistryClient} from Kafka-style configs.
 *
 * <p>{@code schema.registry.url=mock://<scope>} selects the shared in-memory registry of that scope;
 * anything else an {@link HttpSchemaRegistryClient}. HTTP clients are shared between all callers
 * with equal connection settings (URLs, credentials, timeouts, retries, TLS), so every serde of an
 * application uses one client and one cache.
 */
public final class SchemaRegistryClients {
    private static final Map<RegistryConfig, SchemaRegistryClient> HTTP_CLIENTS = new ConcurrentHashMap<>();

    private SchemaRegistryClients() {}

    /** The client for these configs; see the class comment. */
    public static SchemaRegistryClient fromConfig(Map<String, ?> configs) {
        String url = RegistryConfig.string(configs, RegistryConfig.URL, "").trim();
        if (url.startsWith(MockSchemaRegistryClient.SCHEME)) {
            String scope = url.substring(MockSchemaRegistryClient.SCHEME.length());
            if (scope.isEmpty() || scope.contains(",")) {
                throw new ConfigException(RegistryConfig.URL, url, "expected exactly one mock://<scope>");
            }
            return MockSchemaRegistryClient.forScope(scope);
        }
        RegistryConfig config = RegistryConfig.from(configs);
        return HTTP_CLIENTS.computeIfAbsent(config, HttpSchemaRegistryClient::new);
    }
}
