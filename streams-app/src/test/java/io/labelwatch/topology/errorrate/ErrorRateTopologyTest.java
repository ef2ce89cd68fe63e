package io.labelwatch.topology.errorrate;

import static io.labelwatch.topology.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Cause;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.Phase;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.Sampling;
import io.labelwatch.events.Verdict;
import io.labelwatch.topology.StoreNames;
import io.labelwatch.topology.TopicNames;
import io.labelwatch.topology.TopologyFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ErrorRateTopologyTest {
    private static final String PIPE = "camera-2d-boxes";
    private static final String CAR = "vehicle.car";
    private static final String TICK_CLASS = "zz.clock";
    private static final Map<String, String> SETTINGS = Map.of(
            "labelwatch.window.size", "PT1H",
            "labelwatch.window.grace", "PT10M",
            "labelwatch.window.idle-close", "PT15M",
            "labelwatch.spc.baseline.windows", "4",
            "labelwatch.spc.min-sample-size", "30",
            "labelwatch.spc.chart", "P",
            "labelwatch.alerts.resolve-after", "3");

    private TopologyFixture fx = new TopologyFixture(SETTINGS);

    @AfterEach
    void close() {
        fx.close();
    }

    /** Restarts the fixture with the test settings plus {@code extra}. */
    private void reconfigure(Map<String, String> extra) {
        fx.close();
        Map<String, String> values = new java.util.HashMap<>(SETTINGS);
        values.putAll(extra);
        fx = new TopologyFixture(values);
    }

    private static Instant hour(int k) {
        return T0.plus(Duration.ofHours(k));
    }

    /** Sends n reviews of one annotator in window k, the first {@code defects} of them defective. */
    private void reviews(int k, String annotator, int n, int defects) {
        for (int i = 0; i < n; i++) {
            Instant at = hour(k).plusSeconds(10L + i);
            fx.send(fx.review(at, PIPE, CAR, annotator, i < defects).build());
        }
    }

    /** 20 annotators × 10 reviews; {@code defectsOf(a)} defects for annotator a. */
    private void window(int k, java.util.function.IntUnaryOperator defectsOf) {
        for (int a = 0; a < 20; a++) {
            reviews(k, String.format("vendor-%s/ann-%02d", a < 10 ? "a" : "b", a), 10, defectsOf.applyAsInt(a));
        }
    }

    /** Closes window k by moving stream time past its end plus grace, on another chart. */
    private void closeWindow(int k) {
        fx.advanceStreamTime(hour(k + 1).plus(Duration.ofMinutes(10)), PIPE, TICK_CLASS);
    }

    private List<ChartPoint> carPoints() {
        return fx.chartPoints.readValuesToList().stream()
                .filter(p -> CAR.equals(p.getClassLabel()))
                .toList();
    }

    /** Baseline: windows 0..3 at about 5 % (10 of 200 defective, spread over annotators), in control. */
    private void baseline() {
        int[] perWindow = {10, 9, 11, 10};
        for (int k = 0; k < 4; k++) {
            int total = perWindow[k];
            window(k, a -> a < total ? 1 : 0);
            closeWindow(k);
        }
    }

    @Test
    void shouldEmitChartPointWithCountsWhenWindowCloses() {
        reviews(0, "vendor-a/ann-01", 40, 4);

        assertThat(carPoints()).isEmpty();
        closeWindow(0);

        List<ChartPoint> points = carPoints();
        assertThat(points).hasSize(1);
        ChartPoint point = points.get(0);
        assertThat(point.getChartKey()).isEqualTo("ERROR_RATE/camera-2d-boxes/vehicle.car");
        assertThat(point.getWindowStart()).isEqualTo(T0);
        assertThat(point.getWindowEnd()).isEqualTo(hour(1));
        assertThat(point.getN()).isEqualTo(40);
        assertThat(point.getDefects()).isEqualTo(4);
        assertThat(point.getValue()).isEqualTo(0.1);
        assertThat(point.getPhase()).isEqualTo(Phase.PHASE_I);
        assertThat(point.getDefectsByErrorType()).containsEntry("GEOMETRY", 4L);
    }

    @Test
    void shouldSwitchToPhaseTwoWithEstimatedCentreAfterBaselineWindows() {
        baseline();
        window(4, a -> a < 10 ? 1 : 0);
        closeWindow(4);

        List<ChartPoint> points = carPoints();
        assertThat(points).hasSize(5);
        assertThat(points.subList(0, 3)).allMatch(p -> p.getPhase() == Phase.PHASE_I);
        ChartPoint monitored = points.get(4);
        assertThat(monitored.getPhase()).isEqualTo(Phase.PHASE_II);
        // p-bar = 40 / 800 over the four baseline windows.
        assertThat(monitored.getCenter()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        double sigma = Math.sqrt(0.05 * 0.95 / 200);
        assertThat(monitored.getUcl()).isCloseTo(0.05 + 3 * sigma, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(monitored.getSignals()).isEmpty();
        assertThat(fx.alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldFireNelsonOneAndAttributeToTwoAnnotatorsWhenTheyCarryTheExcess() {
        baseline();
        // Two rogue annotators at 8 of 10; the other 18 at baseline (9 defects among them).
        window(4, a -> a == 3 || a == 11 ? 8 : a < 9 ? 1 : 0);
        closeWindow(4);

        ChartPoint shifted = carPoints().get(4);
        // 24 of 200: z = (0.12 - 0.05) / sqrt(0.05 * 0.95 / 200) = 4.54 > 3, rule 1 only (one point makes no run).
        // EWMA (lambda 0.2) after the replayed baseline z = 0, -0.32, 0.32, 0 is 0.917, inside its exact limit
        // 2.962 * sqrt(0.2 / 1.8 * (1 - 0.8^10)) = 0.933; CUSUM C+ = 4.04 stays below h = 5.
        assertThat(shifted.getSignals()).containsExactly("NELSON_1");
        List<QualityAlert> alerts = fx.alerts.readValuesToList();
        QualityAlert chartAlert = alerts.stream()
                .filter(a -> a.getScope() == AlertScope.CHART)
                .findFirst()
                .orElseThrow();
        assertThat(chartAlert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(chartAlert.getRules()).containsExactly("NELSON_1");
        assertThat(chartAlert.getCause()).isEqualTo(Cause.LOCALIZED);
        assertThat(chartAlert.getContributors())
                .extracting(c -> c.getValue())
                .startsWith("vendor-a/ann-03", "vendor-b/ann-11")
                .doesNotContain("vendor-a/ann-05");
        assertThat(chartAlert.getSummary()).contains("vehicle.car").contains("LOCALIZED");
        assertThat(chartAlert.getRunbookUrl()).endsWith("#runbook-error_rate");
    }

    @Test
    void shouldCallItSystemicWhenEveryAnnotatorShiftsAfterAGuidelineChange() {
        baseline();
        for (int a = 0; a < 20; a++) {
            String annotator = String.format("vendor-%s/ann-%02d", a < 10 ? "a" : "b", a);
            for (int i = 0; i < 10; i++) {
                ReviewEvent r = fx.review(hour(4).plusSeconds(10L + i), PIPE, CAR, annotator, i < 2 || (a < 5 && i < 3))
                        .setGuidelineVersion("g2")
                        .build();
                fx.send(r);
            }
        }
        closeWindow(4);

        QualityAlert alert = fx.alerts.readValuesToList().get(0);
        assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.getCause()).isEqualTo(Cause.SYSTEMIC);
        assertThat(alert.getDefects()).isEqualTo(45);
        // The baseline windows were all on g1, so g2 is new; 45 - 200 * 0.05 = 35 excess defects, all on g2.
        assertThat(alert.getContributors()).singleElement().satisfies(c -> {
            assertThat(c.getDimension()).isEqualTo("guideline_version");
            assertThat(c.getValue()).isEqualTo("g2");
            assertThat(c.getN()).isEqualTo(200);
            assertThat(c.getDefects()).isEqualTo(45);
            assertThat(c.getExcessDefects()).isCloseTo(35.0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(c.getShareOfExcess()).isEqualTo(1.0);
        });
        assertThat(alert.getSummary())
                .contains("SYSTEMIC: lines up with guideline_version g2, new since the baseline (100% of excess)")
                .doesNotContain("annotator");
    }

    @Test
    void shouldNameTheNewToolVersionWhenHalfTheAnnotatorsMoveToABuggyTool() {
        baseline();
        for (int a = 0; a < 20; a++) {
            String annotator = String.format("vendor-%s/ann-%02d", a < 10 ? "a" : "b", a);
            boolean newTool = a % 2 == 0;
            for (int i = 0; i < 10; i++) {
                fx.send(fx.review(hour(4).plusSeconds(10L + i), PIPE, CAR, annotator, i < (newTool ? 4 : 1))
                        .setToolVersion(newTool ? "tool-2" : "tool-1")
                        .build());
            }
        }
        closeWindow(4);

        QualityAlert alert = fx.alerts.readValuesToList().get(0);
        assertThat(alert.getCause()).isEqualTo(Cause.SYSTEMIC);
        // tool-2: 100 reviews, 40 defects, excess 40 - 100 * 0.05 = 35 of the positive excess 40 (tool-1: 10 - 5 = 5).
        assertThat(alert.getContributors()).first().satisfies(c -> {
            assertThat(c.getDimension()).isEqualTo("tool_version");
            assertThat(c.getValue()).isEqualTo("tool-2");
            assertThat(c.getN()).isEqualTo(100);
            assertThat(c.getDefects()).isEqualTo(40);
            assertThat(c.getExcessDefects()).isCloseTo(35.0, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(alert.getSummary()).contains("lines up with tool_version tool-2, new since the baseline");
        assertThat(alert.getPValues().get("tool_version")).isLessThan(0.01);
    }

    @Test
    void shouldKeepOneAlertIdFromFiringThroughUpdateToResolved() {
        baseline();
        window(4, a -> a < 8 ? 4 : 0);
        closeWindow(4);
        window(5, a -> a < 8 ? 4 : 0);
        closeWindow(5);
        for (int k = 6; k < 9; k++) {
            window(k, a -> a < 10 ? 1 : 0);
            closeWindow(k);
        }

        List<QualityAlert> lifecycle = fx.alerts.readValuesToList().stream()
                .filter(a -> a.getScope() == AlertScope.CHART)
                .toList();
        assertThat(lifecycle)
                .extracting(QualityAlert::getStatus)
                .containsExactly(AlertStatus.FIRING, AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(lifecycle).extracting(QualityAlert::getOccurrences).containsExactly(1, 2, 2);
        assertThat(lifecycle)
                .extracting(QualityAlert::getAlertId)
                .containsOnly(lifecycle.get(0).getAlertId());
        assertThat(lifecycle.get(2).getResolvedAt()).isEqualTo(hour(9));
        assertThat(lifecycle.get(2).getFirstFiredAt()).isEqualTo(hour(5));
    }

    /**
     * A shift that persists below every limit after its signal (z = 1.62 per window: 15 of 200 against p̄ = 0.05,
     * σ = 0.0154) keeps its alert open: the last 3 quiet windows combine to Z = 2.81 > 1.645. Once the rate is back
     * at the centre the last three windows fall to Z = 0.94 and the alert resolves; without the check the same data
     * resolve after three quiet windows, while the shift is still there.
     */
    @Test
    void shouldResolveOnlyOnceTheQuietWindowsAreBackAtTheCentre() {
        reconfigure(Map.of("labelwatch.spc.rules", "NELSON_1"));
        List<QualityAlert> checked = persistentShiftThenFix();
        assertThat(checked)
                .extracting(QualityAlert::getStatus)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(checked.get(1).getResolvedAt()).isEqualTo(hour(10));
        assertThat(checked.get(1).getSummary())
                .isEqualTo("vehicle.car error rate in camera-2d-boxes back in control for 5 windows (last 5.0%,"
                        + " centre 5.0%; the last 3 windows combine to z = 0.94)");

        reconfigure(Map.of("labelwatch.spc.rules", "NELSON_1", "labelwatch.alerts.resolve-max-z", "100"));
        List<QualityAlert> unchecked = persistentShiftThenFix();
        assertThat(unchecked)
                .extracting(QualityAlert::getStatus)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        assertThat(unchecked.get(1).getResolvedAt()).isEqualTo(hour(8));
        assertThat(unchecked.get(1).getSummary()).endsWith("the last 3 windows combine to z = 2.81)");
    }

    /** Baseline, a signal in window 4, windows 5-7 at 7.5 %, windows 8-10 at 5 %; the chart alerts it raised. */
    private List<QualityAlert> persistentShiftThenFix() {
        baseline();
        window(4, a -> a < 8 ? 4 : 0);
        closeWindow(4);
        for (int k = 5; k < 8; k++) {
            window(k, a -> a < 15 ? 1 : 0);
            closeWindow(k);
        }
        for (int k = 8; k < 11; k++) {
            window(k, a -> a < 10 ? 1 : 0);
            closeWindow(k);
        }
        List<ChartPoint> points = carPoints();
        assertThat(points.subList(5, 11))
                .allSatisfy(p -> assertThat(p.getSignals()).isEmpty());
        return fx.alerts.readValuesToList().stream()
                .filter(a -> a.getScope() == AlertScope.CHART)
                .toList();
    }

    /** 60 reviews at sampling_rate 0.5 (20 defective) and 60 at 1.0 (none defective) in window 0, then closes it. */
    private ChartPoint unequallySampledWindow() {
        for (int i = 0; i < 120; i++) {
            boolean halfRate = i < 60;
            fx.send(fx.review(hour(0).plusSeconds(10L + i), PIPE, CAR, "vendor-a/ann-01", halfRate && i < 20)
                    .setSamplingRate(halfRate ? 0.5 : 1.0)
                    .build());
        }
        closeWindow(0);
        return carPoints().get(0);
    }

    @Test
    void shouldChartTheHajekEstimateAtKishEffectiveSizeWhenWeightingIsHorvitzThompson() {
        reconfigure(Map.of("labelwatch.spc.weighting", "HORVITZ_THOMPSON", "labelwatch.spc.p0", "0.1"));

        ChartPoint point = unequallySampledWindow();

        // Sum w = 60*2 + 60 = 180, weighted defects 20*2 = 40: Hajek p = 40/180 = 2/9. Sum w^2 = 60*4 + 60 = 300,
        // so n_eff = 180^2 / 300 = 108 and the chart is fed 24 of 108.
        assertThat(point.getValue()).isCloseTo(2.0 / 9, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(point.getUcl())
                .isCloseTo(0.1 + 3 * Math.sqrt(0.1 * 0.9 / 108), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(point.getN()).isEqualTo(120);
        assertThat(point.getDefects()).isEqualTo(20);
        assertThat(point.getEffectiveN()).isCloseTo(108.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(point.getWeightedRate()).isCloseTo(2.0 / 9, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void shouldChartTheCountedRateWhenWeightingIsNone() {
        reconfigure(Map.of("labelwatch.spc.p0", "0.1"));

        ChartPoint point = unequallySampledWindow();

        assertThat(point.getValue()).isCloseTo(20.0 / 120, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(point.getUcl())
                .isCloseTo(0.1 + 3 * Math.sqrt(0.1 * 0.9 / 120), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(point.getEffectiveN()).isNull();
        assertThat(point.getWeightedRate()).isNull();
    }

    @Test
    void shouldEmitConfusionPairsAndTargetedDefectsWhenWindowCloses() {
        for (int i = 0; i < 6; i++) {
            fx.send(fx.review(hour(0).plusSeconds(10L + i), PIPE, CAR, "vendor-a/ann-01", true)
                    .setCorrectedClass(i < 4 ? "vehicle.van" : "vehicle.truck")
                    .setErrorTypes(List.of(io.labelwatch.events.ErrorType.WRONG_CLASS))
                    .build());
        }
        fx.send(fx.review(hour(0).plusSeconds(20), PIPE, CAR, "vendor-a/ann-01", true)
                .setCorrectedClass(CAR)
                .build());
        reviews(0, "vendor-a/ann-02", 30, 0);
        for (int i = 0; i < 5; i++) {
            fx.send(fx.review(hour(0).plusSeconds(100L + i), PIPE, CAR, "vendor-a/ann-03", i < 3)
                    .setSampling(Sampling.TARGETED)
                    .setCorrectedClass("vehicle.bus")
                    .build());
        }
        closeWindow(0);

        ChartPoint point = carPoints().get(0);
        assertThat(point.getConfusions())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("vehicle.car -> vehicle.van", 4L, "vehicle.car -> vehicle.truck", 2L));
        assertThat(point.getDefectsByErrorType())
                .containsExactlyInAnyOrderEntriesOf(Map.of("WRONG_CLASS", 6L, "GEOMETRY", 1L));
        assertThat(point.getDefects()).isEqualTo(7);
        assertThat(point.getTargeted()).isEqualTo(5);
        assertThat(point.getTargetedDefects()).isEqualTo(3);
    }

    @Test
    void shouldCountTargetedReviewsWithoutChartingThem() {
        reviews(0, "vendor-a/ann-01", 40, 2);
        for (int i = 0; i < 15; i++) {
            fx.send(fx.review(hour(0).plusSeconds(100 + i), PIPE, CAR, "vendor-a/ann-01", true)
                    .setSampling(Sampling.TARGETED)
                    .build());
        }
        closeWindow(0);

        ChartPoint point = carPoints().get(0);
        assertThat(point.getN()).isEqualTo(40);
        assertThat(point.getDefects()).isEqualTo(2);
        assertThat(point.getTargeted()).isEqualTo(15);
        assertThat(fx.meters
                        .get("labelwatch.events")
                        .tag("outcome", "targeted")
                        .counter()
                        .count())
                .isEqualTo(15.0);
    }

    @Test
    void shouldDropDuplicateEventIds() {
        ReviewEvent once = fx.review(hour(0).plusSeconds(5), PIPE, CAR, "vendor-a/ann-01", true)
                .build();
        fx.send(once);
        fx.send(once);
        fx.send(ReviewEvent.newBuilder(once).setVerdict(Verdict.ACCEPTED).build());
        closeWindow(0);

        assertThat(carPoints().get(0).getN()).isEqualTo(1);
        assertThat(fx.meters
                        .get("labelwatch.events")
                        .tag("outcome", "duplicate")
                        .counter()
                        .count())
                .isEqualTo(2.0);
    }

    @Test
    void shouldSendInvalidRecordToDeadLetterTopicWithReasonAndCarryOn() {
        fx.send(fx.review(hour(0).plusSeconds(1), PIPE, CAR, "vendor-a/ann-01", false)
                .setSamplingRate(1.5)
                .build());
        fx.send(fx.review(hour(0).plusSeconds(2), PIPE, CAR, "vendor-a/ann-01", false)
                .setReviewedAt(Instant.parse("2027-06-01T00:00:00Z"))
                .build());
        reviews(0, "vendor-a/ann-01", 35, 1);
        closeWindow(0);

        List<TestRecord<byte[], byte[]>> dead = fx.dlq.readRecordsToList();
        assertThat(dead).hasSize(2);
        assertThat(header(dead.get(0), "__streams.errors.message")).isEqualTo("sampling_rate 1.5 is outside (0, 1]");
        assertThat(header(dead.get(0), "__streams.errors.topic")).isEqualTo("annotation.reviews");
        assertThat(header(dead.get(0), "__streams.errors.offset")).isEqualTo("0");
        assertThat(header(dead.get(1), "__streams.errors.message")).contains("ahead of the clock");
        assertThat(dead.get(0).value()).isNotEmpty();
        assertThat(carPoints().get(0).getN()).isEqualTo(35);
        assertThat(fx.meters
                        .get("labelwatch.events")
                        .tag("outcome", "dlq")
                        .counter()
                        .count())
                .isEqualTo(2.0);
    }

    @Test
    void shouldCountUndecodableRecordAndCarryOn() {
        // TopologyTestDriver runs the deserialization handler but does not forward its dead-letter records; the
        // record itself reaching quality.dlq is checked against a real broker in ErrorRateIT.
        fx.rawReviews.pipeInput(new TestRecord<>("u-bad", "not avro".getBytes(StandardCharsets.UTF_8), hour(0)));
        reviews(0, "vendor-a/ann-01", 35, 1);
        closeWindow(0);

        assertThat(carPoints().get(0).getN()).isEqualTo(35);
        assertThat(fx.meters
                        .get("labelwatch.events")
                        .tag("outcome", "dlq")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldCloseIdleWindowByWallClockWhenStreamTimeStalls() {
        reviews(0, "vendor-a/ann-01", 40, 4);
        fx.driver.advanceWallClockTime(Duration.ofMinutes(10));
        assertThat(carPoints()).isEmpty();

        // Stream time stalled at ~hour 0; 80 minutes of wall time pass the window's end plus grace.
        fx.driver.advanceWallClockTime(Duration.ofMinutes(70));

        List<ChartPoint> points = carPoints();
        assertThat(points).hasSize(1);
        assertThat(points.get(0).getN()).isEqualTo(40);
    }

    @Test
    void shouldCountReviewAsLateWhenItsWindowHasClosed() {
        reviews(0, "vendor-a/ann-01", 40, 4);
        closeWindow(0);
        fx.send(fx.review(hour(0).plusSeconds(30), PIPE, CAR, "vendor-a/ann-02", true)
                .build());
        closeWindow(1);

        assertThat(carPoints()).hasSize(1);
        assertThat(fx.meters
                        .get("labelwatch.events")
                        .tag("outcome", "late")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldRestartBaselineWhenOperatorAsksForIt() {
        baseline();
        fx.commands.pipeInput("ERROR_RATE/camera-2d-boxes/vehicle.car", Commands.rebaseline("alice"));
        window(4, a -> a < 10 ? 1 : 0);
        closeWindow(4);

        assertThat(carPoints().get(4).getPhase()).isEqualTo(Phase.PHASE_I);
    }

    @Test
    void shouldRestartBaselineWhenTheClassMovesToANewTaxonomyVersion() {
        baseline();
        for (int a = 0; a < 20; a++) {
            for (int i = 0; i < 10; i++) {
                fx.send(fx.review(hour(4).plusSeconds(10L + i), PIPE, CAR, "vendor-a/ann-" + a, a < 10 && i == 0)
                        .setTaxonomyVersion("tax-2")
                        .build());
            }
        }
        closeWindow(4);

        List<ChartPoint> points = carPoints();
        assertThat(points.get(3).getPhase()).isEqualTo(Phase.PHASE_I);
        assertThat(points.get(4).getPhase())
                .as("a new taxonomy version starts a new baseline")
                .isEqualTo(Phase.PHASE_I);
        assertThat(points.get(4).getCenter()).isNull();
    }

    @Test
    void shouldTakeSeverityFromTheTaxonomyTopic() {
        fx.taxonomy.pipeInput(
                "tax-1/vehicle.car",
                io.labelwatch.events.TaxonomyClass.newBuilder()
                        .setTaxonomyVersion("tax-1")
                        .setClassLabel(CAR)
                        .setParent("vehicle")
                        .setSafetyCriticality(io.labelwatch.events.SafetyCriticality.CRITICAL)
                        .setDeprecated(false)
                        .setDefinition("a car")
                        .build());
        // zz.clock is not in taxonomy version tax-1, so ticks on it would be rejected: close windows with cars.
        int[] perWindow = {10, 9, 11, 10};
        for (int k = 0; k < 4; k++) {
            int total = perWindow[k];
            window(k, a -> a < total ? 1 : 0);
        }
        window(4, a -> a < 8 ? 4 : 0);
        fx.send(fx.review(hour(6), PIPE, CAR, "vendor-a/ann-00", false).build());

        QualityAlert alert = fx.alerts.readValuesToList().get(0);
        assertThat(alert.getSeverity()).isEqualTo(io.labelwatch.events.SafetyCriticality.CRITICAL);
        assertThat(fx.dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldRaiseAnnotatorAlertWhenOneAnnotatorLeavesTheFunnelTwiceInARow() {
        baseline();
        for (int k = 4; k < 6; k++) {
            window(k, a -> a == 7 ? 7 : a < 9 ? 1 : 0);
            closeWindow(k);
        }

        List<QualityAlert> annotatorAlerts = fx.alerts.readValuesToList().stream()
                .filter(a -> a.getScope() == AlertScope.ANNOTATOR)
                .toList();
        assertThat(annotatorAlerts).isNotEmpty();
        assertThat(annotatorAlerts).extracting(QualityAlert::getSubject).containsOnly("vendor-a/ann-07");
        assertThat(annotatorAlerts.get(0).getCause()).isEqualTo(Cause.LOCALIZED);
    }

    private io.labelwatch.events.TaxonomyClass taxonomyClass(String classLabel, boolean deprecated) {
        return io.labelwatch.events.TaxonomyClass.newBuilder()
                .setTaxonomyVersion("tax-1")
                .setClassLabel(classLabel)
                .setParent("vehicle")
                .setSafetyCriticality(io.labelwatch.events.SafetyCriticality.HIGH)
                .setDeprecated(deprecated)
                .setDefinition(classLabel)
                .build();
    }

    private List<String> deadLetterReasons() {
        return fx.dlq.readRecordsToList().stream()
                .map(r -> header(r, "__streams.errors.message"))
                .toList();
    }

    @Test
    void shouldDeadLetterUnknownAndDeprecatedClassesWhenTheTaxonomyDefinesTheVersion() {
        fx.taxonomy.pipeInput("tax-1/vehicle.car", taxonomyClass(CAR, false));
        fx.taxonomy.pipeInput("tax-1/vehicle.cart", taxonomyClass("vehicle.cart", true));

        fx.send(fx.review(hour(0).plusSeconds(1), PIPE, "vehicle.spaceship", "vendor-a/ann-01", false)
                .build());
        fx.send(fx.review(hour(0).plusSeconds(2), PIPE, "vehicle.cart", "vendor-a/ann-01", false)
                .build());
        fx.send(fx.review(hour(0).plusSeconds(3), PIPE, CAR, "vendor-a/ann-01", false)
                .setTaxonomyVersion("tax-9")
                .build());

        assertThat(deadLetterReasons())
                .containsExactly(
                        "class 'vehicle.spaceship' is not in taxonomy version 'tax-1'",
                        "class 'vehicle.cart' is deprecated in taxonomy version 'tax-1'");
    }

    @Test
    void shouldDeadLetterAReviewWhenARequiredFieldIsBlank() {
        fx.send(fx.review(hour(0).plusSeconds(1), PIPE, CAR, "vendor-a/ann-01", false)
                .setAnnotatorId(" ")
                .build());
        fx.send(fx.review(hour(0).plusSeconds(2), PIPE, CAR, "vendor-a/ann-01", false)
                .setPipeline("")
                .build());
        reviews(0, "vendor-a/ann-01", 35, 1);
        closeWindow(0);

        List<TestRecord<byte[], byte[]>> dead = fx.dlq.readRecordsToList();
        assertThat(dead)
                .extracting(r -> header(r, "__streams.errors.message"))
                .containsExactly("missing required field 'annotator_id'", "missing required field 'pipeline'");
        assertThat(dead).extracting(r -> header(r, "__streams.errors.offset")).containsExactly("0", "1");
        assertThat(carPoints().get(0).getN()).isEqualTo(35);
    }

    @Test
    void shouldMonitorAgainstTheGlobalP0FromTheFirstWindowWhenOneIsConfigured() {
        reconfigure(Map.of("labelwatch.spc.p0", "0.05"));
        reviews(0, "vendor-a/ann-01", 100, 6);
        closeWindow(0);

        ChartPoint point = carPoints().get(0);
        assertThat(point.getPhase()).isEqualTo(Phase.PHASE_II);
        assertThat(point.getCenter()).isEqualTo(0.05);
        assertThat(point.getUcl())
                .isCloseTo(0.05 + 3 * Math.sqrt(0.05 * 0.95 / 100), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void shouldUseTheChartsOwnP0OverTheGlobalOneWhenBothAreConfigured() {
        reconfigure(Map.of("labelwatch.spc.p0", "0.05", "labelwatch.spc.p0.camera-2d-boxes.vehicle.car", "0.2"));
        reviews(0, "vendor-a/ann-01", 100, 6);
        for (int i = 0; i < 100; i++) {
            fx.send(fx.review(hour(0).plusSeconds(500L + i), PIPE, "vehicle.bus", "vendor-a/ann-01", i < 6)
                    .build());
        }
        closeWindow(0);

        Map<String, ChartPoint> byClass = fx.chartPoints.readValuesToList().stream()
                .collect(java.util.stream.Collectors.toMap(ChartPoint::getClassLabel, p -> p, (a, b) -> a));
        ChartPoint car = byClass.get(CAR);
        ChartPoint bus = byClass.get("vehicle.bus");
        assertThat(car.getCenter()).isEqualTo(0.2);
        assertThat(car.getLcl())
                .isCloseTo(0.2 - 3 * Math.sqrt(0.2 * 0.8 / 100), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(car.getSignals()).as("6% is below the LCL of 8%").contains("NELSON_1");
        assertThat(bus.getCenter()).isEqualTo(0.05);
        assertThat(bus.getSignals()).isEmpty();
    }

    @Test
    void shouldMarkButNotAlertWhenTheErrorRateFallsBelowTheLowerLimit() {
        reconfigure(Map.of("labelwatch.spc.p0.camera-2d-boxes.vehicle.car", "0.2"));
        reviews(0, "vendor-a/ann-01", 100, 6);
        closeWindow(0);

        assertThat(carPoints().get(0).getSignals())
                .as("6% is below the LCL of 8%")
                .contains("NELSON_1");
        assertThat(fx.alerts.readValuesToList())
                .as("fewer errors than usual pages nobody")
                .isEmpty();
    }

    @Test
    void shouldAlertOnAFallTooWhenDecreasesAreAskedFor() {
        reconfigure(
                Map.of("labelwatch.spc.p0.camera-2d-boxes.vehicle.car", "0.2", "labelwatch.alerts.decreases", "true"));
        reviews(0, "vendor-a/ann-01", 100, 6);
        closeWindow(0);

        assertThat(fx.alerts.readValuesToList()).singleElement().satisfies(a -> {
            assertThat(a.getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(a.getRules()).contains("NELSON_1");
        });
    }

    @Test
    void shouldKeepEachAnnotatorsFunnelPointWhenAPhaseTwoWindowCloses() throws Exception {
        baseline();
        window(4, a -> a == 7 ? 7 : a < 9 ? 1 : 0);
        closeWindow(4);

        String stored = fx.driver
                .<String, String>getKeyValueStore(StoreNames.ERROR_RATE_FUNNEL)
                .get(ChartKeys.windowKey("ERROR_RATE/camera-2d-boxes/vehicle.car", hour(4).toEpochMilli()));
        List<Map<String, Object>> funnel = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(stored, new com.fasterxml.jackson.core.type.TypeReference<>() {});
        assertThat(funnel).hasSize(20).allSatisfy(p -> assertThat(p.get("n")).isEqualTo(10));
        assertThat(funnel)
                .filteredOn(p -> "HIGH".equals(p.get("outlier")))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.get("value")).isEqualTo("vendor-a/ann-07");
                    assertThat(p.get("d")).isEqualTo(7);
                    assertThat((Double) p.get("rate")).isEqualTo(0.7);
                    assertThat((Double) p.get("upper")).isLessThan(0.7);
                });
        assertThat(fx.driver
                        .<String, String>getKeyValueStore(StoreNames.ERROR_RATE_FUNNEL)
                        .get(ChartKeys.windowKey("ERROR_RATE/camera-2d-boxes/vehicle.car", hour(3).toEpochMilli())))
                .as("no funnel in Phase I")
                .isNull();
    }

    @Test
    void shouldKeepEachVendorsFunnelPointBesideTheAnnotatorsWhenAPhaseTwoWindowCloses() throws Exception {
        baseline();
        // every vendor-b annotator errs 4 times in 10; vendor-a is clean
        window(4, a -> a >= 10 ? 4 : 0);
        closeWindow(4);

        String stored = fx.driver
                .<String, String>getKeyValueStore(StoreNames.ERROR_RATE_FUNNEL)
                .get(ChartKeys.VENDOR_FUNNEL_PREFIX
                        + ChartKeys.windowKey("ERROR_RATE/camera-2d-boxes/vehicle.car", hour(4).toEpochMilli()));
        List<Map<String, Object>> vendors = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(stored, new com.fasterxml.jackson.core.type.TypeReference<>() {});

        assertThat(vendors)
                .extracting(p -> p.get("value"), p -> p.get("n"), p -> p.get("d"))
                .containsExactlyInAnyOrder(tuple("vendor-a", 100, 0), tuple("vendor-b", 100, 40));
        assertThat(vendors)
                .filteredOn(p -> "HIGH".equals(p.get("outlier")))
                .extracting(p -> p.get("value"))
                .containsExactly("vendor-b");
    }

    @Test
    void shouldWaitForTheConfiguredRunOfFunnelOutliersBeforeAnAnnotatorAlert() {
        reconfigure(Map.of("labelwatch.alerts.annotator.fire-after", "3"));
        baseline();
        for (int k = 4; k < 6; k++) {
            window(k, a -> a == 7 ? 7 : a < 9 ? 1 : 0);
            closeWindow(k);
        }
        assertThat(fx.alerts.readValuesToList()).noneMatch(a -> a.getScope() == AlertScope.ANNOTATOR);

        window(6, a -> a == 7 ? 7 : a < 9 ? 1 : 0);
        closeWindow(6);

        assertThat(fx.alerts.readValuesToList())
                .filteredOn(a -> a.getScope() == AlertScope.ANNOTATOR)
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.getSubject()).isEqualTo("vendor-a/ann-07");
                    assertThat(a.getSummary()).contains("for 3 consecutive windows");
                });
    }

    @Test
    void shouldPinStoreAndTopicNames() {
        String description = fx.topology.describe().toString();
        for (String store : StoreNames.ALL_STORES) {
            assertThat(description).contains(store);
        }
        TopicNames topics = TopicNames.defaults();
        assertThat(List.of(topics.reviews(), topics.labels(), topics.taxonomy(), topics.commands()))
                .containsExactly(
                        "annotation.reviews", "annotation.labels", "annotation.taxonomy", "labelwatch.commands");
        assertThat(List.of(topics.chartPoints(), topics.alerts(), topics.dlq()))
                .containsExactly("quality.chart-points", "quality.alerts", "quality.dlq");
        for (String topic : List.of(
                "annotation.reviews",
                "annotation.labels",
                "annotation.taxonomy",
                "labelwatch.commands",
                "quality.chart-points",
                "quality.alerts")) {
            assertThat(description)
                    .as("topology reads or writes %s", topic)
                    .containsPattern("(topic: |topics: \\[|, )" + java.util.regex.Pattern.quote(topic) + "[\\]),]");
        }
        assertThat(description)
                .contains("error-rate-input-by-chart-repartition")
                .contains("ingest-validate-reviews")
                .contains("error-rate-chart");
        assertThat(StoreNames.ALL_STORES)
                .containsExactly(
                        "taxonomy-classes-global",
                        "ingest-dedup-reviews",
                        "ingest-dedup-labels",
                        "error-rate-aggregates-window",
                        "error-rate-charts-state",
                        "error-rate-points-history",
                        "error-rate-funnel-window",
                        "alerts-latest-state",
                        "agreement-units-open",
                        "agreement-aggregates-window",
                        "agreement-matrices-window",
                        "agreement-charts-state",
                        "agreement-points-history",
                        "agreement-summary-window",
                        "agreement-alerts-latest-state");
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
