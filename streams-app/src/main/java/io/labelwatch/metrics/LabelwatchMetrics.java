package io.labelwatch.metrics;

import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.Metric;
import io.labelwatch.events.QualityAlert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private final MeterRegistry registry;
    private final Clock clock;
    private final Duration staleAfter;
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
    private final Map<String, FiringAlert> firing = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> firingCounts = new ConcurrentHashMap<>();
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

    /** Tracks an alert's lifecycle: counts it when it first fires, and keeps the firing gauge. */
    public void alert(QualityAlert alert) {
        String clazz = alert.getClassLabel() == null ? "*" : alert.getClassLabel();
        Tags tags = Tags.of(
                "pipeline", alert.getPipeline(),
                "class", clazz,
                "metric", alert.getMetric().name(),
                "severity", alert.getSeverity().name());
        switch (alert.getStatus()) {
            case FIRING -> {
                if (firing.putIfAbsent(alert.getAlertId(), new FiringAlert(tags)) == null) {
                    firingCount(tags).incrementAndGet();
                    if (alert.getOccurrences() <= 1) {
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
            }
            case RESOLVED -> {
                FiringAlert was = firing.remove(alert.getAlertId());
                if (was != null) {
                    firingCount(was.tags).decrementAndGet();
                }
            }
        }
    }

    private AtomicLong firingCount(Tags tags) {
        return firingCounts.computeIfAbsent(tags, t -> {
            AtomicLong count = new AtomicLong();
            Gauge.builder(ALERTS_FIRING, count, AtomicLong::get)
                    .description("Alerts currently firing")
                    .tags(t)
                    .register(registry);
            return count;
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

    private record FiringAlert(Tags tags) {}

    private static final class Series {
        final List<Meter> meters = new ArrayList<>();
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
