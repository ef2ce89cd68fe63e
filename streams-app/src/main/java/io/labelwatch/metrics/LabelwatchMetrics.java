package io.labelwatch.metrics;

import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.Metric;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.SafetyCriticality;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Labelwatch's own meters. Quality series carry only {@code pipeline} and {@code class} (bounded by the taxonomy);
 * annotator, unit and event ids never become tags: they are served by the HTTP API.
 *
 * <p>Updates are in-memory writes, safe to call from stream threads. A (pipeline, class) series that closed no
 * window for {@code staleAfter} is removed by {@link #removeStale()}, so a retired class does not show its last value
 * for ever.
 */
public final class LabelwatchMetrics {
    public static final String EVENTS = "labelwatch.events";
    public static final String ERROR_RATE = "labelwatch.error.rate";
    public static final String ERROR_RATE_CENTER = "labelwatch.error.rate.center";
    public static final String ERROR_RATE_UCL = "labelwatch.error.rate.ucl";
    public static final String ERROR_RATE_LCL = "labelwatch.error.rate.lcl";
    public static final String ERROR_RATE_EWMA = "labelwatch.error.rate.ewma";
    public static final String AGREEMENT_ALPHA = "labelwatch.agreement.alpha";
    public static final String AGREEMENT_ALPHA_ROLLING = "labelwatch.agreement.alpha.rolling";
    public static final String GOLD_ACCURACY = "labelwatch.gold.accuracy";
    public static final String WINDOW_SAMPLE_SIZE = "labelwatch.window.sample.size";
    public static final String WINDOW_END = "labelwatch.window.end.timestamp.seconds";
    public static final String WINDOWS_CLOSED = "labelwatch.windows.closed";
    public static final String LAST_WINDOW_CLOSED = "labelwatch.last.window.closed.timestamp.seconds";
    public static final String ALERTS_FIRING = "labelwatch.alerts.firing";
    public static final String ALERTS_RAISED = "labelwatch.alerts.raised";
    public static final String CHART_CRITICALITY = "labelwatch.chart.criticality";

    private static final int RAISED_REMEMBERED = 4096;

    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration staleAfter;
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
    private final Map<String, Tags> firing = new HashMap<>();
    private final Map<Tags, FiringGauge> firingGauges = new HashMap<>();
    /** Ids of the alerts counted as raised lately, so a re-published first occurrence is not counted twice. */
    private final Set<String> raised = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RAISED_REMEMBERED;
        }
    });

    private final AtomicLong lastWindowClosedMillis = new AtomicLong();

    public LabelwatchMetrics(MeterRegistry registry, Clock clock, Duration staleAfter) {
        this.registry = registry;
        this.clock = clock;
        this.staleAfter = staleAfter;
        Gauge.builder(LAST_WINDOW_CLOSED, lastWindowClosedMillis, v -> v.get() / 1000.0)
                .description("Wall-clock time the last chart window closed on this instance")
                .baseUnit("seconds")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Counts one input record by topic and outcome. */
    public void event(String topic, Outcome outcome) {
        Counter.builder(EVENTS)
                .description("Input records by topic and outcome")
                .tags("topic", topic, "outcome", outcome.tag())
                .register(registry)
                .increment();
    }

    /** Publishes the values of a closed window as gauges of its (pipeline, class) series. */
    public void chartPoint(ChartPoint point) {
        chartPoint(point, null);
    }

    /**
     * Publishes the values of a closed window, and the class's safety criticality as
     * {@code labelwatch.chart.criticality} (tag severity, value its rank: LOW 1 … CRITICAL 4), so dashboards rank
     * every chart, not only those that alerted. A changed criticality replaces the series.
     */
    public void chartPoint(ChartPoint point, SafetyCriticality criticality) {
        String metric = point.getMetric().name();
        String clazz = point.getClassLabel() == null ? "*" : point.getClassLabel();
        SeriesKey key = new SeriesKey(point.getPipeline(), clazz, metric);
        Series s = series.computeIfAbsent(key, this::register);
        s.value = orNaN(point.getValue());
        s.center = orNaN(point.getCenter());
        s.ucl = orNaN(point.getUcl());
        s.lcl = orNaN(point.getLcl());
        s.ewma = orNaN(point.getEwma());
        s.n = point.getN();
        s.windowEndSeconds = point.getWindowEnd().toEpochMilli() / 1000.0;
        s.updatedMillis = clock.millis();
        if (criticality != null) {
            criticality(key, s, criticality);
        }
        lastWindowClosedMillis.set(clock.millis());
        Counter.builder(WINDOWS_CLOSED)
                .description("Chart windows closed")
                .tags("metric", metric)
                .register(registry)
                .increment();
    }

    /** Sets the rolling alpha of an agreement series, after its window's {@link #chartPoint}. */
    public void rollingAlpha(String pipeline, String classLabel, double alpha) {
        Series s = series.get(new SeriesKey(pipeline, classLabel == null ? "*" : classLabel, Metric.AGREEMENT.name()));
        if (s != null) {
            s.rolling = alpha;
        }
    }

    /**
     * Tracks an alert's lifecycle as the processors publish it: counts it when it first fires, and keeps the firing
     * gauge current between two {@link #replaceAlerts} scans of the stores.
     */
    public synchronized void alert(QualityAlert alert) {
        Tags tags = firingTags(alert);
        switch (alert.getStatus()) {
            case FIRING -> {
                if (firing.putIfAbsent(alert.getAlertId(), tags) == null) {
                    firingGauge(tags).count.incrementAndGet();
                }
                // Counted apart from the firing map: a scan may have read the alert from the store already.
                if (alert.getOccurrences() <= 1 && raised.add(alert.getAlertId())) {
                    Counter.builder(ALERTS_RAISED)
                            .description("Alerts that went FIRING, by cause")
                            .tags(
                                    "pipeline",
                                    alert.getPipeline(),
                                    "metric",
                                    alert.getMetric().name(),
                                    "cause",
                                    alert.getCause().name())
                            .register(registry)
                            .increment();
                }
            }
            case RESOLVED -> {
                Tags was = firing.remove(alert.getAlertId());
                if (was != null) {
                    firingGauge(was).count.decrementAndGet();
                }
            }
        }
    }

    /**
     * Rebuilds the firing gauges from the latest state of every alert this instance owns (the local active alert
     * stores): a series per (pipeline, class, metric, severity) of those alerts, counting the FIRING ones. Series of
     * alerts no longer owned here (their task moved to another instance) are removed, so the new owner alone reports
     * them; a restarted instance reports the alerts still open in its restored stores.
     */
    public synchronized void replaceAlerts(Iterable<QualityAlert> owned) {
        Map<String, Tags> nowFiring = new HashMap<>();
        Map<Tags, Long> counts = new HashMap<>();
        for (QualityAlert alert : owned) {
            Tags tags = firingTags(alert);
            boolean isFiring = alert.getStatus() == AlertStatus.FIRING;
            counts.merge(tags, isFiring ? 1L : 0L, Long::sum);
            if (isFiring) {
                nowFiring.put(alert.getAlertId(), tags);
            }
        }
        firing.clear();
        firing.putAll(nowFiring);
        for (Map.Entry<Tags, FiringGauge> entry : new ArrayList<>(firingGauges.entrySet())) {
            if (!counts.containsKey(entry.getKey())) {
                registry.remove(entry.getValue().gauge);
                firingGauges.remove(entry.getKey());
            }
        }
        counts.forEach((tags, count) -> firingGauge(tags).count.set(count));
    }

    private static Tags firingTags(QualityAlert alert) {
        String clazz = alert.getClassLabel() == null ? "*" : alert.getClassLabel();
        return Tags.of(
                "pipeline", alert.getPipeline(),
                "class", clazz,
                "metric", alert.getMetric().name(),
                "severity", alert.getSeverity().name());
    }

    private FiringGauge firingGauge(Tags tags) {
        return firingGauges.computeIfAbsent(tags, t -> {
            AtomicLong count = new AtomicLong();
            Gauge gauge = Gauge.builder(ALERTS_FIRING, count, AtomicLong::get)
                    .description("Alerts currently firing")
                    .tags(t)
                    .register(registry);
            return new FiringGauge(count, gauge);
        });
    }

    /** Removes the gauges of series that closed no window for the stale period. Returns how many series went. */
    public int removeStale() {
        long cutoff = clock.millis() - staleAfter.toMillis();
        int removed = 0;
        for (Map.Entry<SeriesKey, Series> entry : new ArrayList<>(series.entrySet())) {
            if (entry.getValue().updatedMillis < cutoff && series.remove(entry.getKey(), entry.getValue())) {
                entry.getValue().meters.forEach(registry::remove);
                removed++;
            }
        }
        return removed;
    }

    private void criticality(SeriesKey key, Series s, SafetyCriticality criticality) {
        synchronized (s) {
            if (criticality == s.criticality) {
                return;
            }
            if (s.criticalityGauge != null) {
                registry.remove(s.criticalityGauge);
                s.meters.remove(s.criticalityGauge);
            }
            s.criticality = criticality;
            s.criticalityGauge = Gauge.builder(CHART_CRITICALITY, () -> criticality.ordinal() + 1)
                    .description("Safety criticality of the chart's class: LOW 1, MEDIUM 2, HIGH 3, CRITICAL 4")
                    .tags("pipeline", key.pipeline, "class", key.clazz, "severity", criticality.name())
                    .register(registry);
            s.meters.add(s.criticalityGauge);
        }
    }

    private Series register(SeriesKey key) {
        Series s = new Series();
        Tags tags = Tags.of("pipeline", key.pipeline, "class", key.clazz);
        Tags withMetric = tags.and("metric", key.metric);
        List<Meter> meters = s.meters;
        meters.add(Gauge.builder(WINDOW_SAMPLE_SIZE, s, x -> x.n)
                .description("Sample size of the last closed window")
                .tags(withMetric)
                .register(registry));
        meters.add(Gauge.builder(WINDOW_END, s, x -> x.windowEndSeconds)
                .description("Event-time end of the last closed window")
                .tags(withMetric)
                .register(registry));
        if (key.metric.equals(Metric.ERROR_RATE.name())) {
            meters.add(gauge(ERROR_RATE, "Error rate of the last closed window", tags, s, x -> x.value));
            meters.add(gauge(ERROR_RATE_CENTER, "Centre line of the error-rate chart", tags, s, x -> x.center));
            meters.add(gauge(ERROR_RATE_UCL, "Upper control limit of the last window", tags, s, x -> x.ucl));
            meters.add(gauge(ERROR_RATE_LCL, "Lower control limit of the last window", tags, s, x -> x.lcl));
            meters.add(gauge(ERROR_RATE_EWMA, "EWMA of the standardized error rate", tags, s, x -> x.ewma));
        } else if (key.metric.equals(Metric.AGREEMENT.name())) {
            meters.add(gauge(AGREEMENT_ALPHA, "Krippendorff's alpha of the last closed window", tags, s, x -> x.value));
            meters.add(gauge(
                    AGREEMENT_ALPHA_ROLLING,
                    "Krippendorff's alpha over the last rolling-windows closed windows",
                    tags,
                    s,
                    x -> x.rolling));
        } else {
            meters.add(gauge(GOLD_ACCURACY, "Gold accuracy of the last closed window", tags, s, x -> x.value));
        }
        return s;
    }

    private Meter gauge(
            String name, String description, Tags tags, Series s, java.util.function.ToDoubleFunction<Series> f) {
        return Gauge.builder(name, s, f).description(description).tags(tags).register(registry);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private record SeriesKey(String pipeline, String clazz, String metric) {
        SeriesKey {
            Objects.requireNonNull(pipeline);
        }
    }

    private record FiringGauge(AtomicLong count, Gauge gauge) {}

    private static final class Series {
        final List<Meter> meters = new java.util.concurrent.CopyOnWriteArrayList<>();
        SafetyCriticality criticality;
        Meter criticalityGauge;
        volatile double value = Double.NaN;
        volatile double center = Double.NaN;
        volatile double ucl = Double.NaN;
        volatile double lcl = Double.NaN;
        volatile double ewma = Double.NaN;
        volatile double rolling = Double.NaN;
        volatile double n;
        volatile double windowEndSeconds;
        volatile long updatedMillis;
    }
}
