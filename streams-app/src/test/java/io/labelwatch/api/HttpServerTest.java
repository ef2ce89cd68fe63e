package io.labelwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.topology.StoreNames;
import io.labelwatch.topology.TopicNames;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP server over a Kafka Streams client that never started (no broker needed): the API must answer 503 with
 * Retry-After, not 500, and state-changing calls must be refused when no token is configured.
 */
class HttpServerTest {
    @TempDir
    Path stateDir;

    private KafkaStreams streams;
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(
                "unused-input",
                Materialized.<String, String>as(Stores.inMemoryKeyValueStore(StoreNames.ALERTS))
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "http-server-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(builder.build(), props);
        LabelwatchConfig config = LabelwatchConfig.of(Map.of("labelwatch.http.port", "0"));
        server = HttpServer.create(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        server.start(streams, TopicNames.defaults(), streams::state);
    }

    @AfterEach
    void stop() {
        server.stop();
        streams.close();
    }

    private HttpResponse<String> send(String method, String path, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenStreamsIsNotRunning() throws Exception {
        for (String path : new String[] {
            "/api/v1/charts", "/api/v1/alerts", "/api/v1/charts/p/c", "/api/v1/annotators/p/funnel", "/health/ready"
        }) {
            HttpResponse<String> response = send("GET", path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).as(path).hasValue("5");
            assertThat(response.body()).as(path).startsWith("{").doesNotContain("Exception");
        }
        assertThat(send("GET", "/health/live", null).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseStateChangesWhenNoTokenIsConfigured() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/charts/p/c/rebaseline", "anything");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("no token configured");
        assertThat(send("POST", "/api/v1/alerts/error-rate-0123456789abcdef/ack", null)
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void shouldServeTheStatusPageWithoutExternalLinks() throws Exception {
        HttpResponse<String> page = send("GET", "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String all = page.body()
                + send("GET", "/status/app.js", null).body()
                + send("GET", "/status/style.css", null).body();
        // The SVG namespace is a name, not a link; anything else absolute would need the network.
        assertThat(all.replace("http://www.w3.org/2000/svg", ""))
                .contains("/api/v1/charts")
                .doesNotContain("http://", "https://", "//cdn");
    }
}
