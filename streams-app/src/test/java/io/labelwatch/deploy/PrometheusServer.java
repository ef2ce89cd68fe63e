package io.labelwatch.deploy;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A real Prometheus (Debian package {@code prometheus}) for tests: bound to 127.0.0.1 on a free port, with a
 * temporary TSDB directory and a generated config that scrapes one target. Start it, wait for a scrape with
 * {@link #awaitTargetUp}, then run PromQL with {@link #query}.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.start("labelwatch", "127.0.0.1:" + appPort, "/metrics")) {
 *     prometheus.awaitTargetUp(Duration.ofSeconds(30));
 *     PrometheusServer.QueryResult up = prometheus.query("up{job=\"labelwatch\"}");
 * }
 * }</pre>
 *
 * Where the binary is missing the calling test is skipped, or fails under {@code CI=true} (see {@link ExternalBinary}).
 */
public final class PrometheusServer implements AutoCloseable {

    /** Scrape and evaluation interval of the generated config: short, so a test sees data within seconds. */
    public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path workDir;
    private final URI baseUri;
    private final String job;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path workDir, URI baseUri, String job) {
        this.process = process;
        this.workDir = workDir;
        this.baseUri = baseUri;
        this.job = job;
    }

    /**
     * Starts Prometheus scraping {@code target} ({@code host:port}) at {@code metricsPath} as job {@code job}
     * every {@link #SCRAPE_INTERVAL}, and returns once {@code /-/ready} answers 200.
     */
    public static PrometheusServer start(String job, String target, String metricsPath) {
        return start(job, port -> target, metricsPath);
    }

    /** Starts Prometheus scraping its own {@code /metrics} as job {@code prometheus}: a target that is always there. */
    public static PrometheusServer scrapingItself() {
        return start("prometheus", port -> "127.0.0.1:" + port, "/metrics");
    }

    private interface TargetForPort {
        String target(int ownPort);
    }

    private static PrometheusServer start(String job, TargetForPort targetForPort, String metricsPath) {
        Path binary = ExternalBinary.require("prometheus", "prometheus");
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("labelwatch-prometheus");
            int port = freeLoopbackPort();
            Path config = workDir.resolve("prometheus.yml");
            Files.writeString(config, scrapeConfig(job, targetForPort.target(port), metricsPath));
            Process process = new ProcessBuilder(
                            binary.toString(),
                            "--config.file=" + config,
                            "--storage.tsdb.path=" + workDir.resolve("data"),
                            "--web.listen-address=127.0.0.1:" + port,
                            "--log.level=warn")
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("prometheus.log").toFile())
                    .start();
            process.getOutputStream().close();
            PrometheusServer server =
                    new PrometheusServer(process, workDir, URI.create("http://127.0.0.1:" + port), job);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            deleteRecursively(workDir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            deleteRecursively(workDir);
            throw e;
        }
    }

    static String scrapeConfig(String job, String target, String metricsPath) {
        long seconds = SCRAPE_INTERVAL.toSeconds();
        return """
                global:
                  scrape_interval: %ds
                  scrape_timeout: %ds
                  evaluation_interval: %ds
                scrape_configs:
                  - job_name: %s
                    metrics_path: %s
                    static_configs:
                      - targets: [%s]
                """.formatted(seconds, seconds, seconds, quote(job), quote(metricsPath), quote(target));
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private void awaitReady() {
        try {
            await("Prometheus /-/ready on " + baseUri)
                    .atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "prometheus exited with " + process.exitValue() + ":\n" + log());
                        }
                        return get("/-/ready").statusCode() == 200;
                    });
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Waits until the single scrape target reports health {@code up} (at least one successful scrape). */
    public void awaitTargetUp(Duration timeout) {
        await("scrape target of job " + job + " up")
                .atMost(timeout)
                .pollInterval(SCRAPE_INTERVAL.dividedBy(2))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> {
                    JsonNode targets = data(get("/api/v1/targets?state=active")).path("activeTargets");
                    for (JsonNode t : targets) {
                        if (job.equals(t.path("labels").path("job").asText())
                                && "up".equals(t.path("health").asText())) {
                            return true;
                        }
                    }
                    return false;
                });
    }

    /**
     * Evaluates {@code promql} as an instant query at the server's current time ({@code POST /api/v1/query}).
     *
     * @throws QueryException when Prometheus rejects the query, e.g. errorType {@code bad_data} for a parse error
     */
    public QueryResult query(String promql) {
        HttpResponse<String> response =
                post("/api/v1/query", "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        JsonNode data = data(response);
        return new QueryResult(promql, data.path("resultType").asText(), data.path("result"));
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUri() {
        return baseUri;
    }

    public int port() {
        return baseUri.getPort();
    }

    /** What Prometheus printed so far (warnings and errors only): for assertion messages. */
    public String log() {
        try {
            return Files.readString(workDir.resolve("prometheus.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops Prometheus (SIGTERM, then SIGKILL after 10 s) and deletes its temporary directory. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(workDir);
    }

    /** Result of an instant query: {@code resultType} (vector, scalar, matrix, string) and the raw {@code result}. */
    public record QueryResult(String promql, String resultType, JsonNode result) {
        /** True for a vector or matrix without series; scalars and strings are never empty. */
        public boolean isEmpty() {
            return result.isArray() && result.isEmpty() && !"scalar".equals(resultType) && !"string".equals(resultType);
        }

        /** Number of series of a vector or matrix; 1 for a scalar or string. */
        public int seriesCount() {
            return result.isArray() && ("vector".equals(resultType) || "matrix".equals(resultType)) ? result.size() : 1;
        }
    }

    /** Prometheus answered {@code status: error}, e.g. {@code bad_data} for a PromQL parse error (HTTP 400). */
    public static final class QueryException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int httpStatus;
        private final String errorType;

        QueryException(int httpStatus, String errorType, String error) {
            super(errorType + " (HTTP " + httpStatus + "): " + error);
            this.httpStatus = httpStatus;
            this.errorType = errorType;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public String errorType() {
            return errorType;
        }
    }

    private static JsonNode data(HttpResponse<String> response) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ", not JSON: " + response.body(), e);
        }
        if (!"success".equals(body.path("status").asText())) {
            throw new QueryException(
                    response.statusCode(),
                    body.path("errorType").asText(),
                    body.path("error").asText());
        }
        return body.path("data");
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(baseUri.resolve(path)).GET());
    }

    private HttpResponse<String> post(String path, String form) {
        return send(HttpRequest.newBuilder(baseUri.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + Objects.toString(dir), e);
        }
    }
}
