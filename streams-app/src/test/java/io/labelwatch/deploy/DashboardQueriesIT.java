package io.labelwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.labelwatch.app.LabelwatchApp;
import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.metrics.MeterChecks;
import io.labelwatch.testing.EmbeddedKafkaExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 6, dashboards test (2): the real Prometheus (Debian package {@code prometheus}) scrapes an in-process
 * Labelwatch that has processed labels and reviews, and every query of every dashboard in {@code dashboards/} — panel
 * targets and the selectors of {@code label_values} variables — must parse and return at least one series, once
 * with every variable set to All ({@code .*}) and once with a concrete pipeline and class. An empty result fails.
 *
 * <p>A stat panel may end in {@code or vector(0)} so that Grafana shows 0 instead of "No data"; that fallback would
 * make any query pass, so each such query is also run without it and must still return data.
 *
 * <p>The input ({@link DashboardTraffic}) makes every panel real: an error-rate shift on a CRITICAL class (alert
 * firing and raised), overlap units (agreement alpha), gold labels (gold accuracy), a DLQ record, a duplicate, a
 * TARGETED and a late review, with event times three hours ago (the "stale charts" stat counts windows older than
 * two hours).
 *
 * <p>The same scrape checks {@code deploy/prometheus/rules}: every rule expression parses, and every metric an
 * alerting or recording rule selects exists in the app's /metrics (a misspelt name would make an alert never fire).
 */
@ExtendWith(EmbeddedKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesIT {
    private static final String JOB = "labelwatch";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A metric name followed by a label matcher: every selector in the rules has one (at least job). */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    private static final Pattern OR_VECTOR_ZERO = Pattern.compile("\\s+or\\s+vector\\(0\\)");
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker broker;
    private DashboardTraffic traffic;
    private LabelwatchApp app;
    private PrometheusServer prometheus;
    private Path stateDir;

    DashboardQueriesIT(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @BeforeAll
    void startAppAndPrometheus() throws IOException {
        ExternalBinary.require("prometheus", "prometheus");
        traffic = new DashboardTraffic(broker);
        stateDir = Files.createTempDirectory("labelwatch-dashboards-it");
        app = LabelwatchApp.start(traffic.config().with(Map.of("state.dir", stateDir.toString())), Clock.systemUTC());
        traffic.produce();
        try {
            await("windows closed, alert firing, agreement, gold and DLQ counted in the app's registry")
                    .atMost(DATA_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(
                                    DashboardTraffic.missing(app.registry().scrape()))
                            .as("missing from /metrics")
                            .isEmpty());
            traffic.produceLateReview();
            await("the late review counted")
                    .atMost(DATA_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> app.registry().scrape().contains("outcome=\"late\""));
        } finally {
            saveScrape();
        }
        String target = app.httpUrl().replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        prometheus = PrometheusServer.start(JOB, target, "/metrics");
        prometheus.awaitTargetUp(Duration.ofSeconds(30));
        // rate() and increase() need two samples within their range: wait for a few scrapes.
        await("three scrapes of " + target)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(PrometheusServer.SCRAPE_INTERVAL)
                .until(() -> !prometheus
                        .query("count_over_time(up{job=\"" + JOB + "\"}[1m]) >= 3")
                        .isEmpty());
    }

    /** The app's /metrics (as Prometheus sees it), under target/it-logs/ to read metric names from after a run. */
    private void saveScrape() throws IOException {
        Path dir = Paths.get("target", "it-logs");
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("DashboardQueriesIT-metrics.txt"), app.registry().scrape());
    }

    @AfterAll
    void stop() throws IOException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (app != null) {
            saveScrape();
            app.close();
        }
        if (stateDir != null) {
            try (Stream<Path> paths = Files.walk(stateDir)) {
                paths.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void shouldReturnDataForEveryDashboardQueryWhenEveryVariableIsAll() {
        assertEveryQueryReturnsData(DashboardQueries::matchAll);
    }

    @Test
    void shouldReturnDataForEveryDashboardQueryWhenAConcretePipelineAndClassAreSelected() {
        assertEveryQueryReturnsData(file -> {
            Map<String, String> values = new HashMap<>(DashboardQueries.matchAll(file));
            values.put("pipeline", DashboardTraffic.PIPELINE);
            values.put("class", DashboardTraffic.SHIFTED_CLASS);
            values.put("instance", prometheusInstance());
            return values;
        });
    }

    @Test
    void shouldScrapeEveryMetricThatAnAlertingRuleSelectsWhenTheAppHasProcessedEvents() throws IOException {
        List<String> failures = new ArrayList<>();
        Set<String> recorded = new TreeSet<>();
        Map<String, String> exprs = new TreeMap<>();
        for (Path file : ruleFiles()) {
            for (JsonNode group : YAML.readTree(file.toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.has("record")
                            ? rule.path("record").asText()
                            : rule.path("alert").asText();
                    if (rule.has("record")) {
                        recorded.add(name);
                    }
                    exprs.put(
                            file.getFileName() + " / " + name + " / " + exprs.size(),
                            rule.path("expr").asText());
                }
            }
        }
        assertThat(exprs)
                .as("rules in %s", DeployFiles.deploy("prometheus/rules"))
                .isNotEmpty();
        Set<String> selected = new TreeSet<>();
        exprs.forEach((rule, expr) -> {
            try {
                prometheus.query(expr);
            } catch (PrometheusServer.QueryException e) {
                failures.add(rule + ": " + e.getMessage());
            }
            Matcher m = SELECTOR.matcher(expr);
            while (m.find()) {
                selected.add(m.group(1));
            }
        });
        selected.removeAll(recorded);
        for (String metric : selected) {
            if (prometheus
                    .query("{__name__=\"" + metric + "\", job=\"" + JOB + "\"}")
                    .isEmpty()) {
                failures.add("no series named " + metric + " (selected by a rule) in the scrape of the app");
            }
        }
        assertThat(selected).as("metrics selected by the rules").contains("labelwatch_events_total");
        assertThat(failures)
                .as("rule problems:%n%s", String.join("\n", failures))
                .isEmpty();
    }

    @Test
    void shouldTagEveryMeterOfTheLiveAppByBoundedDimensionsWhenItProcessedEveryKindOfTraffic() {
        Set<String> allowed = new TreeSet<>(MeterChecks.LABELWATCH_TAGS);
        allowed.addAll(MeterChecks.KAFKA_AND_JVM_TAGS);
        List<io.micrometer.core.instrument.Meter> meters = app.registry().getMeters();
        assertThat(meters)
                .as("Kafka Streams task-level meters are bound")
                .anySatisfy(m -> assertThat(m.getId().getTag("task.id")).isNotNull());

        assertThat(traffic.producedIds()).as("ids that went through the app").hasSizeGreaterThan(100);
        assertThat(MeterChecks.unboundedTags(meters, allowed, traffic.producedIds()))
                .as("tags of the app's registry")
                .isEmpty();
    }

    @Test
    void shouldDocumentEveryMetricOfTheLiveAppInTheReadmeWhenItProcessedEveryKindOfTraffic() {
        Set<String> names = MeterChecks.scrapedNames(app.registry().scrape());
        assertThat(names).contains("labelwatch_alerts_firing", "labelwatch_agreement_units_total");

        assertThat(MeterChecks.undocumented(names))
                .as("metrics on /metrics missing from README's metrics table (Operations → Metrics)")
                .isEmpty();
    }

    private static List<Path> ruleFiles() throws IOException {
        try (Stream<Path> files = Files.list(DeployFiles.deploy("prometheus/rules"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }

    private String prometheusInstance() {
        return prometheus
                .query("up{job=\"" + JOB + "\"}")
                .result()
                .get(0)
                .path("metric")
                .path("instance")
                .asText()
                .replace(".", "\\\\.");
    }

    private interface Variables {
        Map<String, String> of(Path dashboard);
    }

    private void assertEveryQueryReturnsData(Variables variables) {
        List<Path> dashboards = dashboardFiles();
        assertThat(dashboards).as("dashboards in %s", DeployFiles.dashboards()).isNotEmpty();
        List<Check> checks = new ArrayList<>();
        for (Path file : dashboards) {
            Map<String, String> values = variables.of(file);
            for (DashboardQueries.Query q : DashboardQueries.of(file)) {
                String expr = DashboardQueries.substitute(q.expr(), values);
                checks.add(new Check(q, expr));
                String withoutFallback = OR_VECTOR_ZERO.matcher(expr).replaceAll("");
                if (!withoutFallback.equals(expr)) {
                    checks.add(new Check(q, withoutFallback));
                }
            }
        }
        assertThat(checks).hasSizeGreaterThan(dashboards.size());
        await("every dashboard query returns data")
                .atMost(QUERY_TIMEOUT)
                .pollInterval(PrometheusServer.SCRAPE_INTERVAL)
                .untilAsserted(() -> {
                    List<String> failures = new ArrayList<>();
                    for (Check check : checks) {
                        String problem = problem(check.expr());
                        if (problem != null) {
                            failures.add(check.query().dashboard() + " / \""
                                    + check.query().panelTitle() + "\" / "
                                    + check.query().refId() + ": " + problem + "\n    " + check.expr());
                        }
                    }
                    assertThat(failures)
                            .as(
                                    "%d of %d dashboard queries failed (metrics of the app: target/it-logs/"
                                            + "DashboardQueriesIT-metrics.txt):%n%s",
                                    failures.size(), checks.size(), String.join("\n", failures))
                            .isEmpty();
                });
    }

    private String problem(String expr) {
        try {
            PrometheusServer.QueryResult result = prometheus.query(expr);
            return result.isEmpty() ? "no data" : null;
        } catch (PrometheusServer.QueryException e) {
            return e.getMessage();
        }
    }

    private record Check(DashboardQueries.Query query, String expr) {}

    private static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(DeployFiles.dashboards())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
