package io.labelwatch.demo;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.topology.EventSerdes;
import io.labelwatch.topology.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The demo's own view of the outputs, beside the topology (never inside it): one read-committed consumer of
 * {@code quality.alerts} and {@code quality.chart-points} that counts closed windows, keeps the set of firing alerts and
 * reports each alert once when it fires and once when it resolves.
 */
public final class AlertWatcher implements AutoCloseable {
    private static final DateTimeFormatter SIM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicNames topics;
    private final Deserializer<QualityAlert> alerts;
    private final Deserializer<ChartPoint> points;
    private final Consumer<String> out;
    private final Thread thread;
    private final AtomicLong windowsClosed = new AtomicLong();
    private final AtomicLong chartWindowsInPhase2 = new AtomicLong();
    private final Set<String> firing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<String> announced = new HashSet<>();
    private final Map<String, Instant> latestWindowEnd = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile RuntimeException failure;

    private AlertWatcher(LabelwatchConfig config, Consumer<String> out) {
        Map<String, Object> props = new HashMap<>(config.kafkaProperties());
        props.keySet().retainAll(ConsumerConfig.configNames());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "labelwatch-demo-watch-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topics = TopicNames.from(config);
        this.alerts = EventSerdes.forType(config, QualityAlert.class).deserializer();
        this.points = EventSerdes.forType(config, ChartPoint.class).deserializer();
        this.out = out;
        this.thread = new Thread(this::run, "labelwatch-demo-alerts");
        this.thread.setDaemon(true);
    }

    /** Starts watching; {@code out} receives one human-readable line per alert that fires or resolves. */
    public static AlertWatcher start(LabelwatchConfig config, Consumer<String> out) {
        AlertWatcher w = new AlertWatcher(config, out);
        w.consumer.subscribe(List.of(w.topics.alerts(), w.topics.chartPoints()));
        w.thread.start();
        return w;
    }

    private void run() {
        try {
            while (true) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        continue;
                    }
                    if (r.topic().equals(topics.chartPoints())) {
                        ChartPoint p = points.deserialize(r.topic(), r.headers(), r.value());
                        windowsClosed.incrementAndGet();
                        latestWindowEnd.merge(p.getChartKey(), p.getWindowEnd(), (a, b) -> a.isAfter(b) ? a : b);
                        if (p.getPhase() == io.labelwatch.events.Phase.PHASE_II) {
                            chartWindowsInPhase2.incrementAndGet();
                        }
                    } else {
                        onAlert(alerts.deserialize(r.topic(), r.headers(), r.value()));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            out.accept("alert watcher stopped: " + e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void onAlert(QualityAlert a) {
        received.add(new Received(a, System.nanoTime()));
        if (a.getStatus() == AlertStatus.FIRING) {
            firing.add(a.getAlertId());
            if (announced.add(a.getAlertId())) {
                out.accept(line(a));
            }
        } else {
            firing.remove(a.getAlertId());
            announced.remove(a.getAlertId());
            out.accept(line(a));
        }
    }

    /** One line: simulated window end, status, severity, scope, where, cause, then the alert's own summary. */
    public static String line(QualityAlert a) {
        String where = a.getPipeline() + "/" + (a.getClassLabel() == null ? "*" : a.getClassLabel());
        if (a.getScope() != AlertScope.CHART && a.getSubject() != null) {
            where += " " + a.getScope().name().toLowerCase(Locale.ROOT) + "=" + a.getSubject();
        }
        return String.format(
                Locale.ROOT,
                "[%s sim] ALERT %-8s %-8s %-9s %s: %s",
                SIM_TIME.format(a.getWindowEnd()),
                a.getStatus(),
                a.getSeverity(),
                a.getCause(),
                where,
                a.getSummary());
    }

    /** Chart points seen (one per closed window and chart). */
    public long windowsClosed() {
        return windowsClosed.get();
    }

    /** The end of the latest closed window of each chart seen so far. */
    public Map<String, Instant> latestWindowEnds() {
        return Map.copyOf(latestWindowEnd);
    }

    /** Chart points seen that were judged in Phase II (against fixed limits). */
    public long phase2Windows() {
        return chartWindowsInPhase2.get();
    }

    /** Alerts firing now. */
    public int firingCount() {
        return firing.size();
    }

    /** Every alert record received, in arrival order (updates included). */
    public List<QualityAlert> alerts() {
        return received.stream().map(Received::alert).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    /** Every alert record received with its arrival time, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /**
     * An alert record and when this watcher deserialised it.
     *
     * @param nanoTime {@link System#nanoTime()} on arrival (read-committed, so after the topology's transaction)
     */
    public record Received(QualityAlert alert, long nanoTime) {}

    public RuntimeException failure() {
        return failure;
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
