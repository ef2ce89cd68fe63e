package io.labelwatch.topology.agreement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelwatch.agreement.CoincidenceMatrix;
import io.labelwatch.agreement.Level;
import io.labelwatch.alerts.AlertIds;
import io.labelwatch.alerts.AlertText;
import io.labelwatch.attribution.Breakdown;
import io.labelwatch.attribution.ConsecutiveOutliers;
import io.labelwatch.attribution.Dimension;
import io.labelwatch.attribution.FunnelPlot;
import io.labelwatch.attribution.FunnelPoint;
import io.labelwatch.attribution.Outlier;
import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Cause;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.ChartType;
import io.labelwatch.events.Contributor;
import io.labelwatch.events.Metric;
import io.labelwatch.events.Phase;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.spc.Recovery;
import io.labelwatch.spc.SubgroupResult;
import io.labelwatch.topology.StoreNames;
import io.labelwatch.topology.errorrate.ChartKeys;
import io.labelwatch.topology.errorrate.ChartOutput;
import io.labelwatch.topology.state.OpenAlert;
import io.labelwatch.topology.watermark.InputWatermarks;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tumbling event-time windows of closed units per pipeline (key {@code AGREEMENT/<pipeline>/*}) and per (pipeline,
 * taxonomy top-level class) (key {@code AGREEMENT/<pipeline>/<top-level>}: its own alpha chart, rolling alpha and chart
 * alerts; annotator alerts and gold stay with the pipeline chart), closed when the
 * slowest input partition's watermark ({@link InputWatermarks}, sent by {@link UnitAssemblyProcessor}) passes their
 * end plus grace, or by the wall-clock idle close of the error-rate topology: after the repartition the units of all
 * labels partitions arrive interleaved, and a partition that lags must not have its units dropped as late. On each
 * closed window:
 *
 * <ul>
 *   <li><b>Agreement</b>: Krippendorff's alpha (at the pipeline's level, nominal by default) of the window's
 *       coincidence matrix is judged on an individuals
 *       chart (Phase I/II, run rules, EWMA, and the floor, which signals BELOW_FLOOR on its own) and published as a
 *       chart point (metric AGREEMENT, chart type INDIVIDUALS, n = pairable units; value null when alpha is undefined,
 *       e.g. every label the same). The window's matrix is kept, and the rolling alpha is the alpha of the sum of the
 *       last {@code rolling-windows} matrices — exact, since the matrices hold integer pair counts.
 *   <li><b>Annotators</b>: each annotator's disagreements with the consensus of the others, on a funnel around the
 *       window's pooled disagreement rate; two consecutive windows beyond the funnel raise a LOCALIZED alert of scope
 *       ANNOTATOR (metric AGREEMENT).
 *   <li><b>Gold</b>: gold errors (label ≠ gold_label) on a p chart with the error-rate chart settings; the chart point
 *       (key {@code GOLD_ACCURACY/<pipeline>/*}) reports <em>accuracy</em> = 1 − error rate, its centre and limits
 *       mirrored (lcl = 1 − ucl of the error rate) and its EWMA negated, so every number is on the accuracy scale.
 *       Annotators beyond the gold funnel raise ANNOTATOR alerts with metric GOLD_ACCURACY.
 *   <li><b>Detail</b> for the HTTP API (store {@code agreement-summary-window}, JSON): window and rolling alpha,
 *       per-class agreement (o_cc / n_c: how often a class is matched when used), the top confusions (class pairs
 *       by coincidences), annotator agreement and funnel, and gold accuracy by annotator and by class.
 * </ul>
 *
 * <p>Chart alerts follow the error-rate lifecycle: FIRING on a signal, re-published with the same deterministic id on
 * further signals, RESOLVED after {@code alerts.resolve-after} in-control windows. An agreement chart alert is
 * LOCALIZED, naming the annotators outside the funnel, when there are any in that window; else UNDETERMINED.
 */
final class AgreementProcessor implements Processor<String, AgreementInput, String, ChartOutput> {
    private static final String META_KEY = "\u0000meta";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOP_CONFUSIONS = 5;

    private final AgreementSettings settings;
    private final LabelwatchMetrics metrics;
    private final AgreementMeters meters;

    private ProcessorContext<String, ChartOutput> context;
    private KeyValueStore<String, byte[]> windows;
    private KeyValueStore<String, byte[]> matrices;
    private KeyValueStore<String, byte[]> charts;
    private KeyValueStore<String, ChartPoint> points;
    private KeyValueStore<String, String> summaries;
    private KeyValueStore<String, QualityAlert> alerts;

    /** Open windows by the time they close (end + grace): store keys. */
    private final NavigableMap<Long, Set<String>> dueAt = new TreeMap<>();

    private long streamTime = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private final InputWatermarks inputs;

    AgreementProcessor(AgreementSettings settings, LabelwatchMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.meters = new AgreementMeters(metrics);
        this.inputs = new InputWatermarks(
                settings.base().sourcePartitions(), settings.base().idleClose());
    }

    /** Store key of one window of a chart: sorts by chart, then by window start. */
    static String windowKey(String chartKey, long windowStart) {
        return chartKey + "@" + String.format(Locale.ROOT, "%020d", windowStart);
    }

    static String chartKeyOfWindow(String windowKey) {
        return windowKey.substring(0, windowKey.lastIndexOf('@'));
    }

    @Override
    public void init(ProcessorContext<String, ChartOutput> context) {
        this.context = context;
        this.windows = context.getStateStore(StoreNames.AGREEMENT_WINDOWS);
        this.matrices = context.getStateStore(StoreNames.AGREEMENT_MATRICES);
        this.charts = context.getStateStore(StoreNames.AGREEMENT_CHARTS);
        this.points = context.getStateStore(StoreNames.AGREEMENT_POINTS);
        this.summaries = context.getStateStore(StoreNames.AGREEMENT_SUMMARY);
        this.alerts = context.getStateStore(StoreNames.AGREEMENT_ALERTS);
        restoreIndex();
        inputs.start(context.currentSystemTimeMs(), watermark);
        context.schedule(
                UnitAssemblyProcessor.punctuationInterval(settings.base().idleClose()),
                PunctuationType.WALL_CLOCK_TIME,
                this::closeIdleWindows);
    }

    private void restoreIndex() {
        long size = settings.base().windowSize().toMillis();
        long grace = settings.base().grace().toMillis();
        try (KeyValueIterator<String, byte[]> all = windows.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (entry.key.equals(META_KEY)) {
                    ByteBuffer buffer = ByteBuffer.wrap(entry.value);
                    streamTime = buffer.getLong();
                    watermark = buffer.getLong();
                } else {
                    long start = Long.parseLong(entry.key.substring(entry.key.lastIndexOf('@') + 1));
                    dueAt.computeIfAbsent(start + size + grace, t -> new TreeSet<>())
                            .add(entry.key);
                }
            }
        }
    }

    @Override
    public void process(Record<String, AgreementInput> record) {
        if (record.value() instanceof ClosedUnit unit) {
            add(record.key(), unit);
        } else if (record.value() instanceof AgreementInput.Watermark mark) {
            long now = context.currentSystemTimeMs();
            inputs.heard(mark.sourcePartition(), mark.time(), mark.idle(), now);
            advance(now);
        }
    }

    private void add(String chartKey, ClosedUnit unit) {
        long size = settings.base().windowSize().toMillis();
        long start = Math.floorDiv(unit.eventTime(), size) * size;
        long closesAt = start + size + settings.base().grace().toMillis();
        if (closesAt <= watermark) {
            if (topLevelClassOf(chartKey) == null) {
                meters.unit(AgreementMeters.UnitOutcome.LATE);
            }
            return;
        }
        String key = windowKey(chartKey, start);
        byte[] stored = windows.get(key);
        WindowAgreement window = stored == null
                ? new WindowAgreement(unit.pipeline(), start, start + size)
                : WindowAgreement.fromBytes(stored);
        window.add(unit);
        windows.put(key, window.toBytes());
        if (stored == null) {
            dueAt.computeIfAbsent(closesAt, t -> new TreeSet<>()).add(key);
        }
        if (unit.eventTime() > streamTime) {
            streamTime = unit.eventTime();
        }
    }

    private void advance(long now) {
        inputs.advance(now, streamTime).ifPresent(this::closeUpTo);
    }

    /** Wall-clock punctuation: when the input partitions' watermarks stall, extrapolate by the wall time passed. */
    void closeIdleWindows(long wallClockNow) {
        advance(wallClockNow);
        if (!dueAt.isEmpty()) {
            inputs.idleCloseTime(wallClockNow, streamTime, dueAt.firstKey()).ifPresent(this::closeUpTo);
        }
    }

    private void closeUpTo(long time) {
        while (!dueAt.isEmpty() && dueAt.firstKey() <= time) {
            for (String key : dueAt.pollFirstEntry().getValue()) {
                byte[] stored = windows.get(key);
                if (stored != null) {
                    windows.delete(key);
                    close(chartKeyOfWindow(key), WindowAgreement.fromBytes(stored));
                }
            }
        }
        if (time > watermark) {
            watermark = time;
        }
        windows.put(
                META_KEY,
                ByteBuffer.allocate(16).putLong(streamTime).putLong(watermark).array());
    }

    private void close(String chartKey, WindowAgreement w) {
        byte[] stored = charts.get(chartKey);
        AgreementState state = stored == null
                ? AgreementState.fresh(settings.alphaChart(), settings.base().chart())
                : AgreementState.fromBytes(
                        settings.alphaChart(), settings.base().chart(), stored);
        state.windows++;
        String classLabel = topLevelClassOf(chartKey);
        Level level = settings.levelFor(w.pipeline);
        ObjectNode summary = JSON.createObjectNode()
                .put("pipeline", w.pipeline)
                .put("class_label", classLabel)
                .put("level", level.name())
                .put("attribute", settings.attributeFor(w.pipeline))
                .put("window_start", w.windowStart)
                .put("window_end", w.windowEnd);

        CoincidenceMatrix rolling = rollingMatrix(chartKey, w);
        double windowAlpha = alpha(w.matrix, level);
        double rollingAlpha = alpha(rolling, level);
        putFinite(summary, "alpha", windowAlpha);
        putFinite(summary, "rolling_alpha", rollingAlpha);
        summary.put("rolling_units", rolling.pairableUnits());
        summary.put("pairable_units", w.matrix.pairableUnits());
        summary.put("partial_units", w.partialUnits);
        describeMatrix(summary, w.matrix);

        if (!w.matrix.isEmpty()) {
            List<FunnelPoint> funnel = annotatorFunnel(w.consensus);
            summary.set("annotators", funnelJson(funnel));
            if (classLabel == null) {
                for (ConsecutiveOutliers.Event event : state.agreementOutliers.update(funnel)) {
                    annotatorAlert(Metric.AGREEMENT, chartKey, w, state, event, pooledRate(w.consensus));
                }
            }
            agreementChart(chartKey, classLabel, w, state, windowAlpha, funnel);
            metrics.rollingAlpha(w.pipeline, classLabel, rollingAlpha);
        }
        if (classLabel == null && w.goldByAnnotator.totalN() > 0) {
            String goldKey = ChartKeys.of(Metric.GOLD_ACCURACY, w.pipeline, null);
            List<FunnelPoint> funnel = annotatorFunnel(w.goldByAnnotator);
            summary.set("gold", goldJson(w, funnel));
            for (ConsecutiveOutliers.Event event : state.goldOutliers.update(funnel)) {
                annotatorAlert(Metric.GOLD_ACCURACY, goldKey, w, state, event, pooledRate(w.goldByAnnotator));
            }
            goldChart(goldKey, w, state);
        }
        summaries.put(windowKey(chartKey, w.windowStart), summary.toString());
        pruneHistory(chartKey, w.pipeline, w.windowStart);
        charts.put(chartKey, state.toBytes());
    }

    /** The top-level class of a per-class agreement chart key, or null for the pipeline-wide chart. */
    static String topLevelClassOf(String chartKey) {
        String last = chartKey.substring(chartKey.indexOf('/', chartKey.indexOf('/') + 1) + 1);
        return last.equals("*") ? null : last;
    }

    /**
     * Alpha of a matrix at the pipeline's level; NaN when its values do not suit the level (a matrix kept from before
     * the pipeline's level was changed to a numeric one), rather than failing the task.
     */
    private static double alpha(CoincidenceMatrix matrix, Level level) {
        try {
            return matrix.alpha(level).alpha();
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    /** Stores the window's matrix and returns the sum of the last {@code rolling-windows} closed windows' matrices. */
    private CoincidenceMatrix rollingMatrix(String chartKey, WindowAgreement w) {
        matrices.put(windowKey(chartKey, w.windowStart), w.matrix.toBytes());
        long from = w.windowStart
                - (settings.rollingWindows() - 1L)
                        * settings.base().windowSize().toMillis();
        CoincidenceMatrix rolling = new CoincidenceMatrix();
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> range =
                matrices.range(windowKey(chartKey, 0), windowKey(chartKey, w.windowStart))) {
            while (range.hasNext()) {
                KeyValue<String, byte[]> entry = range.next();
                if (entry.key.compareTo(windowKey(chartKey, Math.max(from, 0))) < 0) {
                    expired.add(entry.key);
                } else {
                    rolling.merge(CoincidenceMatrix.fromBytes(entry.value));
                }
            }
        }
        expired.forEach(matrices::delete);
        return rolling;
    }

    private void agreementChart(
            String chartKey,
            String classLabel,
            WindowAgreement w,
            AgreementState state,
            double alpha,
            List<FunnelPoint> funnel) {
        long units = w.matrix.pairableUnits();
        if (!Double.isFinite(alpha)) {
            ChartPoint undefined = ChartPoint.newBuilder()
                    .setChartKey(chartKey)
                    .setMetric(Metric.AGREEMENT)
                    .setPipeline(w.pipeline)
                    .setClassLabel(classLabel)
                    .setWindowStart(Instant.ofEpochMilli(w.windowStart))
                    .setWindowEnd(Instant.ofEpochMilli(w.windowEnd))
                    .setChartType(ChartType.INDIVIDUALS)
                    .setPhase(Phase.valueOf(state.alpha.phase().name()))
                    .setN(units)
                    .setCenter(state.alpha.center())
                    .setEmittedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                    .build();
            publishPoint(undefined, w);
            return;
        }
        SubgroupResult r = state.alpha.update(alpha, units);
        ChartPoint point = point(chartKey, Metric.AGREEMENT, w, r, units, 0, false);
        point.setClassLabel(classLabel);
        publishPoint(point, w);
        List<FunnelPoint> outliers =
                funnel.stream().filter(p -> p.outlier() == Outlier.HIGH).toList();
        Cause cause = outliers.isEmpty() ? Cause.UNDETERMINED : Cause.LOCALIZED;
        List<Contributor> contributors = outliers.stream()
                .sorted(Comparator.comparingDouble(FunnelPoint::zScore).reversed())
                .limit(5)
                .map(p -> contributor(p, pooledRate(w.consensus)))
                .toList();
        List<Confusion> confusions = topConfusions(w.matrix);
        String mostConfused = confusions.isEmpty()
                ? ""
                : "; most confused: " + confusions.get(0).a() + " <-> "
                        + confusions.get(0).b();
        String summary = String.format(
                Locale.ROOT,
                "Krippendorff's alpha%s in %s at %.3f (centre %s, limits %s to %s, floor %s) over %d units: %s — %s%s",
                measured(w.pipeline),
                classLabel == null ? w.pipeline : w.pipeline + ", class " + classLabel,
                alpha,
                fmt(point.getCenter()),
                fmt(point.getLcl()),
                fmt(point.getUcl()),
                fmt(settings.alphaChart().floor()),
                units,
                String.join(", ", r.signals()),
                cause.name(),
                mostConfused);
        chartAlert(Metric.AGREEMENT, chartKey, w, state, r, point, cause, contributors, summary);
    }

    /** How a pipeline's alpha is measured, when not the default nominal alpha on class_label: " (ORDINAL on x)". */
    private String measured(String pipeline) {
        String attribute = settings.attributeFor(pipeline);
        Level level = settings.levelFor(pipeline);
        if (attribute == null && level == Level.NOMINAL) {
            return "";
        }
        return " (" + level + " on " + (attribute == null ? "class_label" : attribute) + ")";
    }

    private void goldChart(String goldKey, WindowAgreement w, AgreementState state) {
        long n = w.goldByAnnotator.totalN();
        long errors = w.goldByAnnotator.totalD();
        SubgroupResult r = state.gold.update(n, errors);
        ChartPoint point = point(goldKey, Metric.GOLD_ACCURACY, w, r, n, errors, true);
        publishPoint(point, w);
        String summary = String.format(
                Locale.ROOT,
                "gold accuracy in %s at %s (centre %s, lower limit %s) over %d gold labels: %s",
                w.pipeline,
                AlertText.percent(point.getValue() == null ? Double.NaN : point.getValue()),
                point.getCenter() == null ? "n/a" : AlertText.percent(point.getCenter()),
                point.getLcl() == null ? "n/a" : AlertText.percent(point.getLcl()),
                n,
                String.join(", ", r.signals()));
        chartAlert(Metric.GOLD_ACCURACY, goldKey, w, state, r, point, Cause.UNDETERMINED, List.of(), summary);
    }

    private void publishPoint(ChartPoint point, WindowAgreement w) {
        emit(new ChartOutput.Point(point), w.windowEnd);
        points.put(windowKey(point.getChartKey(), w.windowStart), point);
        metrics.chartPoint(point);
    }

    private void chartAlert(
            Metric metric,
            String chartKey,
            WindowAgreement w,
            AgreementState state,
            SubgroupResult r,
            ChartPoint point,
            Cause cause,
            List<Contributor> contributors,
            String firingSummary) {
        // Agreement pages when it falls and gold accuracy when its errors rise; the other side is only charted. Class
        // charts alert only when asked for (labelwatch.agreement.class-alerts).
        boolean worse = metric == Metric.AGREEMENT ? r.signalledDown() : r.signalledUp();
        boolean alerting = metric != Metric.AGREEMENT || settings.classAlerts() || topLevelClassOf(chartKey) == null;
        boolean signalled = alerting && worse && !r.belowMinSample();
        OpenAlert open = metric == Metric.AGREEMENT ? state.alphaAlert : state.goldAlert;
        AlertStatus status;
        if (signalled) {
            if (open == null) {
                open = new OpenAlert(
                        AlertIds.of(metric.name(), AlertScope.CHART.name(), chartKey, null, w.windowStart),
                        w.windowEnd,
                        0,
                        0);
            }
            open.occurrences++;
            open.inControlRun = 0;
            open.recentZ = new double[0];
            status = AlertStatus.FIRING;
        } else if (open != null && !r.belowMinSample()) {
            open.inControlRun++;
            open.recentZ = Recovery.push(open.recentZ, r.z(), settings.base().resolveAfter());
            Recovery.Side pages = metric == Metric.AGREEMENT ? Recovery.Side.DOWN : Recovery.Side.UP;
            if (open.inControlRun < settings.base().resolveAfter()
                    || !Recovery.back(open.recentZ, settings.base().resolveMaxZ(), pages)) {
                return;
            }
            status = AlertStatus.RESOLVED;
        } else {
            return;
        }
        QualityAlert previous = alerts.get(open.alertId);
        String summary = status == AlertStatus.FIRING
                ? firingSummary
                : metric.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " in " + w.pipeline
                        + " back in control for " + open.inControlRun + " windows ("
                        + AlertText.combinedZ(open.recentZ) + ")";
        publish(QualityAlert.newBuilder()
                .setAlertId(open.alertId)
                .setStatus(status)
                .setMetric(metric)
                .setScope(AlertScope.CHART)
                .setChartKey(chartKey)
                .setPipeline(w.pipeline)
                .setClassLabel(point.getClassLabel())
                .setSubject(null)
                .setWindowStart(Instant.ofEpochMilli(w.windowStart))
                .setWindowEnd(Instant.ofEpochMilli(w.windowEnd))
                .setObserved(point.getValue())
                .setCenter(point.getCenter())
                .setLcl(point.getLcl())
                .setUcl(point.getUcl())
                .setN(point.getN())
                .setDefects(point.getDefects())
                .setRules(status == AlertStatus.FIRING || previous == null ? r.signals() : previous.getRules())
                .setCause(status == AlertStatus.FIRING || previous == null ? cause : previous.getCause())
                .setContributors(
                        status == AlertStatus.FIRING || previous == null ? contributors : previous.getContributors())
                .setPValues(Map.of())
                .setSeverity(settings.base().defaultSeverity())
                .setOccurrences(open.occurrences)
                .setFirstFiredAt(Instant.ofEpochMilli(open.firstFiredAt))
                .setResolvedAt(status == AlertStatus.RESOLVED ? Instant.ofEpochMilli(w.windowEnd) : null)
                .setSummary(summary)
                .setRunbookUrl(settings.base().runbookFor(metric.name()))
                .build());
        OpenAlert next = status == AlertStatus.RESOLVED ? null : open;
        if (metric == Metric.AGREEMENT) {
            state.alphaAlert = next;
        } else {
            state.goldAlert = next;
        }
    }

    /**
     * An ANNOTATOR alert on the funnel of disagreements with the consensus (AGREEMENT) or of gold errors
     * (GOLD_ACCURACY); reported on the agreement / accuracy scale (observed = 1 − rate, lcl = 1 − upper limit).
     */
    private void annotatorAlert(
            Metric metric,
            String chartKey,
            WindowAgreement w,
            AgreementState state,
            ConsecutiveOutliers.Event event,
            double p0) {
        String annotator = event.annotator();
        String key = metric.name() + "|" + annotator;
        OpenAlert open = state.annotatorAlerts.get(key);
        switch (event.transition()) {
            case FIRING, UPDATED -> {
                if (open == null) {
                    open = new OpenAlert(
                            AlertIds.of(metric.name(), AlertScope.ANNOTATOR.name(), chartKey, annotator, w.windowStart),
                            w.windowEnd,
                            0,
                            0);
                    state.annotatorAlerts.put(key, open);
                }
                open.occurrences++;
            }
            case RESOLVED -> {
                if (open == null) {
                    return;
                }
                state.annotatorAlerts.remove(key);
            }
        }
        FunnelPoint p = event.point();
        AlertStatus status = event.transition() == ConsecutiveOutliers.Transition.RESOLVED
                ? AlertStatus.RESOLVED
                : AlertStatus.FIRING;
        String what = metric == Metric.AGREEMENT ? "agreement with the others' consensus" : "gold accuracy";
        String summary = status == AlertStatus.RESOLVED || p == null
                ? "annotator " + annotator + " back within the funnel on " + what + " in " + w.pipeline
                : String.format(
                        Locale.ROOT,
                        "annotator %s %s %s in %s below funnel limit %s (n=%d) for %d consecutive windows"
                                + " — LOCALIZED: one annotator",
                        annotator,
                        what,
                        AlertText.percent(1 - p.rate()),
                        w.pipeline,
                        AlertText.percent(1 - p.upper()),
                        p.n(),
                        event.consecutiveHigh());
        publish(QualityAlert.newBuilder()
                .setAlertId(open.alertId)
                .setStatus(status)
                .setMetric(metric)
                .setScope(AlertScope.ANNOTATOR)
                .setChartKey(chartKey)
                .setPipeline(w.pipeline)
                .setClassLabel(null)
                .setSubject(annotator)
                .setWindowStart(Instant.ofEpochMilli(w.windowStart))
                .setWindowEnd(Instant.ofEpochMilli(w.windowEnd))
                .setObserved(p == null ? null : finite(1 - p.rate()))
                .setCenter(finite(1 - p0))
                .setLcl(p == null ? null : finite(1 - p.upper()))
                .setUcl(p == null ? null : finite(1 - p.lower()))
                .setN(p == null ? 0 : p.n())
                .setDefects(p == null ? 0 : p.d())
                .setRules(List.of("FUNNEL"))
                .setCause(Cause.LOCALIZED)
                .setContributors(p == null ? List.of() : List.of(contributor(p, p0)))
                .setPValues(Map.of())
                .setSeverity(settings.base().defaultSeverity())
                .setOccurrences(open.occurrences)
                .setFirstFiredAt(Instant.ofEpochMilli(open.firstFiredAt))
                .setResolvedAt(status == AlertStatus.RESOLVED ? Instant.ofEpochMilli(w.windowEnd) : null)
                .setSummary(summary)
                .setRunbookUrl(settings.base().runbookFor("annotator"))
                .build());
    }

    private static Contributor contributor(FunnelPoint p, double p0) {
        double excess = p.d() - p.n() * p0;
        return Contributor.newBuilder()
                .setDimension(Dimension.ANNOTATOR.fieldName())
                .setValue(p.value())
                .setN(p.n())
                .setDefects(p.d())
                .setExcessDefects(Double.isFinite(excess) ? excess : 0)
                .setShareOfExcess(1.0)
                .build();
    }

    /** Funnel of the annotators around the window's pooled rate; empty when that rate is 0 or 1 (nothing to tell). */
    private List<FunnelPoint> annotatorFunnel(Breakdown annotators) {
        double p0 = pooledRate(annotators);
        if (!(p0 > 0 && p0 < 1)) {
            return List.of();
        }
        return FunnelPlot.assess(annotators, p0, settings.base().funnel());
    }

    private static double pooledRate(Breakdown b) {
        return b.totalN() == 0 ? Double.NaN : (double) b.totalD() / b.totalN();
    }

    private void publish(QualityAlert alert) {
        alerts.put(alert.getAlertId(), alert);
        metrics.alert(alert);
        emit(new ChartOutput.Alert(alert), alert.getWindowEnd().toEpochMilli());
    }

    private void emit(ChartOutput output, long timestamp) {
        String key = output instanceof ChartOutput.Point p
                ? p.point().getChartKey()
                : ((ChartOutput.Alert) output).alert().getAlertId();
        context.forward(new Record<>(key, output, timestamp));
    }

    /** A chart point; {@code accuracy} mirrors a p chart of errors onto the accuracy scale. */
    private ChartPoint point(
            String chartKey,
            Metric metric,
            WindowAgreement w,
            SubgroupResult r,
            long n,
            long defects,
            boolean accuracy) {
        return ChartPoint.newBuilder()
                .setChartKey(chartKey)
                .setMetric(metric)
                .setPipeline(w.pipeline)
                .setClassLabel(null)
                .setWindowStart(Instant.ofEpochMilli(w.windowStart))
                .setWindowEnd(Instant.ofEpochMilli(w.windowEnd))
                .setChartType(ChartType.valueOf(r.chartType().name()))
                .setPhase(Phase.valueOf(r.phase().name()))
                .setN(n)
                .setDefects(defects)
                .setValue(finite(accuracy ? 1 - r.value() : r.value()))
                .setCenter(accuracy ? complement(r.centre()) : r.centre())
                .setLcl(accuracy ? complement(r.ucl()) : r.lcl())
                .setUcl(accuracy ? complement(r.lcl()) : r.ucl())
                .setSigmaZ(r.sigmaZ())
                .setEwma(accuracy && r.ewma() != null ? Double.valueOf(-r.ewma()) : r.ewma())
                .setEwmaLimit(r.ewmaLimit())
                .setCusumHi(accuracy ? r.cusumLo() : r.cusumHi())
                .setCusumLo(accuracy ? r.cusumHi() : r.cusumLo())
                .setSignals(r.signals())
                .setBelowMinSample(r.belowMinSample())
                .setEmittedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
    }

    /** Two different values annotators gave the same units, with their coincidences o_ab. */
    private record Confusion(String a, String b, double coincidences) {}

    /**
     * The value pairs with the most coincidences between different values, most first (ties by name), at most
     * {@value #TOP_CONFUSIONS}.
     */
    private static List<Confusion> topConfusions(CoincidenceMatrix matrix) {
        List<String> values = new ArrayList<>(matrix.values());
        List<Confusion> confusions = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            for (int j = i + 1; j < values.size(); j++) {
                double o = matrix.coincidence(values.get(i), values.get(j));
                if (o > 0) {
                    confusions.add(new Confusion(values.get(i), values.get(j), o));
                }
            }
        }
        confusions.sort(Comparator.comparingDouble(Confusion::coincidences)
                .reversed()
                .thenComparing(Confusion::a)
                .thenComparing(Confusion::b));
        return confusions.subList(0, Math.min(TOP_CONFUSIONS, confusions.size()));
    }

    /** Per-class agreement (o_cc / n_c) and the class pairs with the most coincidences between different labels. */
    private static void describeMatrix(ObjectNode summary, CoincidenceMatrix matrix) {
        ObjectNode perClass = summary.putObject("per_class");
        for (String c : matrix.values()) {
            long n = matrix.valueCount(c);
            perClass.putObject(c).put("n", n).put("agreement", n == 0 ? 0 : matrix.coincidence(c, c) / n);
        }
        ArrayNode top = summary.putArray("confusions");
        for (Confusion c : topConfusions(matrix)) {
            top.addObject().put("a", c.a()).put("b", c.b()).put("coincidences", c.coincidences());
        }
    }

    private static ArrayNode funnelJson(List<FunnelPoint> funnel) {
        ArrayNode out = JSON.createArrayNode();
        for (FunnelPoint p : funnel) {
            ObjectNode node = out.addObject()
                    .put("annotator", p.value())
                    .put("n", p.n())
                    .put("misses", p.d())
                    .put("outlier", p.outlier().name());
            putFinite(node, "rate", 1 - p.rate());
            putFinite(node, "lower", 1 - p.upper());
            putFinite(node, "upper", 1 - p.lower());
        }
        return out;
    }

    private static ObjectNode goldJson(WindowAgreement w, List<FunnelPoint> funnel) {
        ObjectNode gold =
                JSON.createObjectNode().put("n", w.goldByAnnotator.totalN()).put("errors", w.goldByAnnotator.totalD());
        putFinite(gold, "accuracy", 1 - pooledRate(w.goldByAnnotator));
        ObjectNode byClass = gold.putObject("by_class");
        w.goldByClass
                .values()
                .forEach((c, counts) -> byClass.putObject(c)
                        .put("n", counts.n())
                        .put("errors", counts.d())
                        .put("accuracy", 1 - counts.rate()));
        ObjectNode byAnnotator = gold.putObject("by_annotator");
        w.goldByAnnotator
                .values()
                .forEach((a, counts) -> byAnnotator
                        .putObject(a)
                        .put("n", counts.n())
                        .put("errors", counts.d())
                        .put("accuracy", 1 - counts.rate()));
        gold.set("funnel", funnelJson(funnel));
        return gold;
    }

    /** Drops chart points, summaries and detail older than the history retention. */
    private void pruneHistory(String chartKey, String pipeline, long newestStart) {
        long cutoff = newestStart - settings.base().historyRetention().toMillis();
        if (cutoff <= 0) {
            return;
        }
        for (String key : List.of(chartKey, ChartKeys.of(Metric.GOLD_ACCURACY, pipeline, null))) {
            List<String> old = new ArrayList<>();
            try (KeyValueIterator<String, ChartPoint> range = points.range(windowKey(key, 0), windowKey(key, cutoff))) {
                while (range.hasNext()) {
                    old.add(range.next().key);
                }
            }
            old.forEach(points::delete);
        }
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, String> range =
                summaries.range(windowKey(chartKey, 0), windowKey(chartKey, cutoff))) {
            while (range.hasNext()) {
                old.add(range.next().key);
            }
        }
        old.forEach(summaries::delete);
    }

    private static void putFinite(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    private static Double complement(Double value) {
        return value == null ? null : 1 - value;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String fmt(Double value) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }
}
