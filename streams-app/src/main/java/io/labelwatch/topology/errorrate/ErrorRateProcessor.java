package io.labelwatch.topology.errorrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelwatch.alerts.AlertIds;
import io.labelwatch.alerts.AlertText;
import io.labelwatch.attribution.Attribution;
import io.labelwatch.attribution.AttributionResult;
import io.labelwatch.attribution.ConsecutiveOutliers;
import io.labelwatch.attribution.Contributor;
import io.labelwatch.attribution.Dimension;
import io.labelwatch.attribution.FunnelPlot;
import io.labelwatch.attribution.FunnelPoint;
import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.Cause;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.ChartType;
import io.labelwatch.events.Metric;
import io.labelwatch.events.Phase;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.SafetyCriticality;
import io.labelwatch.events.TaxonomyClass;
import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.metrics.Outcome;
import io.labelwatch.spc.Recovery;
import io.labelwatch.spc.SubgroupResult;
import io.labelwatch.topology.StoreNames;
import io.labelwatch.topology.ingest.StoreTaxonomyLookup;
import io.labelwatch.topology.state.OpenAlert;
import io.labelwatch.topology.watermark.InputWatermarks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tumbling event-time windows per chart key, closed when stream time passes their end plus grace, and the control
 * chart, funnel and alert lifecycle that run on every closed window.
 *
 * <p>Windows close on the smallest watermark of the input partitions ({@link InputWatermarks}, fed by
 * {@link ObservationProcessor}), not on the largest review time seen: after the repartition the reviews of all input
 * partitions arrive interleaved, and a partition that lags (a backlog being replayed) must not have its reviews
 * dropped as late. Operator commands carry wall-clock timestamps and never move time. When the watermark stalls for
 * {@code idleClose} of wall time, a wall-clock punctuation extrapolates from the newest review by the wall time
 * elapsed and closes what is due, so a quiet pipeline does not hold an alert back. A review whose window has already
 * closed is counted as late.
 */
final class ErrorRateProcessor implements Processor<String, ChartInput, String, ChartOutput> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorRateProcessor.class);
    private static final String META_KEY = "\u0000meta";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ErrorRateSettings settings;
    private final LabelwatchMetrics metrics;
    private final String reviewsTopic;

    private ProcessorContext<String, ChartOutput> context;
    private KeyValueStore<String, byte[]> windows;
    private KeyValueStore<String, byte[]> charts;
    private KeyValueStore<String, ChartPoint> points;
    private KeyValueStore<String, String> funnels;
    private KeyValueStore<String, QualityAlert> alerts;
    private StoreTaxonomyLookup taxonomy;

    /** Open windows by the time they close (end + grace): store keys. */
    private final NavigableMap<Long, Set<String>> dueAt = new TreeMap<>();

    private long streamTime = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private final InputWatermarks inputs;

    ErrorRateProcessor(ErrorRateSettings settings, LabelwatchMetrics metrics, String reviewsTopic) {
        this.settings = settings;
        this.metrics = metrics;
        this.reviewsTopic = reviewsTopic;
        this.inputs = new InputWatermarks(settings.sourcePartitions(), settings.idleClose());
    }

    @Override
    public void init(ProcessorContext<String, ChartOutput> context) {
        this.context = context;
        this.windows = context.getStateStore(StoreNames.ERROR_RATE_WINDOWS);
        this.charts = context.getStateStore(StoreNames.ERROR_RATE_CHARTS);
        this.points = context.getStateStore(StoreNames.ERROR_RATE_POINTS);
        this.funnels = context.getStateStore(StoreNames.ERROR_RATE_FUNNEL);
        this.alerts = context.getStateStore(StoreNames.ALERTS);
        this.taxonomy = new StoreTaxonomyLookup(context.getStateStore(StoreNames.TAXONOMY));
        restoreIndex();
        inputs.start(context.currentSystemTimeMs(), watermark);
        Duration every = settings.idleClose().dividedBy(4);
        if (every.compareTo(Duration.ofSeconds(30)) > 0) {
            every = Duration.ofSeconds(30);
        }
        if (every.compareTo(Duration.ofMillis(100)) < 0) {
            every = Duration.ofMillis(100);
        }
        context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::closeIdleWindows);
    }

    private void restoreIndex() {
        byte[] meta = windows.get(META_KEY);
        if (meta != null) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(meta);
            streamTime = buffer.getLong();
            watermark = buffer.getLong();
        }
        try (KeyValueIterator<String, byte[]> all = windows.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (!entry.key.equals(META_KEY)) {
                    long end = ChartKeys.windowStartOf(entry.key)
                            + settings.windowSize().toMillis();
                    dueAt.computeIfAbsent(end + settings.grace().toMillis(), t -> new HashSet<>())
                            .add(entry.key);
                }
            }
        }
    }

    @Override
    public void process(Record<String, ChartInput> record) {
        if (record.value() instanceof ChartInput.Command command) {
            handle(record.key(), command);
        } else if (record.value() instanceof ChartInput.Observation observation) {
            observe(record.key(), observation);
        } else if (record.value() instanceof ChartInput.Watermark mark) {
            long now = context.currentSystemTimeMs();
            inputs.heard(mark.sourcePartition(), mark.time(), mark.idle(), now);
            advance(now);
        }
    }

    private void handle(String chartKey, ChartInput.Command command) {
        if (!ChartInput.Command.REBASELINE.equals(command.name())) {
            LOG.warn("Ignoring unknown command {} for chart {}", command.name(), chartKey);
            return;
        }
        byte[] stored = charts.get(chartKey);
        if (stored == null) {
            return;
        }
        String[] parts = chartKey.split("/", 3);
        ChartState state =
                ChartState.fromBytes(settings.chartFor(parts[1], parts[2]), settings.annotatorFireAfter(), stored);
        state.rebaseline();
        charts.put(chartKey, state.toBytes());
        LOG.info("Chart {} re-baselined at the request of {}", chartKey, command.requestedBy());
    }

    private void observe(String chartKey, ChartInput.Observation o) {
        long size = settings.windowSize().toMillis();
        long start = Math.floorDiv(o.eventTime(), size) * size;
        long closesAt = start + size + settings.grace().toMillis();
        if (closesAt <= watermark) {
            metrics.event(reviewsTopic, Outcome.LATE);
            return;
        }
        metrics.event(reviewsTopic, o.charted() ? Outcome.ACCEPTED : Outcome.TARGETED);
        String key = ChartKeys.windowKey(chartKey, start);
        byte[] stored = windows.get(key);
        WindowAggregate aggregate = stored == null
                ? new WindowAggregate(o.pipeline(), o.classLabel(), start, start + size)
                : WindowAggregate.fromBytes(stored);
        aggregate.add(o);
        windows.put(key, aggregate.toBytes());
        if (stored == null) {
            dueAt.computeIfAbsent(closesAt, t -> new HashSet<>()).add(key);
        }
        if (o.eventTime() > streamTime) {
            streamTime = o.eventTime();
        }
    }

    private void advance(long now) {
        inputs.advance(now, streamTime).ifPresent(this::closeUpTo);
    }

    /** Wall-clock punctuation: when stream time has stalled, extrapolate it by the wall time that has passed. */
    void closeIdleWindows(long wallClockNow) {
        advance(wallClockNow);
        if (!dueAt.isEmpty()) {
            inputs.idleCloseTime(wallClockNow, streamTime, dueAt.firstKey()).ifPresent(this::closeUpTo);
        }
    }

    private void closeUpTo(long time) {
        while (!dueAt.isEmpty() && dueAt.firstKey() <= time) {
            Map.Entry<Long, Set<String>> due = dueAt.pollFirstEntry();
            for (String key : new java.util.TreeSet<>(due.getValue())) {
                byte[] stored = windows.get(key);
                if (stored != null) {
                    windows.delete(key);
                    close(ChartKeys.chartKeyOfWindow(key), WindowAggregate.fromBytes(stored));
                }
            }
        }
        if (time > watermark) {
            watermark = time;
        }
        windows.put(
                META_KEY,
                java.nio.ByteBuffer.allocate(16)
                        .putLong(streamTime)
                        .putLong(watermark)
                        .array());
    }

    private void close(String chartKey, WindowAggregate w) {
        byte[] stored = charts.get(chartKey);
        ChartState state = stored == null
                ? ChartState.fresh(settings.chartFor(w.pipeline, w.classLabel), settings.annotatorFireAfter())
                : ChartState.fromBytes(
                        settings.chartFor(w.pipeline, w.classLabel), settings.annotatorFireAfter(), stored);
        if (state.taxonomyVersion != null
                && w.taxonomyVersion != null
                && !state.taxonomyVersion.equals(w.taxonomyVersion)) {
            LOG.info(
                    "Chart {} re-baselined: taxonomy version changed from {} to {}",
                    chartKey,
                    state.taxonomyVersion,
                    w.taxonomyVersion);
            state.rebaseline();
        }
        if (w.taxonomyVersion != null) {
            state.taxonomyVersion = w.taxonomyVersion;
        }
        SubgroupResult result = settings.weighting() == Weighting.HORVITZ_THOMPSON
                ? state.monitor.update(w.weighted.chartedN(), w.weighted.chartedDefects())
                : state.monitor.update(w.n, w.defects);
        state.windows++;
        ChartPoint point = point(chartKey, w, result);
        emit(new ChartOutput.Point(point), w.windowEnd);
        points.put(ChartKeys.windowKey(chartKey, w.windowStart), point);
        pruneHistory(chartKey, w.windowStart);
        SafetyCriticality severity = severity(w);
        metrics.chartPoint(point, severity);

        Double centre = result.centre();
        boolean usableCentre = centre != null && centre > 0 && centre < 1;
        if (usableCentre && result.phase() == io.labelwatch.spc.Phase.PHASE_II) {
            List<FunnelPoint> funnel =
                    FunnelPlot.assess(w.breakdowns.get(Dimension.ANNOTATOR), centre, settings.funnel());
            storeFunnel(chartKey, w.windowStart, funnel);
            storeFunnel(
                    ChartKeys.VENDOR_FUNNEL_PREFIX + chartKey,
                    w.windowStart,
                    FunnelPlot.assess(w.breakdowns.get(Dimension.VENDOR), centre, settings.funnel()));
            for (ConsecutiveOutliers.Event event : state.outliers.update(funnel)) {
                annotatorAlert(chartKey, w, state, event, centre, severity);
            }
        }
        chartAlert(chartKey, w, state, result, severity, usableCentre ? centre : null);
        if (!result.signalled() && !result.belowMinSample()) {
            state.versions.record(w.breakdowns);
        }
        charts.put(chartKey, state.toBytes());
    }

    private void chartAlert(
            String chartKey,
            WindowAggregate w,
            ChartState state,
            SubgroupResult result,
            SafetyCriticality severity,
            Double centre) {
        // Fewer defects than usual is marked on the chart point but pages only when asked for; while an alert is open
        // such a window counts towards its resolution.
        boolean signalled =
                (settings.alertOnDecrease() ? result.signalled() : result.signalledUp()) && !result.belowMinSample();
        OpenAlert open = state.chartAlert;
        if (signalled) {
            if (open == null) {
                open = new OpenAlert(
                        AlertIds.of(Metric.ERROR_RATE.name(), AlertScope.CHART.name(), chartKey, null, w.windowStart),
                        w.windowEnd,
                        0,
                        0);
                state.chartAlert = open;
            }
            open.occurrences++;
            open.inControlRun = 0;
            open.recentZ = new double[0];
            AttributionResult attribution = centre == null
                    ? null
                    : Attribution.attribute(w.breakdowns, centre, state.versions, settings.attribution());
            publish(chartAlert(chartKey, w, result, severity, open, AlertStatus.FIRING, attribution));
        } else if (open != null && !result.belowMinSample()) {
            open.inControlRun++;
            open.recentZ = Recovery.push(open.recentZ, result.z(), settings.resolveAfter());
            if (open.inControlRun >= settings.resolveAfter()
                    && Recovery.back(open.recentZ, settings.resolveMaxZ(), settings.pagesFor())) {
                publish(chartAlert(chartKey, w, result, severity, open, AlertStatus.RESOLVED, null));
                state.chartAlert = null;
            }
        }
    }

    private QualityAlert chartAlert(
            String chartKey,
            WindowAggregate w,
            SubgroupResult r,
            SafetyCriticality severity,
            OpenAlert open,
            AlertStatus status,
            AttributionResult attribution) {
        QualityAlert previous = alerts.get(open.alertId);
        Cause cause = attribution != null
                ? Cause.valueOf(attribution.cause().name())
                : previous != null ? previous.getCause() : Cause.UNDETERMINED;
        List<io.labelwatch.events.Contributor> contributors = attribution != null
                ? contributors(attribution.topContributors())
                : previous != null ? previous.getContributors() : List.of();
        Map<String, Double> pValues = new TreeMap<>();
        if (attribution != null) {
            for (Dimension d : Dimension.values()) {
                double p = attribution.pValue(d);
                if (Double.isFinite(p)) {
                    pValues.put(d.fieldName(), p);
                }
            }
        } else if (previous != null) {
            pValues.putAll(previous.getPValues());
        }
        List<AlertText.Named> named = contributors.stream()
                .map(c -> new AlertText.Named(c.getDimension(), c.getValue(), c.getShareOfExcess()))
                .toList();
        String summary = status == AlertStatus.RESOLVED
                ? w.classLabel + " error rate in " + w.pipeline + " back in control for " + open.inControlRun
                        + " windows (last " + AlertText.percent(r.value()) + ", centre "
                        + (r.centre() == null ? "n/a" : AlertText.percent(r.centre())) + "; "
                        + AlertText.combinedZ(open.recentZ) + ")"
                : AlertText.errorRate(
                        w.pipeline,
                        w.classLabel,
                        r.value(),
                        r.centre(),
                        r.lcl(),
                        r.ucl(),
                        w.n,
                        r.signals(),
                        cause.name(),
                        attribution == null ? null : attribution.finding(),
                        named);
        return QualityAlert.newBuilder()
                .setAlertId(open.alertId)
                .setStatus(status)
                .setMetric(Metric.ERROR_RATE)
                .setScope(AlertScope.CHART)
                .setChartKey(chartKey)
                .setPipeline(w.pipeline)
                .setClassLabel(w.classLabel)
                .setSubject(null)
                .setWindowStart(Instant.ofEpochMilli(w.windowStart))
                .setWindowEnd(Instant.ofEpochMilli(w.windowEnd))
                .setObserved(finite(r.value()))
                .setCenter(r.centre())
                .setLcl(r.lcl())
                .setUcl(r.ucl())
                .setN(w.n)
                .setDefects(w.defects)
                .setRules(status == AlertStatus.FIRING || previous == null ? r.signals() : previous.getRules())
                .setCause(cause)
                .setContributors(contributors)
                .setPValues(pValues)
                .setSeverity(severity)
                .setOccurrences(open.occurrences)
                .setFirstFiredAt(Instant.ofEpochMilli(open.firstFiredAt))
                .setResolvedAt(status == AlertStatus.RESOLVED ? Instant.ofEpochMilli(w.windowEnd) : null)
                .setSummary(summary)
                .setRunbookUrl(settings.runbookFor(Metric.ERROR_RATE.name()))
                .build();
    }

    private void annotatorAlert(
            String chartKey,
            WindowAggregate w,
            ChartState state,
            ConsecutiveOutliers.Event event,
            double centre,
            SafetyCriticality severity) {
        String annotator = event.annotator();
        OpenAlert open = state.annotatorAlerts.get(annotator);
        switch (event.transition()) {
            case FIRING, UPDATED -> {
                if (open == null) {
                    open = new OpenAlert(
                            AlertIds.of(
                                    Metric.ERROR_RATE.name(),
                                    AlertScope.ANNOTATOR.name(),
                                    chartKey,
                                    annotator,
                                    w.windowStart),
                            w.windowEnd,
                            0,
                            0);
                    state.annotatorAlerts.put(annotator, open);
                }
                open.occurrences++;
            }
            case RESOLVED -> {
                if (open == null) {
                    return;
                }
                state.annotatorAlerts.remove(annotator);
            }
        }
        FunnelPoint p = event.point();
        AlertStatus status = event.transition() == ConsecutiveOutliers.Transition.RESOLVED
                ? AlertStatus.RESOLVED
                : AlertStatus.FIRING;
        long n = p == null ? 0 : p.n();
        long d = p == null ? 0 : p.d();
        double rate = p == null ? Double.NaN : p.rate();
        double upper = p == null ? Double.NaN : p.upper();
        double excess = d - n * centre;
        String summary = status == AlertStatus.RESOLVED
                ? "annotator " + annotator + " back within the funnel on " + w.classLabel + " in " + w.pipeline
                : AlertText.annotator(w.pipeline, w.classLabel, annotator, rate, upper, n, event.consecutiveHigh());
        publish(QualityAlert.newBuilder()
                .setAlertId(open.alertId)
                .setStatus(status)
                .setMetric(Metric.ERROR_RATE)
                .setScope(AlertScope.ANNOTATOR)
                .setChartKey(chartKey)
                .setPipeline(w.pipeline)
                .setClassLabel(w.classLabel)
                .setSubject(annotator)
                .setWindowStart(Instant.ofEpochMilli(w.windowStart))
                .setWindowEnd(Instant.ofEpochMilli(w.windowEnd))
                .setObserved(finite(rate))
                .setCenter(centre)
                .setLcl(p == null ? null : p.lower())
                .setUcl(finite(upper))
                .setN(n)
                .setDefects(d)
                .setRules(List.of("FUNNEL"))
                .setCause(Cause.LOCALIZED)
                .setContributors(List.of(io.labelwatch.events.Contributor.newBuilder()
                        .setDimension(Dimension.ANNOTATOR.fieldName())
                        .setValue(annotator)
                        .setN(n)
                        .setDefects(d)
                        .setExcessDefects(Double.isFinite(excess) ? excess : 0)
                        .setShareOfExcess(1.0)
                        .build()))
                .setPValues(Map.of())
                .setSeverity(severity)
                .setOccurrences(open.occurrences)
                .setFirstFiredAt(Instant.ofEpochMilli(open.firstFiredAt))
                .setResolvedAt(status == AlertStatus.RESOLVED ? Instant.ofEpochMilli(w.windowEnd) : null)
                .setSummary(summary)
                .setRunbookUrl(settings.runbookFor("annotator"))
                .build());
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

    private ChartPoint point(String chartKey, WindowAggregate w, SubgroupResult r) {
        boolean weighted = settings.weighting() == Weighting.HORVITZ_THOMPSON;
        return ChartPoint.newBuilder()
                .setChartKey(chartKey)
                .setMetric(Metric.ERROR_RATE)
                .setPipeline(w.pipeline)
                .setClassLabel(w.classLabel)
                .setWindowStart(Instant.ofEpochMilli(w.windowStart))
                .setWindowEnd(Instant.ofEpochMilli(w.windowEnd))
                .setChartType(ChartType.valueOf(r.chartType().name()))
                .setPhase(Phase.valueOf(r.phase().name()))
                .setN(w.n)
                .setDefects(w.defects)
                .setTargeted(w.targeted)
                .setValue(finite(r.value()))
                .setCenter(r.centre())
                .setLcl(r.lcl())
                .setUcl(r.ucl())
                .setSigmaZ(r.sigmaZ())
                .setEwma(r.ewma())
                .setEwmaLimit(r.ewmaLimit())
                .setCusumHi(r.cusumHi())
                .setCusumLo(r.cusumLo())
                .setSignals(r.signals())
                .setBelowMinSample(r.belowMinSample())
                .setDefectsByErrorType(new TreeMap<>(w.defectsByErrorType))
                .setEmittedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .setConfusions(new TreeMap<>(w.confusions))
                .setTargetedDefects(w.targetedDefects)
                .setEffectiveN(weighted ? finite(w.weighted.effectiveN()) : null)
                .setWeightedRate(weighted ? finite(w.weighted.rate()) : null)
                .build();
    }

    private SafetyCriticality severity(WindowAggregate w) {
        if (w.taxonomyVersion != null) {
            java.util.Optional<TaxonomyClass> known = taxonomy.find(w.taxonomyVersion, w.classLabel);
            if (known.isPresent()) {
                return known.get().getSafetyCriticality();
            }
        }
        return settings.severityByClass().getOrDefault(w.classLabel, settings.defaultSeverity());
    }

    private void storeFunnel(String chartKey, long windowStart, List<FunnelPoint> funnel) {
        try {
            funnels.put(ChartKeys.windowKey(chartKey, windowStart), JSON.writeValueAsString(funnel));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("funnel points are plain records", e);
        }
    }

    /** Drops chart points and funnels older than the history retention for this chart. */
    private void pruneHistory(String chartKey, long newestStart) {
        long cutoff = newestStart - settings.historyRetention().toMillis();
        if (cutoff <= 0) {
            return;
        }
        String from = ChartKeys.windowKey(chartKey, 0);
        String to = ChartKeys.windowKey(chartKey, cutoff);
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, ChartPoint> range = points.range(from, to)) {
            while (range.hasNext()) {
                old.add(range.next().key);
            }
        }
        for (String key : old) {
            points.delete(key);
            funnels.delete(key);
            funnels.delete(ChartKeys.VENDOR_FUNNEL_PREFIX + key);
        }
    }

    private static List<io.labelwatch.events.Contributor> contributors(List<Contributor> top) {
        return top.stream()
                .limit(5)
                .map(c -> io.labelwatch.events.Contributor.newBuilder()
                        .setDimension(c.dimension().fieldName())
                        .setValue(c.value())
                        .setN(c.n())
                        .setDefects(c.d())
                        .setExcessDefects(c.excess())
                        .setShareOfExcess(Double.isFinite(c.share()) ? c.share() : 0)
                        .build())
                .toList();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
