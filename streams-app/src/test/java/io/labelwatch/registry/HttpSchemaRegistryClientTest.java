package io.labelwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelwatch.events.TaxonomyClass;
import io.labelwatch.registry.StubRegistry.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Failure paths of the HTTP client against a loopback stub of the Confluent REST API. */
class HttpSchemaRegistryClientTest {
    private static final Schema SCHEMA = TaxonomyClass.getClassSchema();
    private static final String SCHEMA_ANSWER = "{\"schema\":" + quote(SCHEMA.toString()) + "}";
    private static final String SECRET = "s3cret-pw";

    private final List<StubRegistry> stubs = new ArrayList<>();

    @AfterEach
    void stopStubs() {
        stubs.forEach(StubRegistry::close);
    }

    private static String quote(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private StubRegistry stub(StubRegistry.Script script) throws IOException {
        StubRegistry stub = new StubRegistry(script);
        stubs.add(stub);
        return stub;
    }

    /** Fast retries so that the tests take milliseconds. */
    private static Map<String, Object> config(String url, Object... more) {
        Map<String, Object> config = new HashMap<>();
        config.put(RegistryConfig.URL, url);
        config.put(RegistryConfig.RETRIES_WAIT_MS, 5);
        config.put(RegistryConfig.RETRIES_MAX_WAIT_MS, 20);
        config.put(RegistryConfig.REQUEST_TIMEOUT_MS, 2_000);
        for (int i = 0; i < more.length; i += 2) {
            config.put((String) more[i], more[i + 1]);
        }
        return config;
    }

    private static HttpSchemaRegistryClient client(String url, Object... more) {
        return HttpSchemaRegistryClient.fromConfig(config(url, more));
    }

    private static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void shouldPostSchemaAsJsonStringWhenRegistering() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.json(200, "{\"id\":7}"));
        HttpSchemaRegistryClient client = client(stub.url());

        int id = client.register("annotation.taxonomy-value", SCHEMA);
        int again = client.register("annotation.taxonomy-value", SCHEMA);

        assertThat(id).isEqualTo(7);
        assertThat(again).isEqualTo(7);
        assertThat(stub.requests()).hasSize(1);
        StubRegistry.Request request = stub.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/subjects/annotation.taxonomy-value/versions");
        assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
        var body = new ObjectMapper().readTree(request.body());
        assertThat(new Schema.Parser().parse(body.get("schema").asText())).isEqualTo(SCHEMA);
        assertThat(body.has("schemaType")).isFalse();
        assertThat(request.authorization()).isNull();
    }

    @Test
    void shouldEncodeSubjectWhenItHasReservedCharacters() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.json(200, "{\"id\":3}"));

        client(stub.url()).lookup("a b/c", SCHEMA);

        assertThat(stub.requests().get(0).rawPath()).isEqualTo("/subjects/a%20b%2Fc");
        assertThat(stub.requests().get(0).method()).isEqualTo("POST");
    }

    @Test
    void shouldFetchSchemaOnceWhenAskedTwiceForTheSameId() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.json(200, SCHEMA_ANSWER));
        HttpSchemaRegistryClient client = client(stub.url());

        assertThat(client.getById(5)).isEqualTo(SCHEMA);
        assertThat(client.getById(5)).isEqualTo(SCHEMA);
        assertThat(stub.requests()).extracting(StubRegistry.Request::rawPath).containsExactly("/schemas/ids/5");
    }

    @Test
    void shouldThrowSchemaNotFoundWhenIdIsUnknown() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.error(404, 40403, "Schema 42 not found"));

        assertThatThrownBy(() -> client(stub.url()).getById(42))
                .isInstanceOfSatisfying(SchemaNotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo(40403);
                    assertThat(e.url()).isEqualTo(stub.url());
                })
                .hasMessageContaining("Schema 42 not found");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void shouldThrowSchemaNotFoundWhenIdPathAnswersBare404() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.json(404, ""));

        assertThatThrownBy(() -> client(stub.url()).getById(42)).isInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void shouldThrowIncompatibleWhenRegistryAnswers409() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.error(409, 409, "Schema being registered is incompatible"));

        assertThatThrownBy(() -> client(stub.url()).register("annotation.taxonomy-value", SCHEMA))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("409")
                .hasMessageContaining("incompatible");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void shouldThrowInvalidSchemaWhenRegistryAnswers42201() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.error(422, 42201, "Invalid schema"));

        assertThatThrownBy(() -> client(stub.url()).register("s", SCHEMA)).isInstanceOf(InvalidSchemaException.class);
    }

    @Test
    void shouldThrowSubjectNotFoundWhenRegistryAnswers40401() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.error(404, 40401, "Subject 's' not found."));

        assertThatThrownBy(() -> client(stub.url()).latest("s")).isInstanceOf(SubjectNotFoundException.class);
    }

    @Test
    void shouldSucceedAfterRetryWhenRegistryAnswers503Then200() throws IOException {
        StubRegistry stub = stub((n, r) -> n == 0
                ? Reply.error(503, 50003, "Error while forwarding the request")
                : Reply.json(200, SCHEMA_ANSWER));

        assertThat(client(stub.url()).getById(1)).isEqualTo(SCHEMA);
        assertThat(stub.requests()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 504})
    void shouldRetryWhenStatusIsTransient(int status) throws IOException {
        StubRegistry stub = stub((n, r) -> n == 0 ? Reply.json(status, "") : Reply.json(200, "{\"id\":9}"));

        assertThat(client(stub.url()).register("s", SCHEMA)).isEqualTo(9);
        assertThat(stub.requests()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 422})
    void shouldFailFastWhenStatusIsNotTransient(int status) throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.error(status, status * 100 + 99, "no"));

        assertThatThrownBy(() -> client(stub.url()).register("s", SCHEMA))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.status()).isEqualTo(status));
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void shouldGiveUpAfterMaxRetriesWhenRegistryKeepsAnswering503() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.error(503, 50003, "unavailable"));

        assertThatThrownBy(
                        () -> client(stub.url(), RegistryConfig.MAX_RETRIES, 2).getById(1))
                .isInstanceOfSatisfying(
                        SchemaRegistryException.class,
                        e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageStartingWith("giving up");
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void shouldTimeOutWithinBoundWhenRegistryNeverAnswers() throws IOException {
        StubRegistry stub = stub((n, r) -> StubRegistry.HANG);
        HttpSchemaRegistryClient client =
                client(stub.url(), RegistryConfig.REQUEST_TIMEOUT_MS, 200, RegistryConfig.MAX_RETRIES, 1);

        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThatThrownBy(() -> client.getById(1))
                        .isInstanceOf(SchemaRegistryException.class)
                        .hasMessageContaining("timed out"));
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void shouldStopAtTotalTimeoutWhenRetriesWouldTakeLonger() throws IOException {
        StubRegistry stub = stub((n, r) -> StubRegistry.HANG);
        HttpSchemaRegistryClient client = client(
                stub.url(),
                RegistryConfig.REQUEST_TIMEOUT_MS,
                200,
                RegistryConfig.MAX_RETRIES,
                1_000,
                RegistryConfig.RETRIES_TOTAL_TIMEOUT_MS,
                700);

        assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> assertThatThrownBy(() -> client.getById(1)).isInstanceOf(SchemaRegistryException.class));
        assertThat(stub.requests()).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void shouldFailOverToNextUrlWhenFirstIsDead() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.json(200, "{\"id\":4}"));
        HttpSchemaRegistryClient client = client(deadUrl() + "," + stub.url(), RegistryConfig.MAX_RETRIES, 0);

        assertThat(client.register("s", SCHEMA)).isEqualTo(4);
        assertThat(client.lookup("t", SCHEMA)).isEqualTo(4);
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void shouldSendBasicAuthHeaderWhenUserInfoIsConfigured() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.json(200, "[\"a\",\"b\"]"));
        HttpSchemaRegistryClient client = client(
                stub.url(),
                RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
                "USER_INFO",
                RegistryConfig.BASIC_AUTH_USER_INFO,
                "alice:" + SECRET);

        assertThat(client.subjects()).containsExactly("a", "b");
        assertThat(stub.requests().get(0).authorization())
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString(("alice:" + SECRET).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldSendUrlCredentialsWhenSourceIsUrl() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.json(200, "[]"));
        HttpSchemaRegistryClient client = client(
                "http://alice:" + SECRET + "@127.0.0.1:" + stub.port(),
                RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
                "URL");

        assertThat(client.subjects()).isEmpty();
        assertThat(stub.requests().get(0).authorization())
                .isEqualTo("Basic "
                        + Base64.getEncoder().encodeToString(("alice:" + SECRET).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void shouldNeverShowCredentialsWhenCallsFail() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.error(500, 50001, "Error in the backend data store"));
        String dead = deadUrl().replace("http://", "http://alice:" + SECRET + "@");
        HttpSchemaRegistryClient client = client(
                dead + ",http://alice:" + SECRET + "@127.0.0.1:" + stub.port(),
                RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
                "URL",
                RegistryConfig.MAX_RETRIES,
                1);

        assertThatThrownBy(() -> client.getById(1)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("alice");
            assertThat(e.url()).doesNotContain(SECRET);
            assertThat(e.getCause().getMessage()).doesNotContain(SECRET);
        });
        assertThat(client.toString()).doesNotContain(SECRET);
        assertThat(RegistryConfig.from(config(dead, RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL"))
                        .toString())
                .doesNotContain(SECRET);
        assertThatThrownBy(() -> client(
                        stub.url(),
                        RegistryConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
                        "USER_INFO",
                        RegistryConfig.BASIC_AUTH_USER_INFO,
                        SECRET))
                .isInstanceOf(ConfigException.class)
                .message()
                .doesNotContain(SECRET);
    }

    @Test
    void shouldTreatMissingSubjectAsCompatibleWhenCheckingCompatibility() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.error(404, 40401, "Subject 'new' not found."));

        assertThat(client(stub.url()).isCompatible("new", SCHEMA)).isTrue();
        assertThat(stub.requests().get(0).rawPath()).isEqualTo("/compatibility/subjects/new/versions/latest");
    }

    @Test
    void shouldReportIncompatibleWhenRegistrySaysSo() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.json(200, "{\"is_compatible\":false}"));

        assertThat(client(stub.url()).isCompatible("s", SCHEMA)).isFalse();
    }

    @Test
    void shouldParseLatestVersionWhenSubjectExists() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.json(
                200, "{\"subject\":\"s\",\"id\":12,\"version\":3,\"schema\":" + quote(SCHEMA.toString()) + "}"));
        HttpSchemaRegistryClient client = client(stub.url());

        assertThat(client.latest("s")).isEqualTo(new RegisteredSchema("s", 12, 3, SCHEMA));
        assertThat(client.getById(12)).isEqualTo(SCHEMA);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void shouldNameTheStoreKeyWhenTruststoreIsMissing(@TempDir Path dir) {
        Map<String, Object> config = config(
                "https://127.0.0.1:1",
                RegistryConfig.SSL_TRUSTSTORE_LOCATION,
                dir.resolve("missing.p12").toString(),
                RegistryConfig.SSL_TRUSTSTORE_PASSWORD,
                "changeit",
                RegistryConfig.SSL_TRUSTSTORE_TYPE,
                "PKCS12");

        assertThatThrownBy(() -> HttpSchemaRegistryClient.fromConfig(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistryConfig.SSL_TRUSTSTORE_LOCATION);
    }

    @Test
    void shouldShareOneClientWhenConnectionSettingsAreEqual() throws IOException {
        StubRegistry stub = stub((n, r) -> Reply.json(200, "[]"));

        assertThat(SchemaRegistryClients.fromConfig(config(stub.url())))
                .isSameAs(SchemaRegistryClients.fromConfig(config(stub.url())))
                .isNotSameAs(SchemaRegistryClients.fromConfig(config(stub.url(), RegistryConfig.MAX_RETRIES, 7)));
    }

    @Test
    void shouldRejectWhenUrlIsNotHttp() {
        assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(Map.of(RegistryConfig.URL, "ftp://x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistryConfig.URL);
        assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RegistryConfig.URL);
    }
}
