package io.labelwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelwatch.testing.ApicurioExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real registry through plain HTTP, as any Confluent-API client talks to it. */
@ExtendWith(ApicurioExtension.class)
class ApicurioRegistryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String V1 = "{\"type\":\"record\",\"name\":\"Label\",\"namespace\":\"it\","
            + "\"fields\":[{\"name\":\"unit_id\",\"type\":\"string\"}]}";
    private static final String V2_REQUIRED_FIELD = "{\"type\":\"record\",\"name\":\"Label\",\"namespace\":\"it\","
            + "\"fields\":[{\"name\":\"unit_id\",\"type\":\"string\"},{\"name\":\"vendor\",\"type\":\"string\"}]}";

    @Test
    void shouldReturnAnIdWhenASchemaIsRegistered(ApicurioRegistry registry) throws Exception {
        HttpResponse<String> response = register(registry, "it-register-value", V1);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("id").isInt()).isTrue();
        assertThat(registry.ccompatUrl()).isEqualTo("http://127.0.0.1:" + registry.port() + "/apis/ccompat/v7");
    }

    @Test
    void shouldRejectWithConflictWhenAChangeIsNotBackwardCompatible(ApicurioRegistry registry) throws Exception {
        assertThat(register(registry, "it-backward-value", V1).statusCode()).isEqualTo(200);

        // A new field without a default cannot be read from v1 data: BACKWARD forbids it.
        HttpResponse<String> rejected = register(registry, "it-backward-value", V2_REQUIRED_FIELD);

        assertThat(rejected.statusCode()).isEqualTo(409);
        JsonNode body = JSON.readTree(rejected.body());
        assertThat(body.path("error_code").asInt()).isEqualTo(409);
    }

    private static HttpResponse<String> register(ApicurioRegistry registry, String subject, String schema)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(registry.ccompatUrl() + "/subjects/" + subject + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema))))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
