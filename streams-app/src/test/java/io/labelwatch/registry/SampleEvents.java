package io.labelwatch.registry;

import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Box2D;
import io.labelwatch.events.Cause;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.ChartType;
import io.labelwatch.events.Contributor;
import io.labelwatch.events.Cuboid3D;
import io.labelwatch.events.ErrorType;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.Metric;
import io.labelwatch.events.Modality;
import io.labelwatch.events.Phase;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.ReviewStage;
import io.labelwatch.events.SafetyCriticality;
import io.labelwatch.events.Sampling;
import io.labelwatch.events.TaxonomyClass;
import io.labelwatch.events.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One fully populated instance of every event type (unions set to their non-null branch). */
final class SampleEvents {
    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    private SampleEvents() {}

    static LabelEvent label() {
        return LabelEvent.newBuilder()
                .setEventId("evt-1")
                .setUnitId("unit-1")
                .setItemId("frame-9")
                .setPipeline("camera-2d-boxes")
                .setModality(Modality.CAMERA)
                .setTaxonomyVersion("tx-3")
                .setClassLabel("human.pedestrian.adult")
                .setAttributes(Map.of("occlusion", "2"))
                .setAnnotatorId("ann-7")
                .setVendor("vendor-a")
                .setTaskId("task-1")
                .setGuidelineVersion("g-12")
                .setToolVersion("1.4.0")
                .setExpectedAnnotations(3)
                .setGoldLabel("human.pedestrian.child")
                .setGeometry(new Box2D(1.5, 2.5, 30.0, 60.0))
                .setLabeledAt(T0)
                .build();
    }

    static LabelEvent lidarLabel() {
        LabelEvent label = label();
        label.setModality(Modality.LIDAR);
        label.setGeometry(new Cuboid3D(1.0, 2.0, 0.5, 4.2, 1.8, 1.5, 0.3));
        label.setGoldLabel(null);
        return label;
    }

    static ReviewEvent review() {
        return ReviewEvent.newBuilder()
                .setEventId("rev-1")
                .setLabelEventId("evt-1")
                .setUnitId("unit-1")
                .setPipeline("camera-2d-boxes")
                .setModality(Modality.CAMERA)
                .setTaxonomyVersion("tx-3")
                .setClassLabel("human.pedestrian.adult")
                .setAnnotatorId("ann-7")
                .setVendor("vendor-a")
                .setGuidelineVersion("g-12")
                .setToolVersion("1.4.0")
                .setReviewerId("qa-2")
                .setStage(ReviewStage.EXPERT_AUDIT)
                .setSampling(Sampling.RANDOM)
                .setSamplingRate(0.05)
                .setVerdict(Verdict.CORRECTED)
                .setErrorTypes(List.of(ErrorType.WRONG_CLASS, ErrorType.GEOMETRY))
                .setCorrectedClass("human.pedestrian.child")
                .setReviewedAt(T0.plusSeconds(60))
                .build();
    }

    static TaxonomyClass taxonomy() {
        return TaxonomyClass.newBuilder()
                .setTaxonomyVersion("tx-3")
                .setClassLabel("vehicle.bicycle")
                .setParent("vehicle")
                .setSafetyCriticality(SafetyCriticality.HIGH)
                .setDeprecated(true)
                .setDefinition("A pedal-driven two-wheeler.")
                .build();
    }

    static ChartPoint chartPoint() {
        return ChartPoint.newBuilder()
                .setChartKey("ERROR_RATE/camera-2d-boxes/vehicle.bicycle")
                .setMetric(Metric.ERROR_RATE)
                .setPipeline("camera-2d-boxes")
                .setClassLabel("vehicle.bicycle")
                .setWindowStart(T0)
                .setWindowEnd(T0.plusSeconds(3600))
                .setChartType(ChartType.LANEY_P)
                .setPhase(Phase.PHASE_II)
                .setN(400)
                .setDefects(22)
                .setTargeted(5)
                .setValue(0.055)
                .setCenter(0.04)
                .setLcl(0.01)
                .setUcl(0.07)
                .setSigmaZ(1.3)
                .setEwma(0.8)
                .setEwmaLimit(1.1)
                .setCusumHi(2.0)
                .setCusumLo(0.0)
                .setSignals(List.of("NELSON_2", "EWMA_HIGH"))
                .setBelowMinSample(false)
                .setDefectsByErrorType(Map.of("WRONG_CLASS", 12L, "GEOMETRY", 10L))
                .setEmittedAt(T0.plusSeconds(3700))
                .build();
    }

    static QualityAlert alert() {
        return QualityAlert.newBuilder()
                .setAlertId("alert-1")
                .setStatus(AlertStatus.RESOLVED)
                .setMetric(Metric.AGREEMENT)
                .setScope(AlertScope.VENDOR)
                .setChartKey("AGREEMENT/camera-2d-boxes/*")
                .setPipeline("camera-2d-boxes")
                .setClassLabel(null)
                .setSubject("vendor-a")
                .setWindowStart(T0)
                .setWindowEnd(T0.plusSeconds(3600))
                .setObserved(0.61)
                .setCenter(0.8)
                .setLcl(0.7)
                .setUcl(0.9)
                .setN(120)
                .setDefects(0)
                .setRules(List.of("FUNNEL"))
                .setCause(Cause.LOCALIZED)
                .setContributors(List.of(new Contributor("vendor", "vendor-a", 80L, 20L, 9.5, 0.75)))
                .setPValues(Map.of("vendor", 0.001))
                .setSeverity(SafetyCriticality.CRITICAL)
                .setOccurrences(4)
                .setFirstFiredAt(T0.plusSeconds(3600))
                .setResolvedAt(T0.plusSeconds(4 * 3600))
                .setSummary("vendor-a agreement 0.61 below funnel limit 0.70")
                .setRunbookUrl("https://runbooks.example/agreement")
                .build();
    }
}
