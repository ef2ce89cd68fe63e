package io.labelwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Cause;
import io.labelwatch.events.Metric;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.SafetyCriticality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackMessagesTest {
    private final ObjectMapper json = new ObjectMapper();
    private final SlackMessages messages = new SlackMessages("https://grafana.example.com/", "https://lw.example.com");

    private JsonNode parse(List<QualityAlert> alerts) throws Exception {
        return json.readTree(messages.json(alerts));
    }

    private static List<String> texts(JsonNode message) {
        List<String> out = new ArrayList<>();
        collect(message, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        node.fields().forEachRemaining(f -> {
            if (f.getKey().equals("text") && f.getValue().isTextual()) {
                out.add(f.getValue().asText());
            }
        });
        node.elements().forEachRemaining(child -> collect(child, out));
    }

    @Test
    void shouldTitleTheMessageWithSeverityClassAndPipelineWhenFiring() throws Exception {
        JsonNode message = parse(List.of(TestAlerts.alert("a1")));

        JsonNode header = message.get("blocks").get(0);
        assertThat(header.get("type").asText()).isEqualTo("header");
        assertThat(header.get("text").get("text").asText())
                .isEqualTo(":rotating_light: CRITICAL · human.pedestrian.child · camera-2d-boxes");
        assertThat(message.get("text").asText())
                .startsWith(":rotating_light: CRITICAL · human.pedestrian.child · camera-2d-boxes — ")
                .contains("above UCL 9.1%");
        assertThat(message.get("blocks").get(1).get("text").get("text").asText())
                .isEqualTo("human.pedestrian.child error rate 14.2% in camera-2d-boxes above UCL 9.1%");
    }

    @Test
    void shouldShowRatesAsPercentagesAndWindowSampleAndRulesWhenErrorRate() throws Exception {
        List<String> fields = new ArrayList<>();
        parse(List.of(TestAlerts.alert("a1")))
                .get("blocks")
                .get(2)
                .get("fields")
                .forEach(f -> fields.add(f.get("text").asText()));

        assertThat(fields)
                .contains(
                        "*Metric*\nERROR_RATE (CHART)",
                        "*Observed*\n14.2%",
                        "*Centre*\n4.0%",
                        "*Limits*\nLCL 0.0% · UCL 9.1%",
                        "*Window (UTC)*\n2026-03-01 10:00 – 11:00",
                        "*Sample*\nn=412, defects=58",
                        "*Rules*\nNELSON_1, EWMA",
                        "*Homogeneity p-values*\nannotator 0.410 · guideline_version 1.20e-06");
    }

    @Test
    void shouldShowAgreementAsPlainNumberWhenMetricIsAgreement() throws Exception {
        QualityAlert alert = TestAlerts.firing("a1")
                .setMetric(Metric.AGREEMENT)
                .setObserved(0.612)
                .setCenter(0.81)
                .setLcl(0.7)
                .setUcl(null)
                .build();

        String fields = parse(List.of(alert)).get("blocks").get(2).get("fields").toString();

        assertThat(fields)
                .contains("0.612")
                .contains("0.810")
                .contains("LCL 0.700 · UCL n/a")
                .doesNotContain("%");
    }

    @Test
    void shouldGiveCauseAndTopContributorsWithShareOfExcess() throws Exception {
        String cause = parse(List.of(TestAlerts.alert("a1")))
                .get("blocks")
                .get(3)
                .get("text")
                .get("text")
                .asText();

        assertThat(cause).startsWith("*Cause: SYSTEMIC*");
        assertThat(cause.lines().skip(1).toList())
                .containsExactly(
                        "• guideline_version `g-2026.2`: 91% of excess (52 defects in 300, +38.2 over baseline)",
                        "• annotator `ann-07`: 9% of excess (6 defects in 40, +3.8 over baseline)");
    }

    @Test
    void shouldLinkRunbookGrafanaPanelAndStatusPageWhenConfigured() throws Exception {
        JsonNode actions = parse(List.of(TestAlerts.alert("a1"))).get("blocks").get(4);
        assertThat(actions.get("type").asText()).isEqualTo("actions");
        List<String> urls = new ArrayList<>();
        actions.get("elements").forEach(e -> urls.add(e.get("url").asText()));

        long from = TestAlerts.WINDOW_START.minusSeconds(24 * 3600).toEpochMilli();
        long to = TestAlerts.WINDOW_END.plusSeconds(3600).toEpochMilli();
        assertThat(urls)
                .containsExactly(
                        "https://runbooks.example.com/labelwatch#runbook-error_rate",
                        "https://grafana.example.com/d/labelwatch-quality/label-quality-overview"
                                + "?var-pipeline=camera-2d-boxes&var-class=human.pedestrian.child&from=" + from
                                + "&to=" + to + "&viewPanel=9",
                        "https://lw.example.com/?chart=camera-2d-boxes%2Fhuman.pedestrian.child&alert=a1");
    }

    @Test
    void shouldOmitLinksWhoseBaseIsNotConfigured() throws Exception {
        JsonNode message = new ObjectMapper()
                .readTree(new SlackMessages(null, null)
                        .json(List.of(
                                TestAlerts.firing("a1").setRunbookUrl(null).build())));

        assertThat(message.findValues("type")).noneMatch(t -> t.asText().equals("actions"));
        assertThat(message.toString()).doesNotContain("grafana").doesNotContain("chart=");
    }

    @Test
    void shouldSayResolvedAndReferToTheFiringAlertWhenResolved() throws Exception {
        QualityAlert resolved = TestAlerts.firing("alert-7f3a")
                .setStatus(AlertStatus.RESOLVED)
                .setOccurrences(3)
                .setResolvedAt(Instant.parse("2026-03-01T15:00:00Z"))
                .build();

        JsonNode message = parse(List.of(resolved));

        assertThat(message.get("blocks").get(0).get("text").get("text").asText())
                .isEqualTo(":white_check_mark: RESOLVED · CRITICAL · human.pedestrian.child · camera-2d-boxes");
        assertThat(message.get("blocks").get(1).get("text").get("text").asText())
                .startsWith("*Resolved* at 2026-03-01 15:00 UTC. It fired at 2026-03-01 11:00 UTC (alert"
                        + " `alert-7f3a`) and signalled in 3 windows.");
        assertThat(message.get("text").asText())
                .contains("resolved 2026-03-01 15:00 UTC, firing since 2026-03-01 11:00 UTC (alert alert-7f3a)");
    }

    @Test
    void shouldListEveryAlertUnderOneHeaderWhenGrouped() throws Exception {
        QualityAlert child = TestAlerts.alert("a1");
        QualityAlert car = TestAlerts.firing("a2")
                .setClassLabel("vehicle.car")
                .setSeverity(SafetyCriticality.HIGH)
                .setCause(Cause.LOCALIZED)
                .build();

        JsonNode message = parse(List.of(child, car));

        assertThat(message.get("blocks").get(0).get("text").get("text").asText())
                .isEqualTo(":rotating_light: 2 alerts · camera-2d-boxes · 2 firing (highest CRITICAL)");
        assertThat(texts(message))
                .anyMatch(t -> t.startsWith("*:rotating_light: CRITICAL · human.pedestrian.child"))
                .anyMatch(t -> t.startsWith("*:red_circle: HIGH · vehicle.car"))
                .anyMatch(t -> t.startsWith("*Cause: LOCALIZED*"));
        assertThat(message.get("text").asText().lines()).hasSize(2);
        assertThat(message.get("blocks").size()).isLessThanOrEqualTo(50);
    }

    @Test
    void shouldEscapeSlackControlCharactersInUserText() throws Exception {
        QualityAlert alert =
                TestAlerts.firing("a1").setSummary("rate <b> & <!channel>").build();

        assertThat(parse(List.of(alert))
                        .get("blocks")
                        .get(1)
                        .get("text")
                        .get("text")
                        .asText())
                .isEqualTo("rate &lt;b&gt; &amp; &lt;!channel&gt;");
    }

    @Test
    void shouldPointAtPanelsThatExistInTheOverviewDashboard() throws Exception {
        JsonNode dashboard = json.readTree(Files.readString(Path.of("../dashboards/label-quality-overview.json")));
        List<String> titlesById = new ArrayList<>();
        dashboard
                .findParents("id")
                .forEach(p -> titlesById.add(
                        p.get("id").asText() + "=" + p.path("title").asText()));

        assertThat(dashboard.get("uid").asText()).isEqualTo("labelwatch-quality");
        assertThat(titlesById)
                .anyMatch(t -> t.startsWith(SlackMessages.PANELS.get(Metric.ERROR_RATE) + "=Error rate"))
                .anyMatch(t -> t.startsWith(SlackMessages.PANELS.get(Metric.AGREEMENT) + "=Agreement"))
                .anyMatch(t -> t.startsWith(SlackMessages.PANELS.get(Metric.GOLD_ACCURACY) + "=Gold accuracy"));
    }
}
