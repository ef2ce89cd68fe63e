package io.labelwatch.notifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelwatch.alerts.AlertText;
import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Contributor;
import io.labelwatch.events.Metric;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.SafetyCriticality;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Slack Block Kit messages for {@link QualityAlert}s, built with Jackson.
 *
 * <p>One alert: a header ({@code :rotating_light: CRITICAL · human.pedestrian.child · camera-2d-boxes}), the summary
 * sentence, a fields section (metric, observed, centre, limits, window in UTC, n and defects, rules, occurrences,
 * p-values), the cause with the top contributors and their share of the excess, link buttons (runbook, Grafana panel,
 * status page — each only when its URL is known) and a context line with the alert id. Error rates and gold accuracy
 * are shown as percentages, agreement (alpha) as a plain number. A RESOLVED alert says so in the header and refers to
 * the FIRING one by its alert id and first-fired time.
 *
 * <p>Several alerts (a group): a header counting them, then per alert the same blocks with the header turned into a
 * bold first line, separated by dividers. Every message has a plain {@code text} fallback (notifications, screen
 * readers): one line per alert.
 *
 * <p>Links: the Grafana panel is {@code <grafana-url>/d/labelwatch-quality/label-quality-overview?var-pipeline=…
 * &var-class=…&from=…&to=…&viewPanel=…} (the "Label quality overview" dashboard in {@code dashboards/}), the status
 * page is {@code <status-url>/?chart=<chart_key>&alert=<alert_id>}.
 */
public final class SlackMessages {
    /** Uid and slug of {@code dashboards/label-quality-overview.json}. */
    static final String DASHBOARD_PATH = "/d/labelwatch-quality/label-quality-overview";

    /** Panel ids in that dashboard: error rate, agreement, gold accuracy. */
    static final Map<Metric, Integer> PANELS =
            Map.of(Metric.ERROR_RATE, 9, Metric.AGREEMENT, 13, Metric.GOLD_ACCURACY, 14);

    private static final int MAX_CONTRIBUTORS = 5;
    private static final int HEADER_LIMIT = 150;
    private static final int SECTION_LIMIT = 3000;
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final ObjectMapper json = new ObjectMapper();
    private final String grafanaBase;
    private final String statusBase;

    /**
     * @param grafanaBase Grafana base URL (e.g. {@code https://grafana.example.com}), or null for no Grafana link
     * @param statusBase Labelwatch status page base URL, or null for no status link
     */
    public SlackMessages(String grafanaBase, String statusBase) {
        this.grafanaBase = trimSlash(grafanaBase);
        this.statusBase = trimSlash(statusBase);
    }

    public static SlackMessages from(LabelwatchConfig config) {
        return new SlackMessages(
                config.optionalString(ConfigKeys.NOTIFIER_GRAFANA_URL).orElse(null),
                config.optionalString(ConfigKeys.NOTIFIER_STATUS_URL).orElse(null));
    }

    /** The message for one alert, or for a group when {@code alerts} has several. */
    public ObjectNode message(List<QualityAlert> alerts) {
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("no alerts");
        }
        ObjectNode message = json.createObjectNode();
        StringJoiner text = new StringJoiner("\n");
        alerts.forEach(a -> text.add(text(a)));
        message.put("text", text.toString());
        ArrayNode blocks = message.putArray("blocks");
        if (alerts.size() == 1) {
            QualityAlert alert = alerts.get(0);
            ObjectNode header = blocks.addObject().put("type", "header");
            header.putObject("text")
                    .put("type", "plain_text")
                    .put("text", cut(title(alert), HEADER_LIMIT))
                    .put("emoji", true);
            alertBlocks(alert, blocks, false);
        } else {
            ObjectNode header = blocks.addObject().put("type", "header");
            header.putObject("text")
                    .put("type", "plain_text")
                    .put("text", cut(groupTitle(alerts), HEADER_LIMIT))
                    .put("emoji", true);
            for (QualityAlert alert : alerts) {
                blocks.addObject().put("type", "divider");
                alertBlocks(alert, blocks, true);
            }
        }
        return message;
    }

    /** {@link #message} as a JSON string, ready to post. */
    public String json(List<QualityAlert> alerts) {
        try {
            return json.writeValueAsString(message(alerts));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plain-text line of one alert: title and summary (and for RESOLVED, since when it fired). */
    public String text(QualityAlert alert) {
        if (alert.getStatus() == AlertStatus.RESOLVED) {
            return title(alert) + " — resolved " + when(alert.getResolvedAt()) + ", firing since "
                    + when(alert.getFirstFiredAt()) + " (alert " + alert.getAlertId() + "): " + alert.getSummary();
        }
        return title(alert) + " — " + alert.getSummary();
    }

    /**
     * E.g. {@code :rotating_light: CRITICAL · human.pedestrian.child · camera-2d-boxes}; {@code :white_check_mark:
     * RESOLVED · CRITICAL · …} once resolved; the subject of an annotator or vendor alert is added.
     */
    public String title(QualityAlert alert) {
        StringBuilder s = new StringBuilder();
        if (alert.getStatus() == AlertStatus.RESOLVED) {
            s.append(":white_check_mark: RESOLVED · ");
        } else {
            s.append(emoji(alert.getSeverity())).append(' ');
        }
        s.append(alert.getSeverity().name())
                .append(" · ")
                .append(alert.getClassLabel() == null ? "all classes" : alert.getClassLabel())
                .append(" · ")
                .append(alert.getPipeline());
        if (alert.getScope() != AlertScope.CHART && alert.getSubject() != null) {
            s.append(" · ")
                    .append(alert.getScope().name().toLowerCase(Locale.ROOT))
                    .append(' ')
                    .append(alert.getSubject());
        }
        return s.toString();
    }

    /** The Grafana panel of the alert's chart around its window; empty when no Grafana URL is configured. */
    public Optional<String> grafanaUrl(QualityAlert alert) {
        if (grafanaBase == null) {
            return Optional.empty();
        }
        Instant to = alert.getResolvedAt() != null ? alert.getResolvedAt() : alert.getWindowEnd();
        Instant from = alert.getFirstFiredAt().isBefore(alert.getWindowStart())
                ? alert.getFirstFiredAt()
                : alert.getWindowStart();
        return Optional.of(grafanaBase + DASHBOARD_PATH
                + "?var-pipeline=" + encode(alert.getPipeline())
                + "&var-class=" + (alert.getClassLabel() == null ? "$__all" : encode(alert.getClassLabel()))
                + "&from=" + from.minus(Duration.ofHours(24)).toEpochMilli()
                + "&to=" + to.plus(Duration.ofHours(1)).toEpochMilli()
                + "&viewPanel=" + PANELS.get(alert.getMetric()));
    }

    /** The alert's chart on the status page; empty when no status URL is configured. */
    public Optional<String> statusUrl(QualityAlert alert) {
        if (statusBase == null) {
            return Optional.empty();
        }
        return Optional.of(
                statusBase + "/?chart=" + encode(alert.getChartKey()) + "&alert=" + encode(alert.getAlertId()));
    }

    private void alertBlocks(QualityAlert alert, ArrayNode blocks, boolean inGroup) {
        StringBuilder lead = new StringBuilder();
        if (inGroup) {
            lead.append('*').append(escape(title(alert))).append("*\n");
        }
        if (alert.getStatus() == AlertStatus.RESOLVED) {
            lead.append("*Resolved* at ")
                    .append(when(alert.getResolvedAt()))
                    .append(". It fired at ")
                    .append(when(alert.getFirstFiredAt()))
                    .append(" (alert `")
                    .append(escape(alert.getAlertId()))
                    .append("`) and signalled in ")
                    .append(alert.getOccurrences())
                    .append(alert.getOccurrences() == 1 ? " window" : " windows")
                    .append(". Last signal: ");
        }
        lead.append(escape(alert.getSummary()));
        section(blocks, lead.toString());

        ObjectNode fields = blocks.addObject().put("type", "section");
        ArrayNode list = fields.putArray("fields");
        field(list, "Metric", alert.getMetric().name() + " (" + alert.getScope().name() + ")");
        field(list, "Observed", value(alert.getMetric(), alert.getObserved()));
        field(list, "Centre", value(alert.getMetric(), alert.getCenter()));
        field(
                list,
                "Limits",
                "LCL " + value(alert.getMetric(), alert.getLcl()) + " · UCL "
                        + value(alert.getMetric(), alert.getUcl()));
        field(list, "Window (UTC)", window(alert.getWindowStart(), alert.getWindowEnd()));
        field(list, "Sample", "n=" + alert.getN() + ", defects=" + alert.getDefects());
        field(list, "Rules", alert.getRules().isEmpty() ? "none" : escape(String.join(", ", alert.getRules())));
        field(list, "Occurrences", alert.getOccurrences() + " (first fired " + when(alert.getFirstFiredAt()) + ")");
        if (!alert.getPValues().isEmpty()) {
            StringJoiner p = new StringJoiner(" · ");
            new TreeMap<>(alert.getPValues())
                    .forEach((dimension, value) ->
                            p.add(escape(dimension) + " " + String.format(Locale.ROOT, "%.3g", value)));
            field(list, "Homogeneity p-values", p.toString());
        }

        section(blocks, cause(alert));

        ArrayNode buttons = null;
        for (String[] link : links(alert)) {
            if (buttons == null) {
                buttons = blocks.addObject().put("type", "actions").putArray("elements");
            }
            ObjectNode button = buttons.addObject().put("type", "button");
            button.putObject("text").put("type", "plain_text").put("text", link[0]);
            button.put("url", link[1])
                    .put(
                            "action_id",
                            link[2] + "-" + Math.abs(alert.getAlertId().hashCode()));
        }

        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements")
                .addObject()
                .put("type", "mrkdwn")
                .put(
                        "text",
                        alert.getStatus().name() + " · alert `" + escape(alert.getAlertId()) + "` · chart `"
                                + escape(alert.getChartKey()) + "`");
    }

    private List<String[]> links(QualityAlert alert) {
        List<String[]> links = new ArrayList<>();
        if (alert.getRunbookUrl() != null && !alert.getRunbookUrl().isBlank()) {
            links.add(new String[] {"Runbook", alert.getRunbookUrl(), "runbook"});
        }
        grafanaUrl(alert).ifPresent(url -> links.add(new String[] {"Grafana panel", url, "grafana"}));
        statusUrl(alert).ifPresent(url -> links.add(new String[] {"Status page", url, "status"}));
        return links;
    }

    private static String cause(QualityAlert alert) {
        StringBuilder s =
                new StringBuilder("*Cause: ").append(alert.getCause().name()).append("* — ");
        s.append(
                switch (alert.getCause()) {
                    case SYSTEMIC ->
                        "the labeling system moved: the excess is spread across annotators or lines up with a"
                                + " guideline, taxonomy or tool version.";
                    case LOCALIZED -> "a few annotators or one vendor carry the excess.";
                    case UNDETERMINED -> "neither one contributor nor a system-wide shift explains the excess clearly.";
                });
        alert.getContributors().stream()
                .sorted(Comparator.comparingDouble(Contributor::getShareOfExcess)
                        .reversed())
                .limit(MAX_CONTRIBUTORS)
                .forEach(c -> s.append("\n• ")
                        .append(escape(c.getDimension()))
                        .append(" `")
                        .append(escape(c.getValue()))
                        .append("`: ")
                        .append(
                                Double.isFinite(c.getShareOfExcess())
                                        ? Math.round(c.getShareOfExcess() * 100) + "% of excess"
                                        : "share of excess n/a")
                        .append(" (")
                        .append(c.getDefects())
                        .append(" defects in ")
                        .append(c.getN())
                        .append(String.format(Locale.ROOT, ", %+.1f over baseline)", c.getExcessDefects())));
        return s.toString();
    }

    private static String groupTitle(List<QualityAlert> alerts) {
        long firing =
                alerts.stream().filter(a -> a.getStatus() == AlertStatus.FIRING).count();
        long resolved = alerts.size() - firing;
        SafetyCriticality highest = alerts.stream()
                .filter(a -> a.getStatus() == AlertStatus.FIRING)
                .map(QualityAlert::getSeverity)
                .max(Comparator.naturalOrder())
                .orElse(null);
        StringBuilder s = new StringBuilder();
        s.append(highest == null ? ":white_check_mark:" : emoji(highest)).append(' ');
        s.append(alerts.size())
                .append(" alerts · ")
                .append(alerts.get(0).getPipeline())
                .append(" · ");
        if (firing > 0) {
            s.append(firing).append(" firing (highest ").append(highest.name()).append(')');
        }
        if (resolved > 0) {
            s.append(firing > 0 ? ", " : "").append(resolved).append(" resolved");
        }
        return s.toString();
    }

    private static String emoji(SafetyCriticality severity) {
        return switch (severity) {
            case CRITICAL -> ":rotating_light:";
            case HIGH -> ":red_circle:";
            case MEDIUM -> ":large_orange_diamond:";
            case LOW -> ":information_source:";
        };
    }

    /** Percent for rates (error rate, gold accuracy); alpha as a plain number; n/a for null or NaN. */
    static String value(Metric metric, Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "n/a";
        }
        return metric == Metric.AGREEMENT ? String.format(Locale.ROOT, "%.3f", v) : AlertText.percent(v);
    }

    private static String window(Instant start, Instant end) {
        boolean sameDay = DAY.format(start).equals(DAY.format(end));
        return DAY_TIME.format(start) + " – " + (sameDay ? TIME.format(end) : DAY_TIME.format(end));
    }

    private static String when(Instant t) {
        return t == null ? "n/a" : DAY_TIME.format(t) + " UTC";
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject()
                .put("type", "section")
                .putObject("text")
                .put("type", "mrkdwn")
                .put("text", cut(mrkdwn, SECTION_LIMIT));
    }

    private static void field(ArrayNode fields, String name, String value) {
        fields.addObject().put("type", "mrkdwn").put("text", "*" + name + "*\n" + value);
    }

    /** Slack mrkdwn control characters (Slack's "escaping text" guide): &amp;, &lt;, &gt;. */
    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String s, int limit) {
        return s.length() <= limit ? s : s.substring(0, limit - 1) + "…";
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String trimSlash(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
