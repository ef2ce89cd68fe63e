package io.labelwatch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.labelwatch.codec.JsonAvroCodec;
import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.Metric;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.topology.StoreNames;
import io.labelwatch.topology.TopicNames;
import io.labelwatch.topology.errorrate.ChartKeys;
import io.labelwatch.topology.errorrate.Commands;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/v1}: JSON over the state stores of all instances. Keyed queries (one chart) are answered by the instance
 * that owns the chart key; list queries gather every instance's part and merge. Stores are read only through
 * try-with-resources iterators.
 */
final class StoreApi {
    private static final Logger LOG = LoggerFactory.getLogger(StoreApi.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final String CHART_PREFIX = Metric.ERROR_RATE.name() + "/";

    private final KafkaStreams streams;
    private final Cluster cluster;
    private final BearerAuth auth;
    private final Acks acks = new Acks();
    private final Supplier<Producer<String, String>> commands;
    private final TopicNames topics;
    private final Clock clock;

    StoreApi(
            KafkaStreams streams,
            Cluster cluster,
            BearerAuth auth,
            TopicNames topics,
            Supplier<Producer<String, String>> commands,
            Clock clock) {
        this.streams = streams;
        this.cluster = cluster;
        this.auth = auth;
        this.topics = topics;
        this.commands = commands;
        this.clock = clock;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.before("/api/*", ctx -> {
            if (auth.protects(ctx.method().name())) {
                auth.check(ctx.header("Authorization"));
            }
        });
        routes.get("/api/v1/charts", this::charts);
        routes.get("/api/v1/charts/{pipeline}/{class}", this::chart);
        routes.post("/api/v1/charts/{pipeline}/{class}/rebaseline", this::rebaseline);
        routes.get("/api/v1/alerts", this::alerts);
        routes.get("/api/v1/alerts/{id}", this::alert);
        routes.post("/api/v1/alerts/{id}/ack", this::ack);
        routes.get("/api/v1/annotators/{pipeline}/funnel", ctx -> funnel(ctx, FunnelOf.ANNOTATORS));
        routes.get("/api/v1/vendors/{pipeline}/funnel", ctx -> funnel(ctx, FunnelOf.VENDORS));
        routes.get("/api/v1/annotators/{pipeline}/<annotator>", this::scorecard);
        routes.get("/api/v1/agreement/{pipeline}", this::agreement);
        routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        routes.exception(
                InvalidStateStoreException.class,
                (e, ctx) -> error(ctx, 503, "state stores are not queryable yet (rebalancing or restoring)"));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("API request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
        });
        routes.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (ctx.path().startsWith("/api/") && (type == null || !type.startsWith("application/json"))) {
                ctx.contentType("application/json").result(errorBody("no such resource: " + ctx.path()));
            }
        });
    }

    static void error(Context ctx, int status, String message) {
        ctx.status(status);
        if (status == 503) {
            ctx.header("Retry-After", Integer.toString(ApiException.RETRY_AFTER_SECONDS));
        }
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"labelwatch\"");
        }
        ctx.contentType("application/json").result(errorBody(message));
    }

    private static String errorBody(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }

    // ---- charts

    /**
     * Every chart of every instance (error rate, agreement and gold accuracy; {@code ?metric=} keeps one metric):
     * out-of-control charts first, then by chart key.
     */
    private void charts(Context ctx) {
        Metric metric = Charts.metric(ctx.queryParam("metric"), null);
        List<JsonNode> all = new ArrayList<>();
        for (String body : gather(ctx, () -> localCharts(metric).toString())) {
            read(body).forEach(all::add);
        }
        all.sort(Comparator.comparing((JsonNode c) -> !c.path("out_of_control").asBoolean())
                .thenComparing(c -> c.path("chart_key").asText()));
        ArrayNode out = JSON.createArrayNode();
        all.forEach(out::add);
        json(ctx, out.toString());
    }

    private ArrayNode localCharts(Metric metric) {
        Map<String, ChartPoint> latest = new TreeMap<>();
        for (String name : Charts.POINT_STORES) {
            this.<ChartPoint>forEach(name, p -> {
                if (metric == null || p.getMetric() == metric) {
                    latest.merge(
                            p.getChartKey(), p, (a, b) -> a.getWindowStart().isAfter(b.getWindowStart()) ? a : b);
                }
            });
        }
        Map<String, List<QualityAlert>> firing = new HashMap<>();
        forEachAlert(a -> {
            if (a.getStatus() == AlertStatus.FIRING) {
                firing.computeIfAbsent(a.getChartKey(), k -> new ArrayList<>()).add(a);
            }
        });
        ArrayNode out = JSON.createArrayNode();
        latest.forEach((key, point) -> {
            List<QualityAlert> alerts = firing.getOrDefault(key, List.of());
            ObjectNode chart = out.addObject();
            chart.put("chart_key", key);
            chart.put("metric", point.getMetric().name());
            chart.put("pipeline", point.getPipeline());
            chart.put("class_label", point.getClassLabel());
            chart.put("phase", point.getPhase().name());
            chart.put("chart_type", point.getChartType().name());
            chart.put("out_of_control", outOfControl(point, alerts));
            chart.set("last_point", JsonAvroCodec.toJson(point));
            ArrayNode ids = chart.putArray("firing_alerts");
            alerts.forEach(a -> ids.add(alertJson(a)));
        });
        return out;
    }

    /** Out of control: a chart-level alert is firing, or the newest point signalled. */
    private static boolean outOfControl(ChartPoint last, List<QualityAlert> firing) {
        boolean chartAlert = firing.stream().anyMatch(a -> a.getScope() == AlertScope.CHART);
        return chartAlert || (!last.getBelowMinSample() && !last.getSignals().isEmpty());
    }

    /**
     * One chart ({@code ?metric=}, default ERROR_RATE; agreement and gold charts are per pipeline, class {@code *}):
     * its points in [from, to] (newest last) with limits and signals, and its alerts.
     */
    private void chart(Context ctx) {
        Charts.Ref chart = chartRef(ctx);
        long[] range = Inputs.range(ctx.queryParam("from"), ctx.queryParam("to"));
        relay(
                ctx,
                cluster.routed(
                        chart.store(),
                        chart.routingKey(),
                        pathAndQuery(ctx),
                        ctx.header("Authorization"),
                        forwarded(ctx),
                        () -> localChart(chart, range[0], range[1])));
    }

    private static Charts.Ref chartRef(Context ctx) {
        String pipeline = Inputs.name(ctx.pathParam("pipeline"), "pipeline", false);
        String classLabel = Inputs.name(ctx.pathParam("class"), "class", false);
        return Charts.ref(Charts.metric(ctx.queryParam("metric"), Metric.ERROR_RATE), pipeline, classLabel);
    }

    private Answer localChart(Charts.Ref chart, long from, long to) {
        String chartKey = chart.chartKey();
        ReadOnlyKeyValueStore<String, ChartPoint> points = store(chart.store());
        ArrayNode list = JSON.createArrayNode();
        boolean known = false;
        ChartPoint last = null;
        try (KeyValueIterator<String, ChartPoint> range =
                points.range(windowKey(chartKey, 0), windowKey(chartKey, Long.MAX_VALUE))) {
            while (range.hasNext()) {
                ChartPoint p = range.next().value;
                known = true;
                last = p;
                long start = p.getWindowStart().toEpochMilli();
                if (start >= from && start <= to) {
                    list.add(JsonAvroCodec.toJson(p));
                }
            }
        }
        if (!known) {
            return new Answer(404, errorBody("no chart " + chartKey), null);
        }
        List<QualityAlert> alerts = new ArrayList<>();
        forEachAlert(a -> {
            if (a.getChartKey().equals(chartKey)) {
                alerts.add(a);
            }
        });
        alerts.sort(Comparator.comparing(QualityAlert::getWindowEnd).reversed());
        ObjectNode out = JSON.createObjectNode();
        out.put("chart_key", chartKey);
        out.put("metric", last.getMetric().name());
        out.put("pipeline", last.getPipeline());
        out.put("class_label", last.getClassLabel());
        out.put("phase", last.getPhase().name());
        out.put("chart_type", last.getChartType().name());
        List<QualityAlert> firing =
                alerts.stream().filter(a -> a.getStatus() == AlertStatus.FIRING).toList();
        out.put("out_of_control", outOfControl(last, firing));
        out.set("points", list);
        ArrayNode alertNodes = out.putArray("alerts");
        alerts.forEach(a -> alertNodes.add(alertJson(a)));
        return Answer.ok(out.toString());
    }

    /**
     * Writes a REBASELINE command for an error-rate chart to the command topic (keyed by chart key, so it reaches the
     * task that owns the chart); answers 202 once Kafka has it. The chart re-estimates its centre from the next
     * windows. Agreement and gold charts take no commands: 400.
     */
    private void rebaseline(Context ctx) {
        Charts.Ref chart = chartRef(ctx);
        if (chart.metric() != Metric.ERROR_RATE) {
            throw ApiException.badRequest("rebaseline is available for ERROR_RATE charts only: the "
                    + chart.metric().name() + " chart " + chart.chartKey() + " takes no operator commands");
        }
        String chartKey = chart.chartKey();
        String requestedBy = bodyField(ctx, "requested_by", "http-api");
        Answer exists = cluster.routed(
                chart.store(),
                chart.routingKey(),
                "/api/v1/charts/" + encode(chart.pipeline()) + "/" + encode(chart.classLabel()) + "?from="
                        + Long.MAX_VALUE,
                ctx.header("Authorization"),
                forwarded(ctx),
                () -> localChart(chart, Long.MAX_VALUE, Long.MAX_VALUE));
        if (exists.status() != 200) {
            relay(ctx, exists);
            return;
        }
        try {
            commands.get()
                    .send(new ProducerRecord<>(topics.commands(), chartKey, Commands.rebaseline(requestedBy)))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw ApiException.unavailable("the command topic " + topics.commands() + " did not accept the command ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while writing the command");
        }
        LOG.info("Re-baseline of {} requested by {}", chartKey, requestedBy);
        ObjectNode out = JSON.createObjectNode()
                .put("chart_key", chartKey)
                .put("command", "REBASELINE")
                .put("requested_by", requestedBy)
                .put("status", "accepted");
        ctx.status(202);
        json(ctx, out.toString());
    }

    // ---- alerts

    private void alerts(Context ctx) {
        String status = ctx.queryParam("status");
        if (status != null) {
            status = status.toUpperCase(Locale.ROOT);
            if (!status.equals("FIRING") && !status.equals("RESOLVED")) {
                throw ApiException.badRequest(
                        "status must be FIRING or RESOLVED, not '" + ctx.queryParam("status") + "'");
            }
        }
        String pipeline = ctx.queryParam("pipeline");
        if (pipeline != null) {
            Inputs.name(pipeline, "pipeline", false);
        }
        String wantedStatus = status;
        List<JsonNode> all = new ArrayList<>();
        for (String body : gather(ctx, () -> localAlerts(wantedStatus, pipeline).toString())) {
            read(body).forEach(all::add);
        }
        all.sort(Comparator.comparing(
                        (JsonNode a) -> !"FIRING".equals(a.path("status").asText()))
                .thenComparing(a -> -a.path("window_end").asLong()));
        ArrayNode out = JSON.createArrayNode();
        all.forEach(out::add);
        json(ctx, out.toString());
    }

    private ArrayNode localAlerts(String status, String pipeline) {
        ArrayNode out = JSON.createArrayNode();
        forEachAlert(a -> {
            if ((status == null || a.getStatus().name().equals(status))
                    && (pipeline == null || a.getPipeline().equals(pipeline))) {
                out.add(alertJson(a));
            }
        });
        return out;
    }

    private ObjectNode alertJson(QualityAlert alert) {
        ObjectNode node = JsonAvroCodec.toJson(alert);
        acks.find(alert.getAlertId())
                .ifPresentOrElse(
                        ack -> node.put("acked_by", ack.by())
                                .put("acked_at", ack.at().toString()),
                        () -> node.putNull("acked_by").putNull("acked_at"));
        return node;
    }

    /** One alert by id, from whichever instance holds it (alert ids are hashes, so every instance is asked). */
    private void alert(Context ctx) {
        String id = Inputs.alertId(ctx.pathParam("id"));
        relay(ctx, findAlert(ctx, id));
    }

    private Answer findAlert(Context ctx, String id) {
        for (String name : Charts.ALERT_STORES) {
            QualityAlert local =
                    hostsLocally(name) ? this.<QualityAlert>store(name).get(id) : null;
            if (local != null) {
                return Answer.ok(alertJson(local).toString());
            }
        }
        if (!forwarded(ctx)) {
            for (HostInfo host : cluster.instances()) {
                if (!cluster.isSelf(host)) {
                    Answer answer =
                            cluster.send(host, "GET", "/api/v1/alerts/" + id, ctx.header("Authorization"), null);
                    if (answer.status() != 404) {
                        return answer;
                    }
                }
            }
        }
        return new Answer(404, errorBody("no alert " + id), null);
    }

    /**
     * Acknowledges an alert: recorded in memory on every running instance (see {@link Acks}) and shown as
     * {@code acked_by}/{@code acked_at}; the first ack wins.
     */
    private void ack(Context ctx) {
        String id = Inputs.alertId(ctx.pathParam("id"));
        if (forwarded(ctx)) {
            JsonNode body = readBody(ctx);
            Instant at;
            try {
                at = Instant.parse(body.path("acked_at").asText(""));
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.badRequest("acked_at must be an ISO-8601 instant");
            }
            acks.record(id, new Acks.Ack(Inputs.name(body.path("acked_by").asText(""), "acked_by", true), at));
            json(ctx, "{}");
            return;
        }
        String by = bodyField(ctx, "acked_by", "http-api");
        Answer found = findAlert(ctx, id);
        if (found.status() != 200) {
            relay(ctx, found);
            return;
        }
        acks.record(id, new Acks.Ack(by, clock.instant()));
        Acks.Ack ack = acks.find(id).orElseThrow();
        String broadcast = JSON.createObjectNode()
                .put("acked_by", ack.by())
                .put("acked_at", ack.at().toString())
                .toString();
        for (HostInfo host : cluster.instances()) {
            if (!cluster.isSelf(host)) {
                Answer answer = cluster.send(
                        host, "POST", "/api/v1/alerts/" + id + "/ack", ctx.header("Authorization"), broadcast);
                if (answer.status() != 200) {
                    LOG.warn("Instance {} did not record the ack of {}: {}", host, id, answer.status());
                }
            }
        }
        ObjectNode alert = (ObjectNode) read(found.body());
        alert.put("acked_by", ack.by()).put("acked_at", ack.at().toString());
        json(ctx, alert.toString());
    }

    // ---- annotators

    /** Whose funnel: each annotator's, or each vendor's (the vendor funnel is kept beside it, key prefixed). */
    private enum FunnelOf {
        ANNOTATORS("", "annotators", "annotator"),
        VENDORS(ChartKeys.VENDOR_FUNNEL_PREFIX, "vendors", "vendor");

        final String keyPrefix;
        final String listName;
        final String itemName;

        FunnelOf(String keyPrefix, String listName, String itemName) {
            this.keyPrefix = keyPrefix;
            this.listName = listName;
            this.itemName = itemName;
        }
    }

    /**
     * The annotator (or vendor) funnel of every chart of a pipeline: for each chart, the window containing {@code
     * window} (default the newest with a funnel), its centre and every annotator's (vendor's) n, rate, limits and
     * outlier flag.
     */
    private void funnel(Context ctx, FunnelOf of) {
        String pipeline = Inputs.name(ctx.pathParam("pipeline"), "pipeline", false);
        Long at = Inputs.instant(ctx.queryParam("window"), "window");
        if (forwarded(ctx)) {
            json(ctx, localFunnel(pipeline, at, of).toString());
            return;
        }
        boolean known = false;
        List<JsonNode> charts = new ArrayList<>();
        for (String body : gather(ctx, () -> localFunnel(pipeline, at, of).toString())) {
            JsonNode part = read(body);
            known |= part.path("pipeline_known").asBoolean();
            part.path("charts").forEach(charts::add);
        }
        if (!known) {
            throw ApiException.notFound("unknown pipeline '" + pipeline + "': no chart has points for it");
        }
        charts.sort(Comparator.comparing(c -> c.path("chart_key").asText()));
        ObjectNode out = JSON.createObjectNode();
        out.put("pipeline", pipeline);
        if (at == null) {
            out.putNull("window");
        } else {
            out.put("window", at);
        }
        charts.forEach(out.putArray("charts")::add);
        json(ctx, out.toString());
    }

    private ObjectNode localFunnel(String pipeline, Long at, FunnelOf of) {
        if (!hostsLocally(StoreNames.ERROR_RATE_POINTS)) {
            ObjectNode none = JSON.createObjectNode().put("pipeline_known", false);
            none.putArray("charts");
            return none;
        }
        String prefix = CHART_PREFIX + pipeline + "/";
        ReadOnlyKeyValueStore<String, ChartPoint> points = store(StoreNames.ERROR_RATE_POINTS);
        boolean known;
        try (KeyValueIterator<String, ChartPoint> any = points.range(prefix, prefix + '\uffff')) {
            known = any.hasNext();
        }
        Map<String, KeyValue<String, String>> chosen = new TreeMap<>();
        String funnelPrefix = of.keyPrefix + prefix;
        try (KeyValueIterator<String, String> all =
                this.<String>store(StoreNames.ERROR_RATE_FUNNEL).range(funnelPrefix, funnelPrefix + '\uffff')) {
            while (all.hasNext()) {
                KeyValue<String, String> stored = all.next();
                KeyValue<String, String> entry =
                        KeyValue.pair(stored.key.substring(of.keyPrefix.length()), stored.value);
                String chartKey = entry.key.substring(0, entry.key.lastIndexOf('@'));
                long start = windowStartOf(entry.key);
                if (at != null && start > at) {
                    continue;
                }
                KeyValue<String, String> best = chosen.get(chartKey);
                if (best == null || windowStartOf(best.key) < start) {
                    chosen.put(chartKey, entry);
                }
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("pipeline_known", known);
        ArrayNode charts = out.putArray("charts");
        chosen.forEach((chartKey, entry) -> {
            ChartPoint point = points.get(entry.key);
            if (point == null || (at != null && point.getWindowEnd().toEpochMilli() <= at)) {
                return;
            }
            ObjectNode chart = charts.addObject();
            chart.put("chart_key", chartKey);
            chart.put("class_label", point.getClassLabel());
            chart.put("window_start", point.getWindowStart().toEpochMilli());
            chart.put("window_end", point.getWindowEnd().toEpochMilli());
            putNumber(chart, "center", point.getCenter());
            chart.put("n", point.getN());
            ArrayNode members = chart.putArray(of.listName);
            for (JsonNode p : read(entry.value)) {
                members.add(funnelPoint(p, of.itemName));
            }
        });
        return out;
    }

    private static ObjectNode funnelPoint(JsonNode p) {
        return funnelPoint(p, "annotator");
    }

    private static ObjectNode funnelPoint(JsonNode p, String itemName) {
        ObjectNode node = JSON.createObjectNode();
        node.put(itemName, p.path("value").asText());
        node.put("n", p.path("n").asLong());
        node.put("defects", p.path("d").asLong());
        putNumber(node, "rate", p.path("rate").asDouble());
        putNumber(node, "z_score", p.path("zScore").asDouble());
        putNumber(node, "lower", p.path("lower").asDouble());
        putNumber(node, "upper", p.path("upper").asDouble());
        node.put("outlier", p.path("outlier").asText());
        return node;
    }

    /**
     * An annotator's scorecard. From the funnels of every error-rate chart of the pipeline: error rate and n overall
     * and per class, per window, and the trend: the newest third of the windows (at least one) pooled against the
     * windows before them, by a two-proportion z test (RISING or FALLING when |z| &gt; 2, else FLAT;
     * INSUFFICIENT_DATA with fewer than two windows). Funnels exist only for windows of charts in Phase II. From the
     * agreement topology's window summaries (held by the owner of {@code AGREEMENT/<pipeline>/*}): agreement with
     * the consensus of the other annotators and gold accuracy, per window (newest last) with the window's funnel
     * limits and outlier flag, pooled over the windows, with the same trend on the agreement / accuracy scale.
     */
    private void scorecard(Context ctx) {
        String pipeline = Inputs.name(ctx.pathParam("pipeline"), "pipeline", false);
        String annotator = Inputs.name(ctx.pathParam("annotator"), "annotator", true);
        if (forwarded(ctx)) {
            json(ctx, localScorecard(pipeline, annotator).toString());
            return;
        }
        boolean known = false;
        List<JsonNode> windows = new ArrayList<>();
        List<JsonNode> agreementWindows = new ArrayList<>();
        List<JsonNode> goldWindows = new ArrayList<>();
        for (String body : gather(ctx, () -> localScorecard(pipeline, annotator).toString())) {
            JsonNode part = read(body);
            known |= part.path("pipeline_known").asBoolean();
            part.path("windows").forEach(windows::add);
            part.path("agreement_windows").forEach(agreementWindows::add);
            part.path("gold_windows").forEach(goldWindows::add);
        }
        if (!known) {
            throw ApiException.notFound("unknown pipeline '" + pipeline + "': no chart has points for it");
        }
        if (windows.isEmpty() && agreementWindows.isEmpty() && goldWindows.isEmpty()) {
            throw ApiException.notFound("no data for annotator '" + annotator + "' in pipeline '" + pipeline
                    + "' (funnels are kept for windows of charts in Phase II; agreement for overlap units, accuracy"
                    + " for gold units)");
        }
        windows.sort(Comparator.comparing((JsonNode w) -> w.path("window_start").asLong())
                .thenComparing(w -> w.path("class_label").asText()));
        Map<String, long[]> byClass = new TreeMap<>();
        Map<Long, long[]> byWindow = new TreeMap<>();
        long n = 0;
        long d = 0;
        int outlierWindows = 0;
        for (JsonNode w : windows) {
            long wn = w.path("n").asLong();
            long wd = w.path("defects").asLong();
            n += wn;
            d += wd;
            long[] c = byClass.computeIfAbsent(w.path("class_label").asText(), k -> new long[2]);
            c[0] += wn;
            c[1] += wd;
            long[] t = byWindow.computeIfAbsent(w.path("window_start").asLong(), k -> new long[2]);
            t[0] += wn;
            t[1] += wd;
            if ("HIGH".equals(w.path("outlier").asText())) {
                outlierWindows++;
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("pipeline", pipeline);
        out.put("annotator", annotator);
        out.put("n", n);
        out.put("defects", d);
        putNumber(out, "error_rate", n == 0 ? Double.NaN : (double) d / n);
        out.put("windows_high_outlier", outlierWindows);
        ArrayNode classes = out.putArray("by_class");
        byClass.forEach((cls, c) -> {
            ObjectNode node =
                    classes.addObject().put("class_label", cls).put("n", c[0]).put("defects", c[1]);
            putNumber(node, "error_rate", c[0] == 0 ? Double.NaN : (double) c[1] / c[0]);
        });
        out.set("trend", trend(byWindow, "rate", false));
        out.set("windows", JSON.valueToTree(windows));
        out.set(
                "gold_accuracy",
                pooledScale(
                        goldWindows,
                        "n",
                        "errors",
                        "accuracy",
                        "no gold labels by this annotator in the kept" + " windows"));
        out.set(
                "agreement_with_consensus",
                pooledScale(
                        agreementWindows,
                        "units",
                        "disagreements",
                        "agreement",
                        "no overlap units of this annotator compared with a consensus in the kept windows (an"
                                + " annotator is scored in windows where not everyone agreed)"));
        json(ctx, out.toString());
    }

    /**
     * Windows on an agreement or accuracy scale (each with {@code n} and {@code misses}), newest last, pooled: total
     * n, total misses, 1 − misses / n, and the trend on that scale.
     */
    private static ObjectNode pooledScale(
            List<JsonNode> windows, String nName, String missName, String scale, String none) {
        windows.sort(Comparator.comparing(w -> w.path("window_start").asLong()));
        Map<Long, long[]> byWindow = new TreeMap<>();
        long n = 0;
        long misses = 0;
        int outlierWindows = 0;
        for (JsonNode w : windows) {
            long[] t = byWindow.computeIfAbsent(w.path("window_start").asLong(), k -> new long[2]);
            t[0] += w.path("n").asLong();
            t[1] += w.path("misses").asLong();
            n += w.path("n").asLong();
            misses += w.path("misses").asLong();
            if ("HIGH".equals(w.path("outlier").asText())) {
                outlierWindows++;
            }
        }
        ObjectNode out = JSON.createObjectNode();
        out.put(nName, n);
        out.put(missName, misses);
        putNumber(out, scale, n == 0 ? Double.NaN : 1 - (double) misses / n);
        out.put("windows_outlier", outlierWindows);
        out.set("trend", trend(byWindow, scale, true));
        out.set("windows", JSON.valueToTree(windows));
        if (windows.isEmpty()) {
            out.put("note", none);
        }
        return out;
    }

    /**
     * The trend of a series of (n, misses) windows: the newest third pooled against the windows before, by a
     * two-proportion z test. {@code complement}: reported on the 1 − rate scale (agreement, accuracy), so RISING means
     * the scale rises.
     */
    private static ObjectNode trend(Map<Long, long[]> byWindow, String scale, boolean complement) {
        ObjectNode trend = JSON.createObjectNode();
        List<long[]> series = new ArrayList<>(byWindow.values());
        if (series.size() < 2) {
            trend.put("direction", "INSUFFICIENT_DATA");
            return trend;
        }
        int recentWindows = Math.max(1, series.size() / 3);
        long[] before = new long[2];
        long[] recent = new long[2];
        for (int i = 0; i < series.size(); i++) {
            long[] target = i >= series.size() - recentWindows ? recent : before;
            target[0] += series.get(i)[0];
            target[1] += series.get(i)[1];
        }
        double p1 = before[0] == 0 ? Double.NaN : (double) before[1] / before[0];
        double p2 = recent[0] == 0 ? Double.NaN : (double) recent[1] / recent[0];
        double pooled = (double) (before[1] + recent[1]) / (before[0] + recent[0]);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / before[0] + 1.0 / recent[0]));
        double z = se > 0 ? (p2 - p1) / se : 0;
        if (complement) {
            p1 = 1 - p1;
            p2 = 1 - p2;
            z = -z;
        }
        putNumber(trend, "earlier_" + scale, p1);
        putNumber(trend, "recent_" + scale, p2);
        putNumber(trend, "z", z);
        trend.put("recent_windows", recentWindows);
        trend.put("direction", !Double.isFinite(z) || Math.abs(z) <= 2 ? "FLAT" : z > 0 ? "RISING" : "FALLING");
        return trend;
    }

    private ObjectNode localScorecard(String pipeline, String annotator) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode windows = out.putArray("windows");
        boolean known = false;
        String prefix = CHART_PREFIX + pipeline + "/";
        if (hostsLocally(StoreNames.ERROR_RATE_POINTS)) {
            try (KeyValueIterator<String, ChartPoint> any =
                    this.<ChartPoint>store(StoreNames.ERROR_RATE_POINTS).range(prefix, prefix + '\uffff')) {
                known = any.hasNext();
            }
            try (KeyValueIterator<String, String> all =
                    this.<String>store(StoreNames.ERROR_RATE_FUNNEL).range(prefix, prefix + '\uffff')) {
                while (all.hasNext()) {
                    KeyValue<String, String> entry = all.next();
                    for (JsonNode p : read(entry.value)) {
                        if (annotator.equals(p.path("value").asText())) {
                            ObjectNode w = funnelPoint(p);
                            w.remove("annotator");
                            String chartKey = entry.key.substring(0, entry.key.lastIndexOf('@'));
                            w.put("chart_key", chartKey);
                            w.put("class_label", chartKey.substring(prefix.length()));
                            w.put("window_start", windowStartOf(entry.key));
                            windows.add(w);
                        }
                    }
                }
            }
        }
        ArrayNode agreement = out.putArray("agreement_windows");
        ArrayNode gold = out.putArray("gold_windows");
        String key = Charts.agreementKey(pipeline);
        if (hostsLocally(StoreNames.AGREEMENT_SUMMARY)) {
            try (KeyValueIterator<String, String> range = this.<String>store(StoreNames.AGREEMENT_SUMMARY)
                    .range(windowKey(key, 0), windowKey(key, Long.MAX_VALUE))) {
                while (range.hasNext()) {
                    known = true;
                    JsonNode summary = read(range.next().value);
                    JsonNode mine = funnelEntry(summary.path("annotators"), annotator);
                    if (mine != null) {
                        agreement.add(scaleWindow(summary, mine.path("n"), mine.path("misses"), mine, "agreement"));
                    }
                    JsonNode counts = summary.path("gold").path("by_annotator").path(annotator);
                    if (counts.isObject()) {
                        gold.add(scaleWindow(
                                summary,
                                counts.path("n"),
                                counts.path("errors"),
                                funnelEntry(summary.path("gold").path("funnel"), annotator),
                                "accuracy"));
                    }
                }
            }
        }
        out.put("pipeline_known", known);
        return out;
    }

    private static JsonNode funnelEntry(JsonNode funnel, String annotator) {
        for (JsonNode p : funnel) {
            if (annotator.equals(p.path("annotator").asText())) {
                return p;
            }
        }
        return null;
    }

    /** One window of an agreement-scale funnel: n, misses, 1 − misses / n, and the funnel's limits when it has any. */
    private static ObjectNode scaleWindow(
            JsonNode summary, JsonNode n, JsonNode misses, JsonNode funnel, String scale) {
        ObjectNode w = JSON.createObjectNode()
                .put("window_start", summary.path("window_start").asLong())
                .put("window_end", summary.path("window_end").asLong())
                .put("n", n.asLong())
                .put("misses", misses.asLong());
        putNumber(w, scale, n.asLong() == 0 ? Double.NaN : 1 - misses.asDouble() / n.asLong());
        if (funnel == null) {
            w.putNull("lower").putNull("upper").put("outlier", "NONE");
        } else {
            w.set("lower", funnel.path("lower"));
            w.set("upper", funnel.path("upper"));
            w.put("outlier", funnel.path("outlier").asText("NONE"));
        }
        return w;
    }

    // ---- agreement

    /**
     * Agreement of one pipeline, answered by the instance that owns its chart ({@code AGREEMENT/<pipeline>/*}): the
     * newest window's summary (window and rolling alpha, per-class agreement, top confusions, funnels) and the alpha
     * chart points in [from, to], newest last.
     */
    private void agreement(Context ctx) {
        String pipeline = Inputs.name(ctx.pathParam("pipeline"), "pipeline", false);
        long[] range = Inputs.range(ctx.queryParam("from"), ctx.queryParam("to"));
        String chartKey = Charts.agreementKey(pipeline);
        relay(
                ctx,
                cluster.routed(
                        StoreNames.AGREEMENT_SUMMARY,
                        chartKey,
                        pathAndQuery(ctx),
                        ctx.header("Authorization"),
                        forwarded(ctx),
                        () -> localAgreement(pipeline, chartKey, range[0], range[1])));
    }

    private Answer localAgreement(String pipeline, String chartKey, long from, long to) {
        ReadOnlyKeyValueStore<String, String> summaries = store(StoreNames.AGREEMENT_SUMMARY);
        String latest = null;
        try (KeyValueIterator<String, String> range =
                summaries.range(windowKey(chartKey, 0), windowKey(chartKey, Long.MAX_VALUE))) {
            while (range.hasNext()) {
                latest = range.next().value;
            }
        }
        ReadOnlyKeyValueStore<String, ChartPoint> points = store(StoreNames.AGREEMENT_POINTS);
        ArrayNode list = JSON.createArrayNode();
        try (KeyValueIterator<String, ChartPoint> range =
                points.range(windowKey(chartKey, 0), windowKey(chartKey, Long.MAX_VALUE))) {
            while (range.hasNext()) {
                ChartPoint p = range.next().value;
                long start = p.getWindowStart().toEpochMilli();
                if (start >= from && start <= to) {
                    list.add(JsonAvroCodec.toJson(p));
                }
            }
        }
        if (latest == null && list.isEmpty()) {
            return new Answer(404, errorBody("no agreement data for pipeline " + pipeline), null);
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("pipeline", pipeline);
        out.put("chart_key", chartKey);
        try {
            out.set("latest_window", latest == null ? JSON.nullNode() : JSON.readTree(latest));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("agreement summaries are stored as JSON", e);
        }
        out.set("points", list);
        return Answer.ok(out.toString());
    }

    // ---- helpers

    /**
     * True when this instance has an active task of the store. An instance that owns no partition of a topology
     * (more instances than partitions, or an uneven assignment) has nothing of that store to add to a list; one that
     * owns a partition but cannot read it yet (restoring) still fails with 503.
     */
    private boolean hostsLocally(String name) {
        return cluster.hostsLocally(name);
    }

    /** Every entry of a local store (none when this instance hosts no task of it), iterator closed. */
    private <V> void forEach(String name, Consumer<V> action) {
        if (!hostsLocally(name)) {
            return;
        }
        try (KeyValueIterator<String, V> all = this.<V>store(name).all()) {
            while (all.hasNext()) {
                action.accept(all.next().value);
            }
        }
    }

    /** Every alert this instance holds: error-rate, agreement and gold-accuracy alerts. */
    private void forEachAlert(Consumer<QualityAlert> action) {
        for (String name : Charts.ALERT_STORES) {
            this.<QualityAlert>forEach(name, action);
        }
    }

    /** True when every API store this instance hosts answers queries (not rebalancing, restoring or closing). */
    boolean queryable() {
        try {
            for (String name : Charts.API_STORES) {
                if (hostsLocally(name)) {
                    store(name).approximateNumEntries();
                }
            }
            return true;
        } catch (InvalidStateStoreException | ApiException e) {
            return false;
        }
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    private List<String> gather(Context ctx, Supplier<String> local) {
        if (forwarded(ctx)) {
            return List.of(local.get());
        }
        return cluster.gather(pathAndQuery(ctx), ctx.header("Authorization"), local);
    }

    private static boolean forwarded(Context ctx) {
        return ctx.header(Cluster.FORWARDED) != null;
    }

    private static String pathAndQuery(Context ctx) {
        String query = ctx.queryString();
        return ctx.req().getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    private static void relay(Context ctx, Answer answer) {
        ctx.status(answer.status());
        if (answer.retryAfter() != null) {
            ctx.header("Retry-After", answer.retryAfter());
        }
        json(ctx, answer.body());
    }

    private static void json(Context ctx, String body) {
        ctx.contentType("application/json").result(body);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ApiException(502, "an instance answered with invalid JSON");
        }
    }

    private static JsonNode readBody(Context ctx) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (!node.isObject()) {
                throw ApiException.badRequest("the request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON");
        }
    }

    private static String bodyField(Context ctx, String field, String fallback) {
        JsonNode value = readBody(ctx).get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        return Inputs.name(value.asText(), field, true);
    }

    private static void putNumber(ObjectNode node, String field, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String windowKey(String chartKey, long windowStart) {
        return chartKey + "@" + String.format(Locale.ROOT, "%020d", windowStart);
    }

    private static long windowStartOf(String windowKey) {
        return Long.parseLong(windowKey.substring(windowKey.lastIndexOf('@') + 1));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
