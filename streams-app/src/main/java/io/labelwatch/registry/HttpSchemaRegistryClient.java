package io.labelwatch.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * {@link SchemaRegistryClient} over the Confluent Schema Registry REST API with {@link HttpClient}.
 *
 * <p>Behaviour on failure:
 *
 * <ul>
 *   <li>Retried with exponential backoff and jitter: network errors (including a request that
 *       times out), 408, 429 and 5xx. Each retry moves on to the next URL, so a dead URL fails over
 *       to a live one without waiting; the backoff is taken once per round over all URLs. Attempts
 *       are bounded by {@code max.retries} rounds and the whole call by {@code
 *       retries.total.timeout.ms}.
 *   <li>Everything else fails at once, as a typed {@link SchemaRegistryException} matched on the
 *       registry's {@code error_code}.
 * </ul>
 */
public final class HttpSchemaRegistryClient implements SchemaRegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT =
            "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryConfig config;
    private final HttpClient http;
    private final String authorization;
    private final AtomicInteger preferredUrl = new AtomicInteger();
    private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public HttpSchemaRegistryClient(RegistryConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (config.ssl() != null) {
            builder.sslContext(sslContext(config.ssl()));
        }
        this.http = builder.build();
        this.authorization = config.userInfo() == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString(config.userInfo().getBytes(StandardCharsets.UTF_8));
    }

    /** Client for {@link RegistryConfig#from(Map)} of these configs. */
    public static HttpSchemaRegistryClient fromConfig(Map<String, ?> configs) {
        return new HttpSchemaRegistryClient(RegistryConfig.from(configs));
    }

    @Override
    public int register(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema), Kind.SUBJECT);
        int id = answer.path("id").asInt(-1);
        remember(subject, schema, id);
        return id;
    }

    @Override
    public int lookup(String subject, Schema schema) {
        Integer cached = cachedId(subject, schema);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("POST", "/subjects/" + encode(subject), schemaBody(schema), Kind.SUBJECT);
        int id = answer.path("id").asInt(-1);
        remember(subject, schema, id);
        return id;
    }

    @Override
    public Schema getById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = call("GET", "/schemas/ids/" + id, null, Kind.SCHEMA_ID);
        Schema schema = parseSchema(answer, "/schemas/ids/" + id);
        schemasById.putIfAbsent(id, schema);
        return schemasById.get(id);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        String path = "/subjects/" + encode(subject) + "/versions/latest";
        JsonNode answer = call("GET", path, null, Kind.SUBJECT);
        int id = answer.path("id").asInt(-1);
        Schema schema = schemasById.computeIfAbsent(id, ignored -> parseSchema(answer, path));
        return new RegisteredSchema(
                answer.path("subject").asText(subject),
                id,
                answer.path("version").asInt(-1),
                schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = call(
                    "POST",
                    "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema),
                    Kind.SUBJECT);
            return answer.path("is_compatible").asBoolean(false);
        } catch (SubjectNotFoundException e) {
            return true;
        } catch (SchemaRegistryException e) {
            // 40402: the subject exists but has no version (all soft-deleted); a bare 404 is how
            // some ccompat servers say the same.
            if (e.status() == 404 && (e.errorCode() == 40402 || e.errorCode() == SchemaRegistryException.UNKNOWN)) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public List<String> subjects() {
        JsonNode answer = call("GET", "/subjects", null, Kind.OTHER);
        List<String> subjects = new ArrayList<>();
        answer.forEach(node -> subjects.add(node.asText()));
        return List.copyOf(subjects);
    }

    @Override
    public String toString() {
        return "HttpSchemaRegistryClient" + config.urls();
    }

    private Integer cachedId(String subject, Schema schema) {
        Map<Schema, Integer> ids = idsBySubject.get(subject);
        return ids == null ? null : ids.get(schema);
    }

    private void remember(String subject, Schema schema, int id) {
        idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
        schemasById.putIfAbsent(id, schema);
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static Schema parseSchema(JsonNode answer, String path) {
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new SchemaRegistryException(
                    "schema registry answer to " + path + " has no schema", 200, SchemaRegistryException.UNKNOWN, null);
        }
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException(
                    "schema at " + path + " is " + type + ", not AVRO", 200, SchemaRegistryException.UNKNOWN, null);
        }
        return new Schema.Parser().parse(text.asText());
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Which "not found" the path can mean. */
    private enum Kind {
        SCHEMA_ID,
        SUBJECT,
        OTHER
    }

    private JsonNode call(String method, String path, String body, Kind kind) {
        List<URI> urls = config.urls();
        long deadline = System.nanoTime() + config.totalTimeout().toNanos();
        int totalAttempts = (config.maxRetries() + 1) * urls.size();
        int start = preferredUrl.get();
        SchemaRegistryException last = null;
        String retryAfter = null;
        for (int attempt = 0; attempt < totalAttempts; attempt++) {
            if (attempt > 0 && attempt % urls.size() == 0) {
                int round = attempt / urls.size();
                if (!backoff(round, deadline, retryAfter)) {
                    break;
                }
            }
            int index = (start + attempt) % urls.size();
            URI base = urls.get(index);
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            Duration timeout = Duration.ofNanos(Math.min(config.requestTimeout().toNanos(), remaining));
            HttpRequest request = request(method, base, path, body, timeout);
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (HttpTimeoutException e) {
                last = new SchemaRegistryException(
                        "schema registry " + base + " timed out after " + timeout.toMillis() + " ms on " + method + " "
                                + path,
                        SchemaRegistryException.UNKNOWN,
                        SchemaRegistryException.UNKNOWN,
                        base.toString(),
                        e);
                continue;
            } catch (IOException e) {
                last = new SchemaRegistryException(
                        "schema registry " + base + " unreachable on " + method + " " + path + ": " + e,
                        SchemaRegistryException.UNKNOWN,
                        SchemaRegistryException.UNKNOWN,
                        base.toString(),
                        e);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SchemaRegistryException(
                        "interrupted while calling schema registry " + base,
                        SchemaRegistryException.UNKNOWN,
                        SchemaRegistryException.UNKNOWN,
                        base.toString(),
                        e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                preferredUrl.set(index);
                return readJson(response.body(), base, method, path);
            }
            SchemaRegistryException error = error(status, response.body(), base, method, path, kind);
            if (!retriable(status)) {
                throw error;
            }
            last = error;
            retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        }
        if (last == null) {
            last = new SchemaRegistryException(
                    "schema registry call " + method + " " + path + " ran out of time",
                    SchemaRegistryException.UNKNOWN,
                    SchemaRegistryException.UNKNOWN,
                    urls.get(0).toString());
        }
        throw giveUp(last);
    }

    private static SchemaRegistryException giveUp(SchemaRegistryException last) {
        return new SchemaRegistryException(
                "giving up: " + last.getMessage(), last.status(), last.errorCode(), last.url(), last);
    }

    /** Sleeps before retry round {@code round}; false when that would pass the deadline. */
    private boolean backoff(int round, long deadline, String retryAfter) {
        long base = config.retryWait().toMillis() << Math.min(round - 1, 20);
        long capped = Math.min(base, config.retryMaxWait().toMillis());
        long millis = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        if (retryAfter != null) {
            try {
                long seconds = Long.parseLong(retryAfter.trim());
                millis = Math.min(
                        Math.max(millis, seconds * 1000), config.retryMaxWait().toMillis());
            } catch (NumberFormatException ignored) {
                // an HTTP date: keep our own backoff
            }
        }
        if (System.nanoTime() + millis * 1_000_000 >= deadline) {
            return false;
        }
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean retriable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private HttpRequest request(String method, URI base, String path, String body, Duration timeout) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).header("Accept", ACCEPT);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", CONTENT_TYPE)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static JsonNode readJson(String body, URI base, String method, String path) {
        try {
            return JSON.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new SchemaRegistryException(
                    "schema registry " + base + " answered " + method + " " + path + " with invalid JSON",
                    200,
                    SchemaRegistryException.UNKNOWN,
                    base.toString(),
                    e);
        }
    }

    private static SchemaRegistryException error(
            int status, String body, URI base, String method, String path, Kind kind) {
        int code = SchemaRegistryException.UNKNOWN;
        String detail = body == null ? "" : body.strip();
        try {
            JsonNode json = JSON.readTree(detail);
            if (json != null && json.isObject()) {
                code = json.path("error_code").asInt(SchemaRegistryException.UNKNOWN);
                detail = json.path("message").asText(detail);
            }
        } catch (IOException notJson) {
            // keep the raw body as the detail
        }
        if (detail.length() > 300) {
            detail = detail.substring(0, 300) + "...";
        }
        String url = base.toString();
        String message = "schema registry " + url + " answered " + status
                + (code == SchemaRegistryException.UNKNOWN ? "" : " (error_code " + code + ")") + " to " + method
                + " " + path + (detail.isEmpty() ? "" : ": " + detail);
        if (code == 40403 || (status == 404 && kind == Kind.SCHEMA_ID)) {
            return new SchemaNotFoundException(message, status, code, url);
        }
        if (code == 40401) {
            return new SubjectNotFoundException(message, status, code, url);
        }
        if (status == 409) {
            return new IncompatibleSchemaException(message, status, code, url);
        }
        if (code == 42201) {
            return new InvalidSchemaException(message, status, code, url);
        }
        return new SchemaRegistryException(message, status, code, url);
    }

    private static SSLContext sslContext(RegistryConfig.SslSettings ssl) {
        try {
            TrustManagerFactory trust = null;
            if (ssl.truststoreLocation() != null) {
                KeyStore store = load(
                        ssl.truststoreLocation(),
                        ssl.truststorePassword(),
                        ssl.truststoreType(),
                        RegistryConfig.SSL_TRUSTSTORE_LOCATION);
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(store);
            }
            KeyManagerFactory keys = null;
            if (ssl.keystoreLocation() != null) {
                KeyStore store = load(
                        ssl.keystoreLocation(),
                        ssl.keystorePassword(),
                        ssl.keystoreType(),
                        RegistryConfig.SSL_KEYSTORE_LOCATION);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String keyPassword = ssl.keyPassword() != null ? ssl.keyPassword() : ssl.keystorePassword();
                keys.init(store, keyPassword == null ? new char[0] : keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("schema registry TLS settings are unusable: " + e.getMessage());
        }
    }

    private static KeyStore load(String location, String password, String type, String key)
            throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException e) {
            throw new ConfigException(key, location, "cannot read " + type + " store: " + e.getMessage());
        }
        return store;
    }
}
