package io.labelwatch.topology.watermark;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The sending half of the slowest-partition clock: used by the processor in front of a repartition topic, it tells
 * every downstream task how far this input partition has got. It forwards a watermark (key {@link #KEY}, multicast to
 * every partition by {@link MulticastPartitioner}) after event time advances by a step (1/60 of a window, at least a
 * second), and a heartbeat every second of wall time that also says when the partition has gone idle: no record for
 * the idle-close time and nothing held back.
 *
 * <p>Why: after the repartition, one downstream task sees the records of all input partitions interleaved in arrival
 * order. Closing a window on the largest event time seen would drop the records of a partition that lags behind (most
 * of all when a backlog is replayed after an outage); {@link InputWatermarks} closes on the slowest one instead.
 *
 * @param <V> the repartition topic's value type, of which the watermark is one case
 */
public final class WatermarkEmitter<V> {
    /** Key of every watermark record. */
    public static final String KEY = "\u0000watermark";

    /** Builds the watermark value of the repartition topic's value type. */
    @FunctionalInterface
    public interface Factory<V> {
        V watermark(int sourcePartition, long time, boolean idle);
    }

    private final long step;
    private final long idleAfter;
    private final Factory<V> factory;
    private final BooleanSupplier holdsBack;
    private ProcessorContext<String, V> context;
    private int partition;
    private long maxTime = Long.MIN_VALUE;
    private long sentTime = Long.MIN_VALUE;
    private long lastRecordWall;

    /**
     * @param holdsBack true while the partition still holds records it will forward later (e.g. units being
     *     assembled): it is then never reported idle
     */
    public WatermarkEmitter(Duration windowSize, Duration idleClose, Factory<V> factory, BooleanSupplier holdsBack) {
        this.step = Math.max(1000, windowSize.toMillis() / 60);
        this.idleAfter = idleClose.toMillis();
        this.factory = factory;
        this.holdsBack = holdsBack;
    }

    public WatermarkEmitter(Duration windowSize, Duration idleClose, Factory<V> factory) {
        this(windowSize, idleClose, factory, () -> false);
    }

    /** Call from the processor's {@code init}: schedules the heartbeat. */
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        this.lastRecordWall = context.currentSystemTimeMs();
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::heartbeat);
    }

    /**
     * Call after a record was processed (and whatever it caused was forwarded): this partition has delivered up to
     * {@code eventTime}; {@code timestamp} stamps a watermark sent now.
     */
    public void progressed(long eventTime, long timestamp) {
        lastRecordWall = context.currentSystemTimeMs();
        if (eventTime > maxTime) {
            maxTime = eventTime;
        }
        if (maxTime >= sentTime + step || sentTime == Long.MIN_VALUE) {
            send(timestamp, false);
        }
    }

    void heartbeat(long wallClock) {
        boolean idle = wallClock - lastRecordWall >= idleAfter && !holdsBack.getAsBoolean();
        send(maxTime == Long.MIN_VALUE ? 0 : maxTime, idle);
    }

    private void send(long timestamp, boolean idle) {
        sentTime = maxTime;
        context.forward(new Record<>(KEY, factory.watermark(partition, maxTime, idle), Math.max(0, timestamp)));
    }
}
