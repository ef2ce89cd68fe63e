package io.labelwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.registry.RegistryConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every registry key the README documents reaches the registry client from a Labelwatch configuration. */
class RegistryKeysTest {

    private static Map<String, String> everyRegistryKey() {
        Map<String, String> values = new TreeMap<>();
        values.put("schema.registry.url", "https://reg-a:8081/apis/ccompat/v7,https://reg-b:8081/apis/ccompat/v7");
        values.put("basic.auth.credentials.source", "USER_INFO");
        values.put("basic.auth.user.info", "labelwatch:secret");
        values.put("schema.registry.http.connect.timeout.ms", "1111");
        values.put("schema.registry.http.read.timeout.ms", "2222");
        values.put("schema.registry.max.retries", "7");
        values.put("schema.registry.retries.wait.ms", "333");
        values.put("schema.registry.retries.max.wait.ms", "4444");
        values.put("schema.registry.retries.total.timeout.ms", "55555");
        values.put("schema.registry.ssl.truststore.location", "/etc/labelwatch/trust.p12");
        values.put("schema.registry.ssl.truststore.password", "trust-secret");
        values.put("schema.registry.ssl.truststore.type", "PKCS12");
        values.put("schema.registry.ssl.keystore.location", "/etc/labelwatch/key.p12");
        values.put("schema.registry.ssl.keystore.password", "key-secret");
        values.put("schema.registry.ssl.keystore.type", "PKCS12");
        values.put("schema.registry.ssl.key.password", "pk-secret");
        return values;
    }

    private static void assertEveryValueArrived(RegistryConfig client) {
        assertThat(client.urls())
                .containsExactly(
                        URI.create("https://reg-a:8081/apis/ccompat/v7"),
                        URI.create("https://reg-b:8081/apis/ccompat/v7"));
        assertThat(client.userInfo()).isEqualTo("labelwatch:secret");
        assertThat(client.connectTimeout()).isEqualTo(Duration.ofMillis(1111));
        assertThat(client.requestTimeout()).isEqualTo(Duration.ofMillis(2222));
        assertThat(client.maxRetries()).isEqualTo(7);
        assertThat(client.retryWait()).isEqualTo(Duration.ofMillis(333));
        assertThat(client.retryMaxWait()).isEqualTo(Duration.ofMillis(4444));
        assertThat(client.totalTimeout()).isEqualTo(Duration.ofMillis(55555));
        assertThat(client.ssl())
                .isEqualTo(new RegistryConfig.SslSettings(
                        "/etc/labelwatch/trust.p12",
                        "trust-secret",
                        "PKCS12",
                        "/etc/labelwatch/key.p12",
                        "key-secret",
                        "PKCS12",
                        "pk-secret"));
    }

    @Test
    void shouldPassEveryRegistryKeyToTheClientWhenSetInTheFile() {
        LabelwatchConfig config = LabelwatchConfig.of(everyRegistryKey());

        assertEveryValueArrived(RegistryConfig.from(config.registryProperties()));
    }

    @Test
    void shouldPassEveryRegistryKeyToTheClientWhenSetOnlyInTheEnvironment() {
        Map<String, String> environment = new TreeMap<>();
        everyRegistryKey().forEach((key, value) -> environment.put(ConfigKey.environmentName(key), value));

        LabelwatchConfig config = LabelwatchConfig.load(null, environment, Map.of());

        assertThat(environment).containsKey("LABELWATCH_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION");
        assertEveryValueArrived(RegistryConfig.from(config.registryProperties()));
    }

    @Test
    void shouldDocumentEveryKeyTheRegistryClientReads() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        assertThat(RegistryConfig.KEYS)
                .containsExactlyInAnyOrderElementsOf(everyRegistryKey().keySet());
        for (String key : RegistryConfig.KEYS) {
            assertThat(readme).as("README documents %s", key).contains("`" + key + "`");
        }
        for (String bare : List.of("`http.connect.timeout.ms`", "`http.read.timeout.ms`", "`max.retries`")) {
            assertThat(readme)
                    .as("README names the key a Labelwatch config passes, not %s", bare)
                    .doesNotContain(bare);
        }
    }
}
