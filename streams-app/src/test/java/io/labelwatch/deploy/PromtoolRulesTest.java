package io.labelwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus files in deploy/prometheus: promtool accepts the config and the rules, the rule unit tests
 * pass, and every alert is tested both firing and not firing and carries the annotations on-call needs.
 */
class PromtoolRulesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String RUNBOOK = "https://github.com/labelwatch/labelwatch/blob/main/README.md#runbook-";

    private final Path dir = DeployFiles.deploy("prometheus");

    @Test
    void shouldAcceptConfigWhenCheckedByPromtool() {
        ExternalCommand.Result result = promtool("check", "config", "prometheus.yml");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).as(result.describe()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void shouldAcceptRulesWhenCheckedByPromtool() {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        args.addAll(files("rules", ".rules.yml"));

        ExternalCommand.Result result = promtool(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).as(result.describe()).contains("SUCCESS");
    }

    @Test
    void shouldPassRuleUnitTestsWhenRunByPromtool() {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        args.addAll(files("tests", ".test.yml"));

        ExternalCommand.Result result = promtool(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).as(result.describe()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void shouldFailRuleUnitTestWhenExpectationIsWrong(@TempDir Path tmp) throws IOException {
        Path rules = dir.resolve("rules/labelwatch-service.rules.yml").toAbsolutePath();
        Path wrong = tmp.resolve("wrong.test.yml");
        Files.writeString(wrong, """
                rule_files: ["%s"]
                evaluation_interval: 1m
                tests:
                  - interval: 1m
                    input_series:
                      - series: 'up{job="labelwatch", instance="lw-a:8080"}'
                        values: '0x10'
                    alert_rule_test:
                      - eval_time: 5m
                        alertname: LabelwatchDown
                        exp_alerts: []
                """.formatted(rules));

        ExternalCommand.Result result = promtool("test", "rules", wrong.toString());

        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.output()).contains("FAILED");
    }

    @Test
    void shouldTestEveryAlertFiringAndNotFiringWhenUnitTestsAreRead() throws IOException {
        Set<String> alerts = alertNames();
        Set<String> firing = new TreeSet<>();
        Set<String> notFiring = new TreeSet<>();
        for (String file : files("tests", ".test.yml")) {
            for (JsonNode test : YAML.readTree(dir.resolve(file).toFile()).path("tests")) {
                for (JsonNode ruleTest : test.path("alert_rule_test")) {
                    String name = ruleTest.path("alertname").asText();
                    (ruleTest.path("exp_alerts").isEmpty() ? notFiring : firing).add(name);
                }
            }
        }

        assertThat(alerts)
                .containsExactlyInAnyOrder(
                        "LabelwatchDown",
                        "LabelwatchConsumerLagGrowing",
                        "LabelwatchDlqRateHigh",
                        "LabelwatchNoWindowsClosed",
                        "LabelwatchStateRestoreStuck",
                        "LabelQualityOutOfControl");
        assertThat(firing).as("alerts with a firing case").containsAll(alerts);
        assertThat(notFiring).as("alerts with a not-firing case").containsAll(alerts);
    }

    @Test
    void shouldCarrySeverityAndRunbookWhenAnyAlertFires() throws IOException {
        List<JsonNode> rules = alertRules();

        assertThat(rules).isNotEmpty().allSatisfy(rule -> {
            String name = rule.path("alert").asText();
            assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("page", "ticket");
            assertThat(rule.path("annotations").path("summary").asText())
                    .as(name)
                    .isNotBlank();
            assertThat(rule.path("annotations").path("description").asText())
                    .as(name)
                    .isNotBlank();
            assertThat(rule.path("annotations").path("runbook_url").asText())
                    .as(name)
                    .isEqualTo(RUNBOOK + name.toLowerCase(Locale.ROOT));
        });
    }

    private Set<String> alertNames() throws IOException {
        Set<String> names = new TreeSet<>();
        alertRules().forEach(r -> names.add(r.path("alert").asText()));
        return names;
    }

    private List<JsonNode> alertRules() throws IOException {
        List<JsonNode> alerts = new ArrayList<>();
        for (String file : files("rules", ".rules.yml")) {
            for (JsonNode group : YAML.readTree(dir.resolve(file).toFile()).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        alerts.add(rule);
                    }
                }
            }
        }
        return alerts;
    }

    private List<String> files(String sub, String suffix) {
        try (Stream<Path> paths = Files.list(dir.resolve(sub))) {
            List<String> names = paths.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .map(p -> sub + "/" + p.getFileName())
                    .sorted()
                    .toList();
            assertThat(names).as("%s/*%s", sub, suffix).isNotEmpty();
            return names;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ExternalCommand.Result promtool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ExternalBinary.require("promtool", "prometheus").toString());
        command.addAll(List.of(args));
        return ExternalCommand.run(dir, command);
    }
}
