package io.labelwatch.topology.agreement;

import static io.labelwatch.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelwatch.agreement.CoincidenceMatrix;
import io.labelwatch.agreement.Level;
import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Cause;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.ChartType;
import io.labelwatch.events.Metric;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.topology.StoreNames;
import io.labelwatch.topology.TopologyFixture;
import io.labelwatch.topology.watermark.WatermarkEmitter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgreementTopologyTest {
    private static final String PIPE = "camera-2d-boxes";
    private static final String TICK_PIPE = "zz-clock";
    private static final String CHART = "AGREEMENT/camera-2d-boxes/*";
    private static final String[] CLASSES = {"vehicle.car", "vehicle.truck", "vehicle.bus", "human.pedestrian"};
    private static final Map<String, String> SETTINGS = Map.of(
            "labelwatch.window.size", "PT1H",
            "labelwatch.window.grace", "PT10M",
            "labelwatch.window.idle-close", "PT15M",
            "labelwatch.agreement.unit-timeout", "PT30M",
            "labelwatch.agreement.rolling-windows", "3",
            "labelwatch.spc.baseline.windows", "4",
            "labelwatch.spc.min-sample-size", "20",
            "labelwatch.alerts.resolve-after", "3");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers (rows) × 12 units
     * (columns) with missing values (null). Published nominal alpha 0.743. The same matrix is in
     * {@code io.labelwatch.agreement.CoincidenceMatrixTest}.
     */
    private static final String[][] KRIPPENDORFF_2011 = {
        {"1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null},
        {"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"},
        {null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null},
        {"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null}
    };

    private TopologyFixture fx = new TopologyFixture(SETTINGS);

    /** Restarts the fixture with the test settings plus {@code extra}. */
    private void reconfigure(Map<String, String> extra) {
        fx.close();
        Map<String, String> values = new java.util.HashMap<>(SETTINGS);
        values.putAll(extra);
        fx = new TopologyFixture(values);
    }

    private int unitSeq;

    @AfterEach
    void close() {
        fx.close();
    }

    private static Instant hour(int k) {
        return T0.plus(Duration.ofHours(k));
    }

    /** Sends one unit: annotator ann-i gives labels[i] (null: no label), planned for {@code expected} annotators. */
    private String unit(Instant at, int expected, String... labels) {
        String unitId = "u-" + (++unitSeq);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != null) {
                fx.send(fx.label(at.plusSeconds(i), PIPE, unitId, "ann-" + i, labels[i], expected)
                        .build());
            }
        }
        return unitId;
    }

    /** Moves stream time past the end plus grace of window k, with a unit of another pipeline. */
    private void closeWindow(int k) {
        Instant at = hour(k + 1).plus(Duration.ofMinutes(10));
        String unitId = "tick-" + k;
        fx.send(fx.label(at, TICK_PIPE, unitId, "clock-a", "tick", 2).build());
        fx.send(fx.label(at, TICK_PIPE, unitId, "clock-b", "tick", 2).build());
    }

    /** The pipeline-wide chart points of {@code metric} (class charts left out). */
    private List<ChartPoint> points(Metric metric) {
        return points(fx.chartPoints.readValuesToList(), PIPE, metric);
    }

    private static List<ChartPoint> points(List<ChartPoint> all, String pipeline, Metric metric) {
        return all.stream()
                .filter(p -> pipeline.equals(p.getPipeline()) && p.getMetric() == metric && p.getClassLabel() == null)
                .toList();
    }

    private JsonNode summary(int k) throws IOException {
        KeyValueStore<String, String> store = fx.driver.getKeyValueStore(StoreNames.AGREEMENT_SUMMARY);
        String json = store.get(AgreementProcessor.windowKey(CHART, hour(k).toEpochMilli()));
        assertThat(json).as("summary of window %d", k).isNotNull();
        return JSON.readTree(json);
    }

    private double units(String outcome) {
        var counter =
                fx.meters.find(AgreementMeters.UNITS).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** 20 units of 3 annotators; the first {@code disagreements} units have annotator 2 on another class. */
    private List<List<String>> window(int k, int disagreements) {
        List<List<String>> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String truth = CLASSES[i % CLASSES.length];
            String other = i < disagreements ? CLASSES[(i + 1) % CLASSES.length] : truth;
            unit(hour(k).plusSeconds(60L * i), 3, truth, truth, other);
            sent.add(List.of(truth, truth, other));
        }
        return sent;
    }

    @Test
    void shouldCloseUnitWhenExpectedDistinctAnnotatorsHaveLabelled() throws IOException {
        unit(hour(0).plusSeconds(10), 3, "vehicle.car", "vehicle.car", "vehicle.truck");

        assertThat(units("complete")).isEqualTo(1.0);
        closeWindow(0);

        ChartPoint point = points(Metric.AGREEMENT).get(0);
        assertThat(point.getChartKey()).isEqualTo(CHART);
        assertThat(point.getChartType()).isEqualTo(ChartType.INDIVIDUALS);
        assertThat(point.getN()).isEqualTo(1);
        assertThat(summary(0).get("partial_units").asLong()).isZero();
        assertThat(units("partial")).isZero();
    }

    @Test
    void shouldCountTimedOutUnitAsPartialWhenItHasTwoLabels() throws IOException {
        unit(hour(0).plusSeconds(10), 3, "vehicle.car", "vehicle.car");
        unit(hour(0).plusSeconds(20), 3, "vehicle.bus");

        assertThat(units("partial")).isZero();
        closeWindow(0);

        assertThat(units("partial")).isEqualTo(1.0);
        assertThat(units("unpaired")).isEqualTo(1.0);
        assertThat(points(Metric.AGREEMENT).get(0).getN()).isEqualTo(1);
        JsonNode summary = summary(0);
        assertThat(summary.get("pairable_units").asLong()).isEqualTo(1);
        assertThat(summary.get("partial_units").asLong()).isEqualTo(1);
    }

    @Test
    void shouldCloseUnitAndWindowByWallClockWhenStreamTimeStalls() {
        unit(hour(0).plusSeconds(10), 3, "vehicle.car", "vehicle.car");
        fx.driver.advanceWallClockTime(Duration.ofMinutes(20));
        assertThat(units("partial")).isZero();

        // No label for 31 minutes of wall time: the unit times out, though stream time stalled.
        fx.driver.advanceWallClockTime(Duration.ofMinutes(11));
        assertThat(units("partial")).isEqualTo(1.0);
        assertThat(points(Metric.AGREEMENT)).isEmpty();

        // The next heartbeat reports the labels partition idle (nothing open): the windows' clock moves to the
        // unit's time; 45 more minutes of wall time extrapolate it past the window's end plus grace.
        fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
        fx.driver.advanceWallClockTime(Duration.ofMinutes(45));
        List<ChartPoint> points = points(Metric.AGREEMENT);
        assertThat(points).hasSize(1);
        assertThat(points.get(0).getN()).isEqualTo(1);
    }

    @Test
    void shouldCloseLeastRecentlyLabelledUnitEarlyWhenOpenUnitCapIsReached() {
        Map<String, String> capped = new java.util.HashMap<>(SETTINGS);
        capped.put("labelwatch.agreement.max-open-units", "2");
        try (TopologyFixture small = new TopologyFixture(capped)) {
            for (int u = 0; u < 3; u++) {
                for (int a = 0; a < 2; a++) {
                    small.send(small.label(hour(0).plusSeconds(10L * u + a), PIPE, "u-" + u, "ann-" + a, "x", 3)
                            .build());
                }
            }
            var evicted = small.meters
                    .find(AgreementMeters.UNITS)
                    .tag("outcome", "evicted")
                    .counter();
            assertThat(evicted).isNotNull();
            assertThat(evicted.count()).isEqualTo(1.0);
            KeyValueStore<String, byte[]> open = small.driver.getKeyValueStore(StoreNames.AGREEMENT_UNITS);
            assertThat(open.get("u-0")).isNull();
            assertThat(open.get("u-1")).isNotNull();
            assertThat(open.get("u-2")).isNotNull();
        }
    }

    @Test
    void shouldReplaceFirstLabelWhenSameAnnotatorLabelsAgain() throws IOException {
        fx.send(fx.label(hour(0).plusSeconds(1), PIPE, "u-r", "ann-0", "vehicle.car", 2)
                .build());
        fx.send(fx.label(hour(0).plusSeconds(2), PIPE, "u-r", "ann-0", "vehicle.truck", 2)
                .build());
        assertThat(units("complete")).as("one distinct annotator so far").isZero();
        fx.send(fx.label(hour(0).plusSeconds(3), PIPE, "u-r", "ann-1", "vehicle.truck", 2)
                .build());
        assertThat(units("complete")).isEqualTo(1.0);
        closeWindow(0);

        assertThat(fx.meters.get(AgreementMeters.REPLACED).counter().count()).isEqualTo(1.0);
        JsonNode perClass = summary(0).get("per_class");
        assertThat(perClass.has("vehicle.car")).isFalse();
        assertThat(perClass.get("vehicle.truck").get("n").asLong()).isEqualTo(2);
        assertThat(perClass.get("vehicle.truck").get("agreement").asDouble()).isEqualTo(1.0);
    }

    @Test
    void shouldMatchBatchAlphaExactlyWhenRollingOverSeveralWindows() throws IOException {
        int[] disagreements = {2, 5, 3, 7};
        List<List<List<String>>> byWindow = new ArrayList<>();
        for (int k = 0; k < disagreements.length; k++) {
            byWindow.add(window(k, disagreements[k]));
            closeWindow(k);
        }

        // rolling-windows = 3: window 3's rolling alpha covers windows 1..3, window 1's covers 0..1.
        List<List<String>> last3 = new ArrayList<>();
        byWindow.subList(1, 4).forEach(last3::addAll);
        double batch = CoincidenceMatrix.of(last3).alpha(Level.NOMINAL).alpha();
        assertThat(summary(3).get("rolling_alpha").asDouble()).isEqualTo(batch);
        assertThat(summary(3).get("rolling_units").asLong()).isEqualTo(60);

        List<List<String>> first2 = new ArrayList<>(byWindow.get(0));
        first2.addAll(byWindow.get(1));
        assertThat(summary(1).get("rolling_alpha").asDouble())
                .isEqualTo(CoincidenceMatrix.of(first2).alpha(Level.NOMINAL).alpha());
        assertThat(summary(3).get("alpha").asDouble())
                .isEqualTo(CoincidenceMatrix.of(byWindow.get(3))
                        .alpha(Level.NOMINAL)
                        .alpha());
        assertThat(batch).isNotEqualTo(summary(3).get("alpha").asDouble());

        // The gauges: the last window's alpha, and the rolling alpha beside it.
        assertThat(gauge(LabelwatchMetrics.AGREEMENT_ALPHA_ROLLING)).isEqualTo(batch);
        assertThat(gauge(LabelwatchMetrics.AGREEMENT_ALPHA))
                .isEqualTo(summary(3).get("alpha").asDouble());
    }

    private double gauge(String name) {
        return fx.meters
                .get(name)
                .tag("pipeline", PIPE)
                .tag("class", "*")
                .gauge()
                .value();
    }

    @Test
    void shouldReportTopConfusionBetweenTheClassesAnnotatorsMixUp() throws IOException {
        for (int i = 0; i < 6; i++) {
            unit(hour(0).plusSeconds(i), 2, "vehicle.car", i < 4 ? "vehicle.truck" : "vehicle.car");
        }
        unit(hour(0).plusSeconds(10), 2, "vehicle.bus", "human.pedestrian");
        closeWindow(0);

        JsonNode top = summary(0).get("confusions").get(0);
        assertThat(top.get("a").asText()).isEqualTo("vehicle.car");
        assertThat(top.get("b").asText()).isEqualTo("vehicle.truck");
        assertThat(top.get("coincidences").asDouble()).isEqualTo(4.0);
    }

    @Test
    void shouldFireAgreementAlertWhenAlphaDropsBelowTheFloor() {
        int[] baseline = {1, 2, 1, 2};
        for (int k = 0; k < baseline.length; k++) {
            window(k, baseline[k]);
            closeWindow(k);
        }
        assertThat(fx.alerts.isEmpty()).isTrue();
        window(4, 14);
        closeWindow(4);

        List<ChartPoint> points = points(Metric.AGREEMENT);
        assertThat(points).hasSize(5);
        assertThat(points.get(3).getPhase()).isEqualTo(io.labelwatch.events.Phase.PHASE_I);
        assertThat(points.get(4).getValue()).isLessThan(0.667);
        assertThat(points.get(4).getSignals()).contains("BELOW_FLOOR");
        QualityAlert alert = fx.alerts.readValuesToList().stream()
                .filter(a -> a.getScope() == AlertScope.CHART && a.getChartKey().equals(CHART))
                .findFirst()
                .orElseThrow();
        assertThat(alert.getMetric()).isEqualTo(Metric.AGREEMENT);
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getClassLabel()).isNull();
        assertThat(alert.getRules()).contains("BELOW_FLOOR");
        assertThat(alert.getAlertId()).startsWith("agreement-");
        assertThat(alert.getSummary()).contains("Krippendorff's alpha").contains(PIPE);
        // Annotator 2 moves car->truck and truck->bus 4 times each (tie broken by name), bus->pedestrian 3 times.
        assertThat(alert.getSummary()).endsWith("; most confused: vehicle.bus <-> vehicle.truck");
    }

    @Test
    void shouldRaiseLocalizedAnnotatorAlertWhenOneAnnotatorDisagreesWithTheConsensus() {
        // 40 units a window, each labelled by ann-07 and 3 of ann-00..ann-06; ann-07 strays on 30 of them.
        for (int k = 0; k < 2; k++) {
            for (int u = 0; u < 40; u++) {
                String truth = CLASSES[u % CLASSES.length];
                String unitId = "c-" + k + "-" + u;
                Instant at = hour(k).plusSeconds(60L * u);
                for (int j = 0; j < 3; j++) {
                    fx.send(fx.label(at.plusSeconds(j), PIPE, unitId, "ann-0" + ((u + j) % 7), truth, 4)
                            .build());
                }
                String own = u < 30 ? CLASSES[(u + 1) % CLASSES.length] : truth;
                fx.send(fx.label(at.plusSeconds(3), PIPE, unitId, "ann-07", own, 4)
                        .build());
            }
            closeWindow(k);
        }

        List<QualityAlert> annotator = fx.alerts.readValuesToList().stream()
                .filter(a -> a.getScope() == AlertScope.ANNOTATOR)
                .toList();
        assertThat(annotator).hasSize(1);
        QualityAlert alert = annotator.get(0);
        assertThat(alert.getMetric()).isEqualTo(Metric.AGREEMENT);
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getChartKey()).isEqualTo(CHART);
        assertThat(alert.getSubject()).isEqualTo("ann-07");
        assertThat(alert.getCause()).isEqualTo(Cause.LOCALIZED);
        assertThat(alert.getN()).isEqualTo(40);
        assertThat(alert.getObserved()).isCloseTo(10 / 40.0, within(1e-12));
        assertThat(alert.getSummary()).contains("ann-07").contains("agreement with the others' consensus");
    }

    @Test
    void shouldRaiseLocalizedAnnotatorAlertWhenOneAnnotatorsGoldAccuracyDrops() {
        for (int k = 0; k < 2; k++) {
            for (int a = 0; a < 10; a++) {
                for (int i = 0; i < 20; i++) {
                    String gold = CLASSES[i % CLASSES.length];
                    boolean wrong = a == 7 ? i < 10 : a < 4 && i == 0;
                    String given = wrong ? CLASSES[(i + 1) % CLASSES.length] : gold;
                    fx.send(fx.label(
                                    hour(k).plusSeconds(100L * a + i),
                                    PIPE,
                                    "g-" + k + "-" + a + "-" + i,
                                    String.format("ann-%02d", a),
                                    given,
                                    1)
                            .setGoldLabel(gold)
                            .build());
                }
            }
            closeWindow(k);
        }

        List<ChartPoint> gold = points(Metric.GOLD_ACCURACY);
        assertThat(gold).hasSize(2);
        assertThat(gold.get(0).getChartKey()).isEqualTo("GOLD_ACCURACY/camera-2d-boxes/*");
        assertThat(gold.get(0).getN()).isEqualTo(200);
        assertThat(gold.get(0).getDefects()).isEqualTo(14);
        assertThat(gold.get(0).getValue()).isCloseTo(1 - 14 / 200.0, within(1e-12));
        List<QualityAlert> annotator = fx.alerts.readValuesToList().stream()
                .filter(a -> a.getScope() == AlertScope.ANNOTATOR)
                .toList();
        assertThat(annotator).hasSize(1);
        QualityAlert alert = annotator.get(0);
        assertThat(alert.getMetric()).isEqualTo(Metric.GOLD_ACCURACY);
        assertThat(alert.getSubject()).isEqualTo("ann-07");
        assertThat(alert.getCause()).isEqualTo(Cause.LOCALIZED);
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getObserved()).isCloseTo(0.5, within(1e-12));
        assertThat(alert.getSummary()).contains("ann-07").contains("gold accuracy");
    }

    @Test
    void shouldReproduceKrippendorffsPublishedNominalAlphaWhenFedAsLabelEvents() throws IOException {
        for (int u = 0; u < 12; u++) {
            String[] column = new String[4];
            for (int observer = 0; observer < 4; observer++) {
                column[observer] = KRIPPENDORFF_2011[observer][u];
            }
            unit(hour(0).plusSeconds(10L * u), 4, column);
        }
        closeWindow(0);

        // 11 pairable units (unit 12 has one value); 4 of them time out short of 4 observers.
        assertThat(units("complete") + units("partial")).isEqualTo(11 + 1);
        assertThat(units("unpaired")).isEqualTo(1.0);
        ChartPoint point = points(Metric.AGREEMENT).get(0);
        assertThat(point.getN()).isEqualTo(11);
        assertThat(point.getValue()).isCloseTo(0.743, within(0.001));
        assertThat(summary(0).get("alpha").asDouble()).isCloseTo(0.743, within(0.001));
    }

    /** A pairable unit of two agreeing annotators, as unit assembly forwards it to the agreement repartition. */
    private static ClosedUnit closedUnit(String unitId, Instant at) {
        return new ClosedUnit(
                unitId,
                PIPE,
                "tax-1",
                at.toEpochMilli(),
                2,
                ClosedUnit.ClosedBy.COMPLETE,
                null,
                new java.util.TreeMap<>(Map.of("ann-0", "vehicle.car", "ann-1", "vehicle.car")),
                new java.util.TreeMap<>(Map.of("ann-0", "vehicle.car", "ann-1", "vehicle.car")));
    }

    @Test
    void shouldCountEveryUnitWhenTwoInputPartitionsArriveOutOfStep() {
        TestInputTopic<String, AgreementInput> repartition = fx.driver.createInputTopic(
                "labelwatch-test-" + StoreNames.AGREEMENT_REPARTITION + "-repartition",
                Serdes.String().serializer(),
                AgreementInput.serde().serializer());
        java.util.function.BiConsumer<Integer, Instant> mark = (partition, at) -> repartition.pipeInput(
                WatermarkEmitter.KEY, new AgreementInput.Watermark(partition, at.toEpochMilli(), false), at);
        mark.accept(0, hour(0));
        mark.accept(1, hour(0));
        // Labels partition 0 replays a backlog and runs three hours ahead of partition 1.
        for (int k = 0; k < 4; k++) {
            for (int u = 0; u < 10; u++) {
                Instant at = hour(k).plusSeconds(60L * u);
                repartition.pipeInput(CHART, closedUnit("p0-" + k + "-" + u, at), at);
            }
            mark.accept(0, hour(k).plus(Duration.ofMinutes(30)));
        }
        mark.accept(0, hour(4));
        assertThat(points(Metric.AGREEMENT))
                .as("partition 1 still holds hour 0 back")
                .isEmpty();

        for (int k = 0; k < 2; k++) {
            for (int u = 0; u < 10; u++) {
                Instant at = hour(k).plusSeconds(60L * u + 30);
                repartition.pipeInput(CHART, closedUnit("p1-" + k + "-" + u, at), at);
            }
            mark.accept(1, hour(k).plus(Duration.ofMinutes(30)));
        }
        mark.accept(1, hour(4));

        // Windows 0..2 are past end + grace on both partitions; window 3 closes at 04:10.
        List<ChartPoint> points = points(Metric.AGREEMENT);
        assertThat(points).extracting(ChartPoint::getN).containsExactly(20L, 20L, 10L);
        assertThat(units("late")).isZero();
    }

    @Test
    void shouldChartButNotAlertPerClassAgreementWhenClassAlertsAreOff() {
        unitsSpanningVehiclesAndHumans(new ArrayList<>(), new ArrayList<>());
        closeWindow(0);

        assertThat(classPoint(fx.chartPoints.readValuesToList(), "human").getSignals())
                .contains("BELOW_FLOOR");
        assertThat(fx.alerts.readValuesToList())
                .as("class charts alert only with labelwatch.agreement.class-alerts=true")
                .noneMatch(a -> a.getClassLabel() != null);
    }

    @Test
    void shouldChartAndAlertAgreementPerTopLevelClassWhenUnitsSpanClasses() {
        reconfigure(Map.of("labelwatch.agreement.class-alerts", "true"));
        List<List<String>> vehicle = new ArrayList<>();
        List<List<String>> human = new ArrayList<>();
        unitsSpanningVehiclesAndHumans(vehicle, human);
        closeWindow(0);

        List<ChartPoint> all = fx.chartPoints.readValuesToList();
        ChartPoint v = classPoint(all, "vehicle");
        ChartPoint h = classPoint(all, "human");
        assertThat(v.getChartKey()).isEqualTo("AGREEMENT/camera-2d-boxes/vehicle");
        assertThat(v.getN()).isEqualTo(21);
        assertThat(v.getValue())
                .isEqualTo(CoincidenceMatrix.of(vehicle).alpha(Level.NOMINAL).alpha());
        assertThat(h.getN()).isEqualTo(21);
        assertThat(h.getValue())
                .isEqualTo(CoincidenceMatrix.of(human).alpha(Level.NOMINAL).alpha());
        assertThat(h.getValue()).isLessThan(0.667);
        assertThat(h.getSignals()).contains("BELOW_FLOOR");
        assertThat(v.getSignals()).doesNotContain("BELOW_FLOOR");
        List<ChartPoint> pipelineWide =
                all.stream().filter(p -> CHART.equals(p.getChartKey())).toList();
        assertThat(pipelineWide).extracting(ChartPoint::getN).containsExactly(42L);

        List<QualityAlert> classAlerts = fx.alerts.readValuesToList().stream()
                .filter(a -> a.getClassLabel() != null)
                .toList();
        assertThat(classAlerts).hasSize(1);
        QualityAlert alert = classAlerts.get(0);
        assertThat(alert.getChartKey()).isEqualTo("AGREEMENT/camera-2d-boxes/human");
        assertThat(alert.getClassLabel()).isEqualTo("human");
        assertThat(alert.getMetric()).isEqualTo(Metric.AGREEMENT);
        assertThat(alert.getScope()).isEqualTo(AlertScope.CHART);
        assertThat(alert.getRules()).contains("BELOW_FLOOR");
        assertThat(alert.getSummary()).contains("in camera-2d-boxes, class human at");
    }

    /**
     * 20 vehicle units whose annotators agree, 20 human units where one of three disagrees, a mostly-vehicle unit and
     * an evenly split one; each unit's labels go to {@code vehicle} or {@code human} by the unit's top-level class.
     */
    private void unitsSpanningVehiclesAndHumans(List<List<String>> vehicle, List<List<String>> human) {
        String[] vehicles = {"vehicle.car", "vehicle.truck", "vehicle.bus"};
        String[] humans = {"human.pedestrian.adult", "human.pedestrian.child", "human.rider"};
        for (int i = 0; i < 20; i++) {
            String v = vehicles[i % 3];
            unit(hour(0).plusSeconds(60L * i), 3, v, v, v);
            vehicle.add(List.of(v, v, v));
            List<String> h = List.of(humans[i % 3], humans[(i + 1) % 3], humans[i % 3]);
            unit(hour(0).plusSeconds(60L * i + 20), 3, h.toArray(String[]::new));
            human.add(h);
        }
        // Most labels say vehicle: the unit counts for vehicle. An even split: for human, first in name order.
        unit(hour(0).plusSeconds(1500), 3, "vehicle.car", "vehicle.car", "human.pedestrian.adult");
        vehicle.add(List.of("vehicle.car", "vehicle.car", "human.pedestrian.adult"));
        unit(hour(0).plusSeconds(1510), 2, "vehicle.car", "human.pedestrian.adult");
        human.add(List.of("vehicle.car", "human.pedestrian.adult"));
    }

    private static ChartPoint classPoint(List<ChartPoint> points, String topLevel) {
        return points.stream()
                .filter(p -> PIPE.equals(p.getPipeline())
                        && p.getMetric() == Metric.AGREEMENT
                        && topLevel.equals(p.getClassLabel()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void shouldReproduceKrippendorffsPublishedOrdinalAndIntervalAlphaWhenFedAsLabelAttributes() {
        Map<String, String> settings = new java.util.HashMap<>(SETTINGS);
        settings.put("labelwatch.agreement.level.occlusion-ordinal", "ORDINAL");
        settings.put("labelwatch.agreement.attribute.occlusion-ordinal", "occlusion");
        settings.put("labelwatch.agreement.level.occlusion-interval", "interval");
        settings.put("labelwatch.agreement.attribute.occlusion-interval", "occlusion");
        try (TopologyFixture numeric = new TopologyFixture(settings)) {
            for (String pipeline : List.of("occlusion-ordinal", "occlusion-interval")) {
                for (int u = 0; u < 12; u++) {
                    for (int observer = 0; observer < 4; observer++) {
                        String value = KRIPPENDORFF_2011[observer][u];
                        if (value != null) {
                            numeric.send(numeric.label(
                                            hour(0).plusSeconds(10L * u + observer),
                                            pipeline,
                                            pipeline + "-u" + u,
                                            "obs-" + observer,
                                            "vehicle.car",
                                            4)
                                    .setAttributes(Map.of("occlusion", value))
                                    .build());
                        }
                    }
                }
            }
            // A label whose occlusion is not a number is a missing value for agreement, and counted.
            numeric.send(numeric.label(hour(0).plusSeconds(200), "occlusion-ordinal", "x", "obs-0", "vehicle.car", 4)
                    .setAttributes(Map.of("occlusion", "heavy"))
                    .build());
            for (String annotator : List.of("clock-a", "clock-b")) {
                numeric.send(numeric.label(hour(1).plus(Duration.ofMinutes(10)), TICK_PIPE, "tick", annotator, "t", 2)
                        .build());
            }

            // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C (the 4 x 12 example):
            // ordinal alpha 0.815, interval alpha 0.849.
            List<ChartPoint> all = numeric.chartPoints.readValuesToList();
            ChartPoint ordinal =
                    points(all, "occlusion-ordinal", Metric.AGREEMENT).get(0);
            ChartPoint interval =
                    points(all, "occlusion-interval", Metric.AGREEMENT).get(0);
            assertThat(ordinal.getN()).isEqualTo(11);
            assertThat(ordinal.getValue()).isCloseTo(0.815, within(0.0005));
            assertThat(interval.getN()).isEqualTo(11);
            assertThat(interval.getValue()).isCloseTo(0.849, within(0.0005));
            assertThat(numeric.meters.get(AgreementMeters.SKIPPED).counter().count())
                    .isEqualTo(1.0);
        }
    }

    @Test
    void shouldRefuseNumericLevelWhenThePipelineHasNoAttribute() {
        io.labelwatch.config.LabelwatchConfig config = io.labelwatch.config.LabelwatchConfig.of(
                Map.of("labelwatch.agreement.level.lidar-3d-cuboids", "INTERVAL"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgreementSettings.from(config))
                .isInstanceOf(io.labelwatch.config.ConfigException.class)
                .hasMessageContaining("labelwatch.agreement.level.lidar-3d-cuboids")
                .hasMessageContaining("labelwatch.agreement.attribute.lidar-3d-cuboids")
                .hasMessageNotContaining("\n");
    }

    @Test
    void shouldPinAgreementStoreAndRepartitionNames() {
        String description = fx.topology.describe().toString();
        assertThat(description)
                .contains(
                        "agreement-units-open",
                        "agreement-aggregates-window",
                        "agreement-matrices-window",
                        "agreement-charts-state",
                        "agreement-points-history",
                        "agreement-summary-window",
                        "agreement-alerts-latest-state",
                        "agreement-units-by-chart-repartition",
                        "ingest-validate-labels",
                        "ingest-dedup-labels",
                        "agreement-assemble-units",
                        "agreement-chart");
        assertThat(StoreNames.ALL_STORES)
                .endsWith(
                        "agreement-units-open",
                        "agreement-aggregates-window",
                        "agreement-matrices-window",
                        "agreement-charts-state",
                        "agreement-points-history",
                        "agreement-summary-window",
                        "agreement-alerts-latest-state");
    }
}
