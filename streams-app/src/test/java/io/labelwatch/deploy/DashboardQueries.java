package io.labelwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL a Grafana dashboard sends to Prometheus: every panel target's {@code expr} (rows' nested panels
 * included), the series selector inside each {@code label_values(selector, label)} template variable and the
 * expression inside each {@code query_result(expr)} one, with
 * Grafana's variables substituted so that Prometheus can run them.
 */
public final class DashboardQueries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\$(\\w+)|\\[\\[(\\w+)]]");
    private static final Pattern LABEL_VALUES =
            Pattern.compile("^label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)$");
    private static final Pattern QUERY_RESULT = Pattern.compile("^query_result\\((.+)\\)$");

    /** Grafana's built-in interval variables, replaced by fixed durations. */
    public static final Map<String, String> BUILT_INS =
            Map.of("__rate_interval", "1m", "__interval", "15s", "__range", "1h");

    private DashboardQueries() {}

    /** One query of a dashboard: a panel target (refId A, B, ...) or a template variable (refId {@code var:NAME}). */
    public record Query(String dashboard, String panelTitle, String refId, String expr) {
        @Override
        public String toString() {
            return dashboard + " / " + panelTitle + " / " + refId + ": " + expr;
        }
    }

    /** Reads every query of {@code dashboardFile}, unsubstituted. */
    public static List<Query> of(Path dashboardFile) {
        JsonNode dashboard = read(dashboardFile);
        String name = dashboardFile.getFileName().toString();
        List<Query> queries = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode q = variable.path("query");
                String text = q.isObject() ? q.path("query").asText() : q.asText();
                Matcher m = LABEL_VALUES.matcher(text);
                if (!m.matches()) {
                    m = QUERY_RESULT.matcher(text);
                }
                if (!m.matches()) {
                    throw new IllegalArgumentException(name + ": variable "
                            + variable.path("name").asText()
                            + " is neither label_values(selector, label) nor query_result(expr): " + text);
                }
                queries.add(new Query(
                        name,
                        "variable " + variable.path("name").asText(),
                        "var:" + variable.path("name").asText(),
                        m.group(1).trim()));
            }
        }
        collectPanels(name, dashboard.path("panels"), queries);
        return queries;
    }

    private static void collectPanels(String name, JsonNode panels, List<Query> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                into.add(new Query(
                        name,
                        panel.path("title").asText(),
                        target.path("refId").asText(),
                        target.path("expr").asText()));
            }
            collectPanels(name, panel.path("panels"), into);
        }
    }

    /** Names of the dashboard's template variables. */
    public static List<String> variableNames(Path dashboardFile) {
        List<String> names = new ArrayList<>();
        read(dashboardFile)
                .path("templating")
                .path("list")
                .forEach(v -> names.add(v.path("name").asText()));
        return names;
    }

    /**
     * Replaces {@code $name}, {@code ${name}}, {@code ${name:format}} and {@code [[name]]} with {@code values}
     * (built-ins from {@link #BUILT_INS} unless given). A variable without a value is an error: the dashboard
     * refers to a variable it does not define.
     */
    public static String substitute(String expr, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(BUILT_INS);
        all.putAll(values);
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = all.get(name);
            if (value == null) {
                throw new IllegalArgumentException("undefined variable $" + name + " in: " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Substitutes every variable of the dashboard with {@code .*} (all values; the dashboards use {@code =~}). */
    public static Map<String, String> matchAll(Path dashboardFile) {
        Map<String, String> values = new HashMap<>();
        variableNames(dashboardFile).forEach(n -> values.put(n, ".*"));
        return values;
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
