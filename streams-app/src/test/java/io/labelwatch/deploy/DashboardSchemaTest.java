package io.labelwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * dashboards/*.json: valid against the project's Grafana dashboard schema (src/test/resources/deploy/
 * grafana-dashboard.schema.json, written by hand), laid out on Grafana's 24-column grid, bound to the
 * provisioned datasource, and every query parses as PromQL in a real Prometheus after template variables
 * are substituted. Empty results are fine here; the live-app query test requires data.
 */
class DashboardSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Schema SCHEMA = loadSchema();

    private static PrometheusServer prometheus;

    @BeforeAll
    static void startPrometheus() {
        if (ExternalBinary.find("prometheus").isPresent() || "true".equals(System.getenv("CI"))) {
            prometheus = PrometheusServer.scrapingItself();
        }
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    static Stream<Path> dashboards() {
        try (Stream<Path> files = Files.list(DeployFiles.dashboards())) {
            List<Path> list =
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(list)
                    .extracting(p -> p.getFileName().toString())
                    .contains("label-quality-overview.json", "annotator-drilldown.json", "pipeline-health.json");
            return list.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void shouldMatchGrafanaSchemaWhenValidated(Path dashboard) {
        List<Error> errors = SCHEMA.validate(DashboardQueries.read(dashboard));

        assertThat(errors).as(dashboard.getFileName().toString()).isEmpty();
    }

    @Test
    void shouldRejectDashboardWhenPanelLacksGridPosOrTargetLacksExpr() {
        ObjectNode broken =
                (ObjectNode) DashboardQueries.read(DeployFiles.dashboards().resolve("pipeline-health.json"));
        ((ObjectNode) broken.withArray("panels").get(0)).remove("gridPos");
        ((ObjectNode) broken.withArray("panels").get(1).withArray("targets").get(0)).remove("expr");

        List<Error> errors = SCHEMA.validate(broken);

        assertThat(errors)
                .extracting(Error::toString)
                .anySatisfy(e -> assertThat(e).contains("gridPos"))
                .anySatisfy(e -> assertThat(e).contains("expr"));
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void shouldFitGridAndUseUniquePanelIdsWhenLaidOut(Path dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        collect(DashboardQueries.read(dashboard).path("panels"), panels);
        Set<Integer> ids = new HashSet<>();

        assertThat(panels).allSatisfy(p -> {
            JsonNode g = p.path("gridPos");
            assertThat(g.path("x").asInt() + g.path("w").asInt())
                    .as(p.path("title").asText())
                    .isLessThanOrEqualTo(24);
            assertThat(ids.add(p.path("id").asInt()))
                    .as("unique id of " + p.path("title").asText())
                    .isTrue();
        });
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void shouldDefaultToProvisionedDatasourceWhenImported(Path dashboard) throws IOException {
        JsonNode provisioned = YAML.readTree(DeployFiles.deploy("grafana/provisioning/datasources/labelwatch.yml")
                .toFile());
        String uid = provisioned.path("datasources").get(0).path("uid").asText();
        JsonNode datasourceVariable = null;
        for (JsonNode v : DashboardQueries.read(dashboard).path("templating").path("list")) {
            if ("datasource".equals(v.path("name").asText())) {
                datasourceVariable = v;
            }
        }

        assertThat(datasourceVariable).as("variable datasource").isNotNull();
        assertThat(datasourceVariable.path("type").asText()).isEqualTo("datasource");
        assertThat(datasourceVariable.path("current").path("value").asText()).isEqualTo(uid);
    }

    @Test
    void shouldOfferPipelineAndClassVariablesAndLimitBandWhenShowingQualityOverview() {
        Path file = DeployFiles.dashboards().resolve("label-quality-overview.json");
        JsonNode dashboard = DashboardQueries.read(file);
        List<JsonNode> panels = new ArrayList<>();
        collect(dashboard.path("panels"), panels);

        assertThat(DashboardQueries.variableNames(file)).contains("pipeline", "class");
        JsonNode errorRate = panels.stream()
                .filter(p -> "class".equals(p.path("repeat").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(errorRate.path("targets"))
                .extracting(t -> t.path("legendFormat").asText())
                .containsExactly("error rate", "centre", "UCL", "LCL");
        assertThat(errorRate.path("fieldConfig").path("overrides").toString())
                .contains("\"options\":\"UCL\"")
                .contains("{\"id\":\"custom.fillBelowTo\",\"value\":\"LCL\"}");
        assertThat(DashboardQueries.of(file))
                .extracting(DashboardQueries.Query::expr)
                .anySatisfy(e -> assertThat(e).contains("labelwatch_window_end_timestamp_seconds"));
        assertThat(dashboard.toString()).contains("\"sortBy\"").contains("\"text\":\"CRITICAL\"");
    }

    @ParameterizedTest
    @MethodSource("dashboards")
    void shouldParseAsPromqlWhenVariablesAreSubstituted(Path dashboard) {
        if (prometheus == null) {
            ExternalBinary.require("prometheus", "prometheus"); // skips with the reason
        }
        List<DashboardQueries.Query> queries = DashboardQueries.of(dashboard);

        assertThat(queries)
                .isNotEmpty()
                .allSatisfy(q -> assertThatCode(() -> prometheus.query(
                                DashboardQueries.substitute(q.expr(), DashboardQueries.matchAll(dashboard))))
                        .as(q.toString())
                        .doesNotThrowAnyException());
    }

    @Test
    void shouldRejectQueryWhenItDoesNotParse() {
        if (prometheus == null) {
            ExternalBinary.require("prometheus", "prometheus");
        }
        assertThatThrownBy(() -> prometheus.query(DashboardQueries.substitute(
                        "max by (pipeline (labelwatch_error_rate{pipeline=~\"$pipeline\"})",
                        java.util.Map.of("pipeline", ".*"))))
                .isInstanceOfSatisfying(
                        PrometheusServer.QueryException.class,
                        e -> assertThat(e.errorType()).isEqualTo("bad_data"));
    }

    @Test
    void shouldRefuseSubstitutionWhenVariableIsUndefined() {
        assertThat(DashboardQueries.substitute(
                        "rate(x{a=~\"$a\", b=\"${b}\"}[$__rate_interval])", java.util.Map.of("a", ".*", "b", "v")))
                .isEqualTo("rate(x{a=~\".*\", b=\"v\"}[1m])");
        assertThatThrownBy(() -> DashboardQueries.substitute("x{a=~\"$missing\"}", java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$missing");
    }

    private static void collect(JsonNode panels, List<JsonNode> into) {
        for (JsonNode p : panels) {
            into.add(p);
            collect(p.path("panels"), into);
        }
    }

    private static Schema loadSchema() {
        try (InputStream in = DashboardSchemaTest.class.getResourceAsStream("/deploy/grafana-dashboard.schema.json")) {
            assertThat(in)
                    .as("grafana-dashboard.schema.json on the test classpath")
                    .isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
