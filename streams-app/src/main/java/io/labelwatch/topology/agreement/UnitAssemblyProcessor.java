package io.labelwatch.topology.agreement;

import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.Metric;
import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.metrics.Outcome;
import io.labelwatch.topology.StoreNames;
import io.labelwatch.topology.errorrate.ChartKeys;
import io.labelwatch.topology.watermark.WatermarkEmitter;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
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
 * Assembles the labels of one unit by its distinct annotators (store {@code agreement-units-open}) and forwards the
 * unit, re-keyed by the pipeline's agreement chart key and (when pairable) also by its top-level class's chart key
 * ({@link ClosedUnit#topLevelClass}), when
 *
 * <ul>
 *   <li>its {@code expected_annotations} distinct annotators have labelled it (COMPLETE), or
 *   <li>stream time passes its last label plus {@code unit-timeout} (TIMEOUT; counted as partial when it has at least
 *       two labels, unpaired otherwise), or
 *   <li>the task holds {@code max-open-units} units and a new one arrives: the least recently labelled unit closes
 *       early (EVICTED). So memory is bounded by the cap times the size of a unit.
 * </ul>
 *
 * <p>A second label of the same annotator on an open unit replaces the first and is counted. Labels with
 * {@code expected_annotations} 1 are not overlap: only those with a gold label are passed on, for the gold check.
 * Stream time is the largest {@code labeled_at} seen by this task; when none arrives for {@code unit-timeout} of wall
 * time, a wall-clock punctuation extrapolates it by the wall time elapsed, so a quiet partition still closes its
 * units. A label arriving after its unit closed starts a new unit (which usually closes unpaired).
 *
 * <p>After each label it tells every agreement task how far this input partition has got ({@link WatermarkEmitter}:
 * its stream time, after the units that closed up to it), so agreement windows close on the slowest input partition.
 * A partition with open units is never reported idle.
 */
final class UnitAssemblyProcessor implements Processor<String, LabelEvent, String, AgreementInput> {
    private static final String META_KEY = "\u0000meta";

    private final AgreementSettings settings;
    private final LabelwatchMetrics metrics;
    private final AgreementMeters meters;
    private final String labelsTopic;
    private final WatermarkEmitter<AgreementInput> watermarks;

    private ProcessorContext<String, AgreementInput> context;
    private KeyValueStore<String, byte[]> units;

    /** Open units by deadline (last label + timeout); the first entry is the least recently labelled. */
    private final NavigableMap<Long, Set<String>> dueAt = new TreeMap<>();

    private final Map<String, Long> deadlineOf = new HashMap<>();
    private long streamTime = Long.MIN_VALUE;
    private long lastAdvanceWallClock;

    UnitAssemblyProcessor(AgreementSettings settings, LabelwatchMetrics metrics, String labelsTopic) {
        this.settings = settings;
        this.metrics = metrics;
        this.meters = new AgreementMeters(metrics);
        this.labelsTopic = labelsTopic;
        this.watermarks = new WatermarkEmitter<>(
                settings.base().windowSize(),
                settings.base().idleClose(),
                AgreementInput.Watermark::new,
                () -> !deadlineOf.isEmpty());
    }

    @Override
    public void init(ProcessorContext<String, AgreementInput> context) {
        this.context = context;
        this.units = context.getStateStore(StoreNames.AGREEMENT_UNITS);
        restoreIndex();
        lastAdvanceWallClock = context.currentSystemTimeMs();
        context.schedule(punctuationInterval(settings.unitTimeout()), PunctuationType.WALL_CLOCK_TIME, this::closeIdle);
        watermarks.init(context);
    }

    static Duration punctuationInterval(Duration idle) {
        Duration every = idle.dividedBy(4);
        if (every.compareTo(Duration.ofSeconds(30)) > 0) {
            return Duration.ofSeconds(30);
        }
        return every.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : every;
    }

    private void restoreIndex() {
        long timeout = settings.unitTimeout().toMillis();
        try (KeyValueIterator<String, byte[]> all = units.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                if (entry.key.equals(META_KEY)) {
                    streamTime = ByteBuffer.wrap(entry.value).getLong();
                } else {
                    index(entry.key, OpenUnit.fromBytes(entry.value).deadline(timeout));
                }
            }
        }
    }

    @Override
    public void process(Record<String, LabelEvent> record) {
        LabelEvent e = record.value();
        metrics.event(labelsTopic, Outcome.ACCEPTED);
        long time = e.getLabeledAt().toEpochMilli();
        assemble(e, time);
        advance(time);
        watermarks.progressed(streamTime, record.timestamp());
    }

    private void assemble(LabelEvent e, long time) {
        if (e.getExpectedAnnotations() < 2) {
            if (e.getGoldLabel() != null) {
                OpenUnit single = new OpenUnit();
                single.pipeline = e.getPipeline();
                single.taxonomyVersion = e.getTaxonomyVersion();
                single.expected = 1;
                single.goldLabel = e.getGoldLabel();
                single.labels.put(e.getAnnotatorId(), e.getClassLabel());
                forward(single.close(e.getUnitId(), time, ClosedUnit.ClosedBy.SINGLE));
            }
            return;
        }
        String unitId = e.getUnitId();
        byte[] stored = units.get(unitId);
        OpenUnit unit;
        if (stored == null) {
            while (deadlineOf.size() >= settings.maxOpenUnits()) {
                evictOldest();
            }
            unit = new OpenUnit();
        } else {
            unit = OpenUnit.fromBytes(stored);
            unindex(unitId);
        }
        if (unit.labels.put(e.getAnnotatorId(), e.getClassLabel()) != null) {
            meters.replaced();
        }
        compare(unit, e);
        unit.pipeline = e.getPipeline();
        unit.taxonomyVersion = e.getTaxonomyVersion();
        unit.expected = Math.max(unit.expected, e.getExpectedAnnotations());
        unit.lastLabelAt = Math.max(unit.lastLabelAt, time);
        if (e.getGoldLabel() != null) {
            unit.goldLabel = e.getGoldLabel();
        }
        if (unit.labels.size() >= unit.expected) {
            units.delete(unitId);
            close(unitId, unit, time, ClosedUnit.ClosedBy.COMPLETE);
        } else {
            units.put(unitId, unit.toBytes());
            index(unitId, unit.deadline(settings.unitTimeout().toMillis()));
        }
    }

    /**
     * Records the value the pipeline's agreement compares for this label: its attribute value when the pipeline
     * compares an attribute; a label without a usable value (missing, or not a number where the level needs one) is a
     * missing value for agreement, and counted.
     */
    private void compare(OpenUnit unit, LabelEvent e) {
        String attribute = settings.attributeFor(e.getPipeline());
        if (attribute == null) {
            return;
        }
        if (unit.values == null) {
            unit.values = new TreeMap<>();
        }
        String value = e.getAttributes() == null ? null : e.getAttributes().get(attribute);
        if (settings.levelFor(e.getPipeline()).acceptsByNumber(value)) {
            unit.values.put(e.getAnnotatorId(), value);
        } else {
            unit.values.remove(e.getAnnotatorId());
            meters.skippedValue();
        }
    }

    private void advance(long time) {
        if (time > streamTime) {
            streamTime = time;
            lastAdvanceWallClock = context.currentSystemTimeMs();
            closeDue(streamTime);
            units.put(META_KEY, ByteBuffer.allocate(8).putLong(streamTime).array());
        }
    }

    /** Wall-clock punctuation: when stream time has stalled, extrapolate it by the wall time that has passed. */
    void closeIdle(long wallClockNow) {
        long idle = wallClockNow - lastAdvanceWallClock;
        if (idle < settings.unitTimeout().toMillis() || dueAt.isEmpty()) {
            return;
        }
        long base = streamTime == Long.MIN_VALUE ? dueAt.firstKey() : streamTime;
        closeDue(base + idle);
    }

    private void closeDue(long time) {
        while (!dueAt.isEmpty() && dueAt.firstKey() <= time) {
            Map.Entry<Long, Set<String>> due = dueAt.pollFirstEntry();
            for (String unitId : due.getValue()) {
                deadlineOf.remove(unitId);
                byte[] stored = units.get(unitId);
                if (stored != null) {
                    units.delete(unitId);
                    close(unitId, OpenUnit.fromBytes(stored), due.getKey(), ClosedUnit.ClosedBy.TIMEOUT);
                }
            }
        }
    }

    private void evictOldest() {
        Map.Entry<Long, Set<String>> oldest = dueAt.firstEntry();
        String unitId = oldest.getValue().iterator().next();
        unindex(unitId);
        byte[] stored = units.get(unitId);
        if (stored != null) {
            units.delete(unitId);
            OpenUnit unit = OpenUnit.fromBytes(stored);
            close(unitId, unit, Math.max(streamTime, unit.lastLabelAt), ClosedUnit.ClosedBy.EVICTED);
        }
    }

    private void close(String unitId, OpenUnit unit, long eventTime, ClosedUnit.ClosedBy by) {
        boolean pairable = unit.compared().size() >= 2;
        if (by == ClosedUnit.ClosedBy.EVICTED) {
            meters.unit(AgreementMeters.UnitOutcome.EVICTED);
        } else if (!pairable) {
            meters.unit(AgreementMeters.UnitOutcome.UNPAIRED);
        } else {
            meters.unit(
                    unit.labels.size() >= unit.expected
                            ? AgreementMeters.UnitOutcome.COMPLETE
                            : AgreementMeters.UnitOutcome.PARTIAL);
        }
        if (pairable || unit.goldLabel != null) {
            forward(unit.close(unitId, eventTime, by));
        }
    }

    /** To the pipeline's agreement chart, and a pairable unit also to its top-level class's chart. */
    private void forward(ClosedUnit unit) {
        context.forward(new Record<>(ChartKeys.of(Metric.AGREEMENT, unit.pipeline(), null), unit, unit.eventTime()));
        if (unit.pairable()) {
            String topLevel = ClosedUnit.topLevelClass(unit.labels().values());
            context.forward(
                    new Record<>(ChartKeys.of(Metric.AGREEMENT, unit.pipeline(), topLevel), unit, unit.eventTime()));
        }
    }

    private void index(String unitId, long deadline) {
        dueAt.computeIfAbsent(deadline, t -> new TreeSet<>()).add(unitId);
        deadlineOf.put(unitId, deadline);
    }

    private void unindex(String unitId) {
        Long deadline = deadlineOf.remove(unitId);
        if (deadline != null) {
            Set<String> at = dueAt.get(deadline);
            at.remove(unitId);
            if (at.isEmpty()) {
                dueAt.remove(deadline);
            }
        }
    }
}
