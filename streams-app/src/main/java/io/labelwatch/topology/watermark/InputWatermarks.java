package io.labelwatch.topology.watermark;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The receiving half of the slowest-partition clock: the event time up to which a task fed by a repartition topic may
 * close its windows, from the watermarks of the input partitions ({@link WatermarkEmitter}).
 *
 * <p>The time is the smallest watermark of the input partitions that are neither idle nor silent for the idle-close
 * time. Until every input partition has reported (or the idle-close time has passed since start) it does not move.
 * When every partition is idle, everything they had has arrived, and the time moves to the newest record seen. When it
 * has not moved for the idle-close time of wall time, {@link #idleCloseTime} extrapolates from the newest record by
 * the wall time elapsed, so a quiet pipeline does not hold an alert back.
 */
public final class InputWatermarks {
    private final int sourcePartitions;
    private final long idleClose;

    /** Progress of each input partition, from its watermarks. */
    private final Map<Integer, Source> sources = new TreeMap<>();

    private long effective = Long.MIN_VALUE;
    private long lastAdvanceWallClock;
    private long initWallClock;

    private static final class Source {
        long time = Long.MIN_VALUE;
        boolean idle;
        long heardWallClock;
    }

    /**
     * @param sourcePartitions partitions of the input topic (one watermark sender each)
     * @param idleClose wall time after which a silent partition no longer holds the clock back
     */
    public InputWatermarks(int sourcePartitions, Duration idleClose) {
        this.sourcePartitions = sourcePartitions;
        this.idleClose = idleClose.toMillis();
    }

    /** Call from the processor's {@code init}, with the time windows were last closed up to (restored from state). */
    public void start(long wallClock, long restored) {
        effective = restored;
        lastAdvanceWallClock = wallClock;
        initWallClock = wallClock;
    }

    /** A watermark of input partition {@code sourcePartition} arrived. */
    public void heard(int sourcePartition, long time, boolean idle, long wallClock) {
        Source source = sources.computeIfAbsent(sourcePartition, p -> new Source());
        source.time = Math.max(source.time, time);
        source.idle = idle;
        source.heardWallClock = wallClock;
    }

    /**
     * The time windows may now close up to, when it moved forward since the last call; empty otherwise.
     *
     * @param streamTime the newest record time the task has seen
     */
    public OptionalLong advance(long wallClock, long streamTime) {
        long time = effectiveTime(wallClock, streamTime);
        if (time > effective) {
            effective = time;
            lastAdvanceWallClock = wallClock;
            return OptionalLong.of(time);
        }
        return OptionalLong.empty();
    }

    /**
     * When the clock has not moved for the idle-close time of wall time: the newest record time (or, before any,
     * {@code firstDue}) plus the wall time elapsed since it last moved; empty otherwise.
     */
    public OptionalLong idleCloseTime(long wallClock, long streamTime, long firstDue) {
        long idle = wallClock - lastAdvanceWallClock;
        if (idle < idleClose) {
            return OptionalLong.empty();
        }
        long base = streamTime == Long.MIN_VALUE ? firstDue : Math.max(streamTime, effective);
        return OptionalLong.of(base + idle);
    }

    private long effectiveTime(long now, long streamTime) {
        if (sources.size() < sourcePartitions && now - initWallClock < idleClose) {
            return effective;
        }
        long min = Long.MAX_VALUE;
        boolean active = false;
        for (Source source : sources.values()) {
            if (!source.idle && now - source.heardWallClock < idleClose) {
                min = Math.min(min, source.time);
                active = true;
            }
        }
        return active ? min : Math.max(effective, streamTime);
    }
}
