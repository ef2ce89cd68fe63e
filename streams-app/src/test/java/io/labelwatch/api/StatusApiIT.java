package io.labelwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelwatch.app.LabelwatchApp;
import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.testing.EmbeddedKafkaExtension;
import io.labelwatch.topology.StoreNames;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over two running instances that share the partitions: keyed queries are answered alike by both, lists are
 * merged, state-changing calls need the bearer token, bad input gets a JSON error.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusApiIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BAD = "human.cyclist";
    static final String AGREEMENT_KEY = "AGREEMENT/" + ApiCluster.PIPELINE + "/*";
    /** The top-level classes of the overlap units, each with its own agreement chart. */
    static final java.util.Set<String> TOP_LEVELS = ApiCluster.OVERLAP_CLASSES.stream()
            .map(c -> c.contains(".") ? c.substring(0, c.indexOf('.')) : c)
            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));

    static final String GOLD_KEY = "GOLD_ACCURACY/" + ApiCluster.PIPELINE + "/*";

    ApiCluster cluster;
    LabelwatchApp a;
    LabelwatchApp b;
    List<String> classes;

    @BeforeAll
    void start(EmbeddedKafkaBroker broker) {
        cluster = new ApiCluster(broker, Map.of("labelwatch.http.token", ApiCluster.TOKEN));
        a = cluster.start();
        b = cluster.start();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(a.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(b.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(a.streams().metadataForAllStreamsClients())
                    .hasSize(2)
                    .allSatisfy(m -> assertThat(m.topicPartitions()).isNotEmpty());
        });
        classes = classesOnBothPartitions();
        cluster.produceWindows(classes, BAD);
        cluster.produceOverlapLabels();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode charts = json(cluster.get(a, "/api/v1/charts?metric=ERROR_RATE"));
            assertThat(charts).hasSize(classes.size());
            assertThat(charts)
                    .allSatisfy(c -> assertThat(
                                    c.path("last_point").path("window_start").asLong())
                            .isEqualTo(charts.get(0)
                                    .path("last_point")
                                    .path("window_start")
                                    .asLong()));
            JsonNode alerts = json(cluster.get(a, "/api/v1/alerts?status=FIRING"));
            assertThat(alerts)
                    .anySatisfy(x -> assertThat(x.path("chart_key").asText()).isEqualTo(chartKey(BAD)))
                    .anySatisfy(x -> assertThat(x.path("chart_key").asText()).isEqualTo(AGREEMENT_KEY));
            assertThat(json(cluster.get(a, "/api/v1/agreement/" + ApiCluster.PIPELINE))
                            .path("points"))
                    .hasSize(4);
        });
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The error-rate repartition topic has 2 partitions; pick classes whose chart keys land on both. */
    static List<String> classesOnBothPartitions() {
        List<String> picked = new ArrayList<>(List.of(BAD));
        Set<Integer> partitions = new HashSet<>(Set.of(partition(chartKey(BAD))));
        for (String candidate : List.of("vehicle.car", "vehicle.truck", "vehicle.bus", "human.pedestrian", "animal")) {
            int p = partition(chartKey(candidate));
            if (!partitions.contains(p) || picked.size() < 3) {
                picked.add(candidate);
                partitions.add(p);
            }
            if (partitions.size() == 2 && picked.size() >= 3) {
                break;
            }
        }
        return picked;
    }

    static int partition(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 2;
    }

    static String chartKey(String cls) {
        return "ERROR_RATE/" + ApiCluster.PIPELINE + "/" + cls;
    }

    /** Keeps a response under target/api-examples/ (the README's examples are taken from there). */
    static HttpResponse<String> example(String name, HttpResponse<String> response) {
        try {
            Path dir = Path.of("target", "api-examples");
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve(name + ".json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(response.body())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return response;
    }

    static double[] doubles(JsonNode array, String field) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).path(field).asDouble();
        }
        return out;
    }

    static JsonNode json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private HostInfo owner(String cls) {
        return a.streams()
                .queryMetadataForKey(
                        StoreNames.ERROR_RATE_POINTS,
                        chartKey(cls),
                        Serdes.String().serializer())
                .activeHost();
    }

    private static String self(LabelwatchApp app) {
        return app.httpUrl().substring("http://".length());
    }

    @Test
    void shouldAnswerAlikeFromEitherInstanceWhenTheOtherOwnsTheChart() {
        Set<String> owners = new HashSet<>();
        for (String cls : classes) {
            HostInfo owner = owner(cls);
            owners.add(owner.host() + ":" + owner.port());
            String path = "/api/v1/charts/" + ApiCluster.PIPELINE + "/" + cls;
            HttpResponse<String> viaA = cluster.get(a, path);
            HttpResponse<String> viaB = example("chart-" + cls, cluster.get(b, path));
            assertThat(viaA.statusCode()).as(path).isEqualTo(200);
            assertThat(viaB.statusCode()).as(path).isEqualTo(200);
            assertThat(json(viaA)).isEqualTo(json(viaB));
            assertThat(json(viaA).path("points")).hasSize(4);
        }
        // Both instances own some chart: each of them answered for a key the other one owns.
        assertThat(owners).containsExactlyInAnyOrder(self(a), self(b));
    }

    @Test
    void shouldMergeListsOfAllInstancesWhenAskedAnyOfThem() {
        JsonNode chartsA = json(example("charts", cluster.get(a, "/api/v1/charts")));
        JsonNode chartsB = json(cluster.get(b, "/api/v1/charts"));
        // Every error-rate chart, plus the pipeline's agreement and gold-accuracy charts and an agreement chart per
        // top-level class of the overlap units (animal, human, vehicle).
        assertThat(chartsA).isEqualTo(chartsB).hasSize(classes.size() + 2 + TOP_LEVELS.size());
        // Out of control first (by key), then the rest: the pipeline's agreement, the animal units' agreement (their
        // annotators disagree most) and the bad class.
        assertThat(chartsA)
                .extracting(c -> c.path("chart_key").asText())
                .startsWith(AGREEMENT_KEY, AGREEMENT_KEY.replace("*", "animal"), chartKey(BAD))
                .contains(GOLD_KEY);
        assertThat(chartsA.get(0).path("metric").asText()).isEqualTo("AGREEMENT");
        assertThat(chartsA.get(0).path("out_of_control").asBoolean()).isTrue();
        assertThat(chartsA.get(0).path("firing_alerts"))
                .anySatisfy(x -> assertThat(x.path("rules").toString()).contains("BELOW_FLOOR"));
        assertThat(chartsA.get(1).path("out_of_control").asBoolean()).isTrue();
        assertThat(chartsA.get(2).path("out_of_control").asBoolean()).isTrue();
        assertThat(chartsA.get(3).path("out_of_control").asBoolean()).isFalse();
        assertThat(json(cluster.get(b, "/api/v1/charts?metric=gold_accuracy")))
                .singleElement()
                .satisfies(c -> assertThat(c.path("chart_key").asText()).isEqualTo(GOLD_KEY));

        JsonNode alertsA =
                json(example("alerts", cluster.get(a, "/api/v1/alerts?status=FIRING&pipeline=" + ApiCluster.PIPELINE)));
        assertThat(alertsA)
                .isEqualTo(json(cluster.get(b, "/api/v1/alerts?status=FIRING&pipeline=" + ApiCluster.PIPELINE)))
                .isNotEmpty()
                .allSatisfy(x -> assertThat(x.path("status").asText()).isEqualTo("FIRING"))
                .anySatisfy(x -> assertThat(x.path("metric").asText()).isEqualTo("ERROR_RATE"))
                .anySatisfy(x -> assertThat(x.path("metric").asText()).isEqualTo("AGREEMENT"));
        assertThat(json(cluster.get(a, "/api/v1/alerts?pipeline=other"))).isEmpty();
    }

    @Test
    void shouldShowAnnotatorFunnelAndScorecardWhenChartsAreInPhaseTwo() {
        JsonNode funnel =
                json(example("funnel", cluster.get(b, "/api/v1/annotators/" + ApiCluster.PIPELINE + "/funnel")));
        JsonNode bad = null;
        for (JsonNode chart : funnel.path("charts")) {
            if (chart.path("chart_key").asText().equals(chartKey(BAD))) {
                bad = chart;
            }
        }
        assertThat(funnel.path("charts")).hasSize(classes.size());
        assertThat(bad).isNotNull();
        assertThat(bad.path("annotators")).hasSize(20);
        assertThat(bad.path("annotators"))
                .filteredOn(x -> x.path("outlier").asText().equals("HIGH"))
                .extracting(x -> x.path("annotator").asText())
                .contains("vendor-a/ann-00")
                .doesNotContain("vendor-b/ann-19");

        JsonNode vendors =
                json(example("vendor-funnel", cluster.get(a, "/api/v1/vendors/" + ApiCluster.PIPELINE + "/funnel")));
        JsonNode badVendors = null;
        for (JsonNode chart : vendors.path("charts")) {
            if (chart.path("chart_key").asText().equals(chartKey(BAD))) {
                badVendors = chart.path("vendors");
            }
        }
        assertThat(vendors.path("charts")).hasSize(classes.size());
        assertThat(badVendors).isNotNull();
        long annotatorReviews = 0;
        for (JsonNode x : bad.path("annotators")) {
            annotatorReviews += x.path("n").asLong();
        }
        assertThat(badVendors)
                .extracting(x -> x.path("vendor").asText())
                .containsExactlyInAnyOrder("vendor-a", "vendor-b");
        long vendorReviews = 0;
        for (JsonNode x : badVendors) {
            vendorReviews += x.path("n").asLong();
        }
        assertThat(vendorReviews).as("the same reviews, by vendor").isEqualTo(annotatorReviews);

        HttpResponse<String> card =
                example("scorecard", cluster.get(a, "/api/v1/annotators/" + ApiCluster.PIPELINE + "/vendor-a/ann-00"));
        assertThat(card.statusCode()).isEqualTo(200);
        JsonNode scorecard = json(card);
        // 4 windows × 5 reviews per class; the bad class's window 3 is all defects.
        assertThat(scorecard.path("n").asLong()).isEqualTo(4L * 5 * classes.size());
        assertThat(scorecard.path("windows")).hasSize(4 * classes.size());
        assertThat(scorecard.path("trend").path("direction").asText()).isEqualTo("RISING");
        // ann-00 labels gold units 0 and 10 of every window as the first annotator, always correctly.
        assertThat(scorecard.path("gold_accuracy").path("n").asLong()).isEqualTo(8);
        assertThat(scorecard.path("gold_accuracy").path("accuracy").asDouble()).isEqualTo(1.0);
        assertThat(scorecard.path("gold_accuracy").path("windows")).hasSize(4);
        assertThat(scorecard.path("agreement_with_consensus").path("windows")).hasSize(4);
    }

    /** The first FIRING chart alert of a metric. */
    private JsonNode firing(String metric) {
        for (JsonNode x : json(cluster.get(a, "/api/v1/alerts?status=FIRING"))) {
            if (x.path("metric").asText().equals(metric)
                    && x.path("scope").asText().equals("CHART")) {
                return x;
            }
        }
        throw new AssertionError("no FIRING " + metric + " chart alert");
    }

    private LabelwatchApp notOwning(String store, String key) {
        HostInfo owner = a.streams()
                .queryMetadataForKey(store, key, Serdes.String().serializer())
                .activeHost();
        return self(a).equals(owner.host() + ":" + owner.port()) ? b : a;
    }

    /**
     * Alpha of the windows {@link ApiCluster#produceOverlapLabels} writes, by hand from Krippendorff (2011),
     * "Computing Krippendorff's Alpha-Reliability", nominal data: α = 1 − (n − 1) · Σ_{c≠k} o_ck / (n² − Σ_c n_c²),
     * where a unit of m labels adds 1/(m − 1) per ordered pair. 60 labels per window. Window 0: two units (t, t, x)
     * add 2 each to Σ o_ck (= 4); class counts 14, 16, 14, 16 (Σ n_c² = 904): α = 1 − 59·4/2696. Window 3: fifteen
     * units (t, x, x), 2 each (Σ o_ck = 30); counts 5, 15, 15, 25 (Σ n_c² = 1100): α = 1 − 59·30/2500 = 0.292.
     */
    static final double ALPHA_WINDOW_0 = 1 - 59.0 * 4 / 2696;

    static final double ALPHA_WINDOW_3 = 1 - 59.0 * 30 / 2500;

    @Test
    void shouldServeAgreementAndItsChartsFromTheOwnerWhenAskedEitherInstance() {
        String path = "/api/v1/agreement/" + ApiCluster.PIPELINE;
        HttpResponse<String> viaA = cluster.get(a, path);
        HttpResponse<String> viaB = example("agreement", cluster.get(b, path));
        assertThat(viaA.statusCode()).as(viaA.body()).isEqualTo(200);
        assertThat(viaB.statusCode()).as(viaB.body()).isEqualTo(200);
        JsonNode agreement = json(viaB);
        assertThat(json(viaA)).isEqualTo(agreement);
        JsonNode points = agreement.path("points");
        assertThat(points).hasSize(4);
        assertThat(points.get(0).path("value").asDouble()).isCloseTo(ALPHA_WINDOW_0, within(1e-9));
        assertThat(points.get(3).path("value").asDouble()).isCloseTo(ALPHA_WINDOW_3, within(1e-9));
        assertThat(points.get(3).path("signals").toString()).contains("BELOW_FLOOR");
        JsonNode latest = agreement.path("latest_window");
        assertThat(latest.path("alpha").asDouble()).isCloseTo(ALPHA_WINDOW_3, within(1e-9));
        assertThat(latest.path("pairable_units").asLong()).isEqualTo(20);
        assertThat(latest.path("confusions")).isNotEmpty();
        // Gold units 0, 5, 10, 15: in window 3 units 0, 5 and 10 have two wrong labels each.
        assertThat(latest.path("gold").path("n").asLong()).isEqualTo(12);
        assertThat(latest.path("gold").path("errors").asLong()).isEqualTo(6);

        String agreementChart = "/api/v1/charts/" + ApiCluster.PIPELINE + "/*?metric=AGREEMENT";
        JsonNode alphaChart = json(example("chart-agreement", cluster.get(a, agreementChart)));
        assertThat(alphaChart).isEqualTo(json(cluster.get(b, agreementChart)));
        assertThat(alphaChart.path("chart_key").asText()).isEqualTo(AGREEMENT_KEY);
        assertThat(alphaChart.path("points")).isEqualTo(points);
        assertThat(alphaChart.path("out_of_control").asBoolean()).isTrue();
        assertThat(alphaChart.path("alerts"))
                .anySatisfy(x -> assertThat(x.path("status").asText()).isEqualTo("FIRING"));

        String goldChart = "/api/v1/charts/" + ApiCluster.PIPELINE + "/*?metric=GOLD_ACCURACY";
        JsonNode gold = json(example("chart-gold", cluster.get(b, goldChart)));
        assertThat(gold).isEqualTo(json(cluster.get(a, goldChart)));
        assertThat(gold.path("chart_key").asText()).isEqualTo(GOLD_KEY);
        // Window 0: units 0 and 10 have one wrong label (10 of 12 right); window 3: 6 of 12.
        assertThat(doubles(gold.path("points"), "value"))
                .usingComparatorWithPrecision(1e-12)
                .containsExactly(10.0 / 12, 1.0, 1.0, 0.5);
    }

    @Test
    void shouldScoreAgreementWithConsensusAndGoldAccuracyWhenTheAnnotatorLabelledOverlapUnits() {
        HttpResponse<String> card = example(
                "scorecard-agreement",
                cluster.get(b, "/api/v1/annotators/" + ApiCluster.PIPELINE + "/vendor-a/ann-03"));
        assertThat(card.statusCode()).as(card.body()).isEqualTo(200);
        JsonNode scorecard = json(card);
        // ann-03 is compared with a unique consensus of the other two in 4, 6, 6 and 3 units of windows 0..3 (tied
        // units are not compared) and disagrees once, in window 3.
        JsonNode consensus = scorecard.path("agreement_with_consensus");
        assertThat(consensus.path("windows"))
                .extracting(w -> w.path("n").asLong())
                .containsExactly(4L, 6L, 6L, 3L);
        assertThat(consensus.path("windows"))
                .extracting(w -> w.path("window_start").asLong())
                .isSorted();
        assertThat(consensus.path("units").asLong()).isEqualTo(19);
        assertThat(consensus.path("disagreements").asLong()).isEqualTo(1);
        assertThat(consensus.path("agreement").asDouble()).isCloseTo(18.0 / 19, within(1e-12));
        assertThat(consensus.path("windows").get(3).path("agreement").asDouble())
                .isCloseTo(2.0 / 3, within(1e-12));
        assertThat(consensus.path("trend").path("direction").asText()).isEqualTo("FALLING");

        // Gold units 0 and 10 of every window, as second annotator: right in windows 0..2, wrong in window 3.
        JsonNode gold = scorecard.path("gold_accuracy");
        assertThat(gold.path("n").asLong()).isEqualTo(8);
        assertThat(gold.path("errors").asLong()).isEqualTo(2);
        assertThat(gold.path("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(gold.path("windows"))
                .extracting(w -> w.path("accuracy").asDouble())
                .containsExactly(1.0, 1.0, 1.0, 0.0);
        // Pooled two-proportion z test, newest window (2 of 2 wrong) against the three before (0 of 6):
        // p = 2/8, se = √(p(1 − p)(1/6 + 1/2)) = √0.125, z on the accuracy scale = −1/√0.125.
        assertThat(gold.path("trend").path("z").asDouble()).isCloseTo(-1 / Math.sqrt(0.125), within(1e-9));
        assertThat(gold.path("trend").path("direction").asText()).isEqualTo("FALLING");
        assertThat(gold.path("trend").path("recent_accuracy").asDouble()).isEqualTo(0.0);
    }

    @Test
    void shouldListFindAndAckAnAgreementAlertWhenAskedTheInstanceThatDoesNotOwnIt() {
        JsonNode alert = firing("AGREEMENT");
        assertThat(alert.path("chart_key").asText()).isEqualTo(AGREEMENT_KEY);
        assertThat(alert.path("rules").toString()).contains("BELOW_FLOOR");
        String id = alert.path("alert_id").asText();
        assertThat(id).startsWith("agreement-");
        LabelwatchApp other = notOwning(StoreNames.AGREEMENT_ALERTS, AGREEMENT_KEY);
        LabelwatchApp owner = other == a ? b : a;

        JsonNode viaOther = json(cluster.get(other, "/api/v1/alerts/" + id));
        assertThat(viaOther).isEqualTo(json(cluster.get(owner, "/api/v1/alerts/" + id)));
        assertThat(viaOther.path("metric").asText()).isEqualTo("AGREEMENT");

        HttpResponse<String> ack = cluster.send(
                other, "POST", "/api/v1/alerts/" + id + "/ack", ApiCluster.TOKEN, "{\"acked_by\":\"carol\"}");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(json(cluster.get(owner, "/api/v1/alerts/" + id))
                        .path("acked_by")
                        .asText())
                .isEqualTo("carol");

        HttpResponse<String> rebaseline = cluster.send(
                other,
                "POST",
                "/api/v1/charts/" + ApiCluster.PIPELINE + "/*/rebaseline?metric=AGREEMENT",
                ApiCluster.TOKEN,
                null);
        assertThat(rebaseline.statusCode()).isEqualTo(400);
        assertThat(json(rebaseline).path("error").asText()).contains("ERROR_RATE charts only");
    }

    @Test
    void shouldRequireTheBearerTokenWhenChangingState() {
        String rebaseline = "/api/v1/charts/" + ApiCluster.PIPELINE + "/" + BAD + "/rebaseline";
        HttpResponse<String> none = cluster.send(b, "POST", rebaseline, null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).path("error").asText()).contains("missing bearer token");
        assertThat(cluster.send(b, "POST", rebaseline, "wrong", null).statusCode())
                .isEqualTo(403);

        HttpResponse<String> ok = cluster.send(b, "POST", rebaseline, ApiCluster.TOKEN, "{\"requested_by\":\"alice\"}");
        assertThat(example("rebaseline", ok).statusCode()).as(ok.body()).isEqualTo(202);
        assertThat(json(ok).path("chart_key").asText()).isEqualTo(chartKey(BAD));
        assertThat(commands()).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo(chartKey(BAD));
            assertThat(r.value()).contains("REBASELINE").contains("alice");
        });
    }

    @Test
    void shouldShowTheAckOnEveryInstanceWhenAnAlertIsAcknowledged() {
        JsonNode firing = firing("ERROR_RATE");
        String id = firing.path("alert_id").asText();
        String ack = "/api/v1/alerts/" + id + "/ack";
        assertThat(cluster.send(a, "POST", ack, null, null).statusCode()).isEqualTo(401);
        assertThat(cluster.send(a, "POST", ack, "nope", null).statusCode()).isEqualTo(403);

        HttpResponse<String> ok = cluster.send(a, "POST", ack, ApiCluster.TOKEN, "{\"acked_by\":\"bob\"}");
        assertThat(example("ack", ok).statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json(ok).path("acked_by").asText()).isEqualTo("bob");
        for (LabelwatchApp app : List.of(a, b)) {
            JsonNode one = json(cluster.get(app, "/api/v1/alerts/" + id));
            assertThat(one.path("acked_by").asText()).isEqualTo("bob");
            assertThat(one.path("acked_at").asText()).isNotBlank();
        }
        assertThat(cluster.send(a, "POST", "/api/v1/alerts/error-rate-0000000000000000/ack", ApiCluster.TOKEN, null)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldAnswerJsonErrorsWhenInputIsBad() {
        String chart = "/api/v1/charts/" + ApiCluster.PIPELINE + "/" + BAD;
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put(chart + "?from=yesterday", 400);
        expected.put(chart + "?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z", 400);
        expected.put("/api/v1/charts/no-such-pipeline/" + BAD, 404);
        expected.put("/api/v1/charts/" + ApiCluster.PIPELINE + "/no.such.class", 404);
        expected.put("/api/v1/alerts?status=BURNING", 400);
        expected.put("/api/v1/alerts/NOT%20AN%20ID", 400);
        expected.put("/api/v1/alerts/error-rate-0000000000000000", 404);
        expected.put("/api/v1/annotators/no-such-pipeline/funnel", 404);
        expected.put("/api/v1/annotators/" + ApiCluster.PIPELINE + "/funnel?window=soon", 400);
        expected.put("/api/v1/annotators/" + ApiCluster.PIPELINE + "/nobody", 404);
        expected.put("/api/v1/agreement/no-such-pipeline", 404);
        expected.put("/api/v1/charts?metric=ALPHA", 400);
        expected.put(chart + "?metric=AGREEMENT", 404);
        expected.put("/api/v1/charts/no-such-pipeline/*?metric=AGREEMENT", 404);
        expected.put("/api/v1/no-such-endpoint", 404);
        expected.forEach((path, status) -> {
            for (LabelwatchApp app : List.of(a, b)) {
                HttpResponse<String> response = cluster.get(app, path);
                assertThat(response.statusCode()).as(path).isEqualTo(status);
                assertThat(json(response).path("error").asText()).as(path).isNotBlank();
                assertThat(response.body()).as(path).doesNotContain("\tat ", "Exception");
            }
        });
        assertThat(json(cluster.get(a, "/api/v1/agreement/no-such-pipeline"))
                        .path("error")
                        .asText())
                .startsWith("no agreement data for pipeline");
        assertThat(cluster.send(a, "POST", "/api/v1/alerts/NOT_AN_ID/ack", ApiCluster.TOKEN, null)
                        .statusCode())
                .isEqualTo(400);
        assertThat(cluster.send(a, "POST", chart + "/rebaseline", ApiCluster.TOKEN, "not json")
                        .statusCode())
                .isEqualTo(400);
        assertThat(json(cluster.get(a, chart + "?from=0&to=1")).path("points")).isEmpty();
    }

    @Test
    void shouldListTheOutOfControlChartFirstAndTheAlertWhenTheStatusPageLoads(@TempDir Path profile) throws Exception {
        Chromium.assumeInstalled();
        String firing = firing("ERROR_RATE").path("alert_id").asText();
        String agreementAlert = firing("AGREEMENT").path("alert_id").asText();
        String url = b.httpUrl() + "/";

        String dom = Chromium.dumpDom(url, profile.resolve("dom"));

        // Out of control first, agreement charts (the pipeline-wide one first) before the class chart.
        Matcher chartKeys = Pattern.compile("data-chart-key=\"([^\"]+)\"").matcher(dom);
        for (String expected : List.of(AGREEMENT_KEY, AGREEMENT_KEY.replace("*", "animal"), chartKey(BAD))) {
            assertThat(chartKeys.find()).as("a chart card in the page").isTrue();
            assertThat(chartKeys.group(1)).isEqualTo(expected);
        }
        assertThat(dom)
                .contains("data-alert-id=\"" + firing + "\"")
                .contains("data-alert-id=\"" + agreementAlert + "\"")
                .contains("out of control")
                .contains("data-agreement-pipeline=\"" + ApiCluster.PIPELINE + "\"")
                .contains("alpha " + String.format(java.util.Locale.ROOT, "%.3f", ALPHA_WINDOW_3));
        for (String cls : classes) {
            assertThat(dom).contains("data-chart-key=\"" + chartKey(cls) + "\"");
        }

        // The Slack link: /?chart=<chart_key>&alert=<alert_id> highlights that chart and that alert.
        String linked = Chromium.dumpDom(
                url + "?chart=" + java.net.URLEncoder.encode(chartKey(BAD), StandardCharsets.UTF_8) + "&alert="
                        + agreementAlert,
                profile.resolve("linked"));
        assertThat(linked)
                .containsPattern("class=\"card[^\"]*highlight[^\"]*\" data-chart-key=\"" + Pattern.quote(chartKey(BAD)))
                .containsPattern("class=\"alert firing highlight\" data-alert-id=\"" + agreementAlert)
                .doesNotContainPattern(
                        "class=\"card[^\"]*highlight[^\"]*\" data-chart-key=\"" + Pattern.quote(AGREEMENT_KEY));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Path png = target.resolve("status-page.png");
        Files.deleteIfExists(png);
        Chromium.screenshot(url, profile.resolve("shot"), png);
        assertThat(png).isNotEmptyFile();
    }

    private List<ConsumerRecord<String, String>> commands() {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                cluster.config.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "api-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(cluster.topics.commands()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return !out.isEmpty();
            });
        }
        return out;
    }
}
