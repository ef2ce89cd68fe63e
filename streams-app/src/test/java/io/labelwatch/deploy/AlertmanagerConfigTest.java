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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** deploy/alertmanager: amtool accepts the config, routes page and ticket alerts to their Slack receivers, renders the templates. */
class AlertmanagerConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path dir = DeployFiles.deploy("alertmanager");

    @Test
    void shouldAcceptConfigWhenCheckedByAmtool() {
        ExternalCommand.Result result = amtool("check-config", "alertmanager.yml");

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).as(result.describe()).contains("SUCCESS").contains("1 templates");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'alertname=LabelwatchDown severity=page job=labelwatch instance=lw-a:8080', slack-labelwatch-page",
        "'alertname=LabelQualityOutOfControl severity=page class_severity=CRITICAL pipeline=av-camera', slack-labelwatch-page",
        "'alertname=LabelwatchDlqRateHigh severity=ticket job=labelwatch topic=annotation.labels', slack-labelwatch-alerts",
        "'alertname=LabelQualityOutOfControl severity=ticket class_severity=LOW pipeline=av-camera', slack-labelwatch-alerts",
        "'alertname=SomethingElse', slack-labelwatch-alerts"
    })
    void shouldRouteToSeverityReceiverWhenAlertHasLabels(String labels, String receiver) {
        List<String> args = new ArrayList<>(List.of(
                "config", "routes", "test", "--config.file=alertmanager.yml", "--verify.receivers=" + receiver));
        args.addAll(List.of(labels.split(" ")));

        ExternalCommand.Result result = amtool(args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output().lines().filter(l -> !l.startsWith("Warning")).toList())
                .as(result.describe())
                .containsExactly(receiver);
    }

    @Test
    void shouldFailRouteVerificationWhenReceiverIsWrong() {
        ExternalCommand.Result result = amtool(
                "config",
                "routes",
                "test",
                "--config.file=alertmanager.yml",
                "--verify.receivers=slack-labelwatch-page",
                "alertname=LabelwatchDlqRateHigh",
                "severity=ticket");

        assertThat(result.exitCode()).as(result.describe()).isNotZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"title", "text", "color", "titlelink"})
    void shouldRenderTemplateWhenAmtoolUsesExampleAlerts(String name) {
        ExternalCommand.Result result = amtool(
                "template",
                "render",
                "--template.glob=templates/*.tmpl",
                "--template.text={{ template \"labelwatch.slack." + name + "\" . }}");

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @Test
    void shouldReadWebhookUrlsFromFilesWhenSlackReceiversAreConfigured() throws IOException {
        JsonNode config = YAML.readTree(dir.resolve("alertmanager.yml").toFile());
        String raw = Files.readString(dir.resolve("alertmanager.yml"));

        assertThat(raw).doesNotContain("hooks.slack.com").doesNotContain("api_url:");
        assertThat(config.path("global").has("slack_api_url")).isFalse();
        List<JsonNode> slack = new ArrayList<>();
        config.path("receivers").forEach(r -> r.path("slack_configs").forEach(slack::add));
        assertThat(slack).hasSize(2).allSatisfy(s -> {
            assertThat(s.path("api_url_file").asText()).startsWith("/etc/alertmanager/secrets/");
            assertThat(s.path("send_resolved").asBoolean()).isTrue();
        });
        assertThat(slack)
                .extracting(s -> s.path("channel").asText())
                .containsExactlyInAnyOrder("#labelwatch-page", "#labelwatch-alerts");
    }

    @Test
    void shouldGroupByAlertnameAndPipelineAndInhibitSymptomsWhenServiceIsDown() throws IOException {
        JsonNode config = YAML.readTree(dir.resolve("alertmanager.yml").toFile());

        assertThat(config.path("route").path("group_by"))
                .extracting(JsonNode::asText)
                .containsExactly("alertname", "pipeline");
        JsonNode inhibit = config.path("inhibit_rules").get(0);
        assertThat(inhibit.path("source_matchers").get(0).asText()).isEqualTo("alertname=\"LabelwatchDown\"");
        assertThat(inhibit.path("target_matchers"))
                .extracting(JsonNode::asText)
                .contains("alertname=~\"Labelwatch.+\"", "alertname!=\"LabelwatchDown\"");
        assertThat(inhibit.path("equal")).extracting(JsonNode::asText).containsExactly("job");
    }

    private ExternalCommand.Result amtool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ExternalBinary.require("amtool", "prometheus-alertmanager").toString());
        command.addAll(List.of(args));
        return ExternalCommand.run(dir, command);
    }
}
