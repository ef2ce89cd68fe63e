package io.labelwatch.attribution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per-annotator scorecard of consecutive funnel-plot outliers, for ANNOTATOR-scoped LOCALIZED alerts.
 *
 * <p>Each {@link #update} is one closed window's funnel. For every point:
 *
 * <ul>
 *   <li>{@link Outlier#HIGH}: the run of consecutive high windows grows and the in-control run resets;
 *       when the run reaches {@code fireAfter} (M, default 2) the annotator starts FIRING; while firing,
 *       every further high window gives UPDATED.
 *   <li>otherwise (NONE or LOW): the high run resets; a firing annotator's in-control run grows and at
 *       {@code resolveAfter} (R, default 3) gives RESOLVED.
 * </ul>
 *
 * An annotator absent from a window (no reviews) keeps its state: no data is no evidence either way.
 * An annotator that is neither firing nor in a high run is forgotten.
 *
 * <p><b>Bounded.</b> At most {@code maxTracked} (default {@value #DEFAULT_MAX_TRACKED}) annotators are
 * kept. A new high annotator at the cap evicts the non-firing entry seen longest ago (ties by id); if
 * every entry is firing, the new one is not tracked and {@link #droppedUpdates()} is incremented.
 *
 * <p>Not thread-safe; one instance per (pipeline) key in a state store, via {@link #toBytes()}.
 */
public final class ConsecutiveOutliers {

    public static final int DEFAULT_FIRE_AFTER = 2;
    public static final int DEFAULT_RESOLVE_AFTER = 3;
    public static final int DEFAULT_MAX_TRACKED = 1000;

    private static final byte FORMAT_VERSION = 1;

    /** Lifecycle step of an annotator's alert. */
    public enum Transition {
        FIRING,
        UPDATED,
        RESOLVED
    }

    /**
     * A lifecycle step produced by one window.
     *
     * @param annotator the annotator
     * @param transition what happened
     * @param consecutiveHigh consecutive windows above the upper limit, including this one (0 on
     *     RESOLVED)
     * @param point the annotator's funnel point in this window
     */
    public record Event(String annotator, Transition transition, int consecutiveHigh, FunnelPoint point) {}

    /**
     * State of one tracked annotator.
     *
     * @param consecutiveHigh current run of windows above the upper limit
     * @param consecutiveInControl current run of in-control windows while firing
     * @param firing whether an ANNOTATOR alert is open
     * @param lastWindow the window sequence number ({@link #windows()}) it was last seen in
     */
    public record State(int consecutiveHigh, int consecutiveInControl, boolean firing, long lastWindow) {}

    private final int fireAfter;
    private final int resolveAfter;
    private final int maxTracked;
    private final TreeMap<String, State> states = new TreeMap<>();
    private long windows;
    private long droppedUpdates;

    /** M = 2, R = 3, 1000 annotators. */
    public ConsecutiveOutliers() {
        this(DEFAULT_FIRE_AFTER, DEFAULT_RESOLVE_AFTER, DEFAULT_MAX_TRACKED);
    }

    /** Fires after {@code fireAfter} ≥ 1 high windows, resolves after {@code resolveAfter} ≥ 1. */
    public ConsecutiveOutliers(int fireAfter, int resolveAfter, int maxTracked) {
        if (fireAfter < 1 || resolveAfter < 1 || maxTracked < 1) {
            throw new IllegalArgumentException("fireAfter, resolveAfter and maxTracked must be >= 1, got " + fireAfter
                    + ", " + resolveAfter + ", " + maxTracked);
        }
        this.fireAfter = fireAfter;
        this.resolveAfter = resolveAfter;
        this.maxTracked = maxTracked;
    }

    /**
     * This tracker with another fire-after threshold (the configuration changed between restarts), every annotator's
     * run and firing state kept; itself when the threshold is unchanged.
     */
    public ConsecutiveOutliers withFireAfter(int fireAfter) {
        if (fireAfter == this.fireAfter) {
            return this;
        }
        ConsecutiveOutliers c = new ConsecutiveOutliers(fireAfter, resolveAfter, maxTracked);
        c.states.putAll(states);
        c.windows = windows;
        c.droppedUpdates = droppedUpdates;
        return c;
    }

    /** Applies one window's funnel points; returns the lifecycle steps, sorted by annotator. */
    public List<Event> update(List<FunnelPoint> window) {
        windows++;
        List<FunnelPoint> points = new ArrayList<>(window);
        points.sort(Comparator.comparing(FunnelPoint::value));
        List<Event> events = new ArrayList<>();
        for (FunnelPoint p : points) {
            String id = p.value();
            State s = states.get(id);
            if (p.outlier() == Outlier.HIGH) {
                if (s == null) {
                    if (states.size() >= maxTracked && !evictOne()) {
                        droppedUpdates++;
                        continue;
                    }
                    s = new State(0, 0, false, windows);
                }
                int high = s.consecutiveHigh() + 1;
                if (s.firing()) {
                    events.add(new Event(id, Transition.UPDATED, high, p));
                    states.put(id, new State(high, 0, true, windows));
                } else if (high >= fireAfter) {
                    events.add(new Event(id, Transition.FIRING, high, p));
                    states.put(id, new State(high, 0, true, windows));
                } else {
                    states.put(id, new State(high, 0, false, windows));
                }
            } else if (s != null) {
                if (s.firing()) {
                    int ok = s.consecutiveInControl() + 1;
                    if (ok >= resolveAfter) {
                        events.add(new Event(id, Transition.RESOLVED, 0, p));
                        states.remove(id);
                    } else {
                        states.put(id, new State(0, ok, true, windows));
                    }
                } else {
                    states.remove(id);
                }
            }
        }
        return List.copyOf(events);
    }

    private boolean evictOne() {
        String victim = null;
        long oldest = Long.MAX_VALUE;
        for (Map.Entry<String, State> e : states.entrySet()) {
            if (!e.getValue().firing() && e.getValue().lastWindow() < oldest) {
                oldest = e.getValue().lastWindow();
                victim = e.getKey();
            }
        }
        if (victim == null) {
            return false;
        }
        states.remove(victim);
        return true;
    }

    /** Whether the annotator has an open ANNOTATOR alert. */
    public boolean isFiring(String annotator) {
        State s = states.get(annotator);
        return s != null && s.firing();
    }

    /** Tracked annotators and their state, sorted by id. */
    public SortedMap<String, State> states() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(states));
    }

    /** Windows applied so far. */
    public long windows() {
        return windows;
    }

    /** High points that could not be tracked because every tracked annotator was firing. */
    public long droppedUpdates() {
        return droppedUpdates;
    }

    /**
     * Serializes for a state store: version byte (1), fireAfter, resolveAfter, maxTracked (ints),
     * windows, droppedUpdates (longs), entry count (int), then per annotator in id order: UTF-8 length
     * (int), bytes, consecutiveHigh, consecutiveInControl (ints), firing (boolean), lastWindow (long).
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(40 + states.size() * 40);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeInt(fireAfter);
            out.writeInt(resolveAfter);
            out.writeInt(maxTracked);
            out.writeLong(windows);
            out.writeLong(droppedUpdates);
            out.writeInt(states.size());
            for (Map.Entry<String, State> e : states.entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(key.length);
                out.write(key);
                State s = e.getValue();
                out.writeInt(s.consecutiveHigh());
                out.writeInt(s.consecutiveInControl());
                out.writeBoolean(s.firing());
                out.writeLong(s.lastWindow());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads what {@link #toBytes()} wrote.
     *
     * @throws IllegalArgumentException on an unknown version or corrupt bytes
     */
    public static ConsecutiveOutliers fromBytes(byte[] data) {
        Objects.requireNonNull(data, "data");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown ConsecutiveOutliers format version " + version);
            }
            ConsecutiveOutliers c = new ConsecutiveOutliers(in.readInt(), in.readInt(), in.readInt());
            c.windows = in.readLong();
            c.droppedUpdates = in.readLong();
            int size = in.readInt();
            if (size < 0 || size > c.maxTracked) {
                throw new IllegalArgumentException("corrupt ConsecutiveOutliers: " + size + " entries");
            }
            for (int i = 0; i < size; i++) {
                int len = in.readInt();
                if (len < 0 || len > in.available()) {
                    throw new IllegalArgumentException("corrupt ConsecutiveOutliers: id length " + len);
                }
                String id = new String(in.readNBytes(len), StandardCharsets.UTF_8);
                c.states.put(id, new State(in.readInt(), in.readInt(), in.readBoolean(), in.readLong()));
            }
            return c;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt ConsecutiveOutliers bytes", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConsecutiveOutliers other
                && fireAfter == other.fireAfter
                && resolveAfter == other.resolveAfter
                && maxTracked == other.maxTracked
                && windows == other.windows
                && droppedUpdates == other.droppedUpdates
                && states.equals(other.states);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fireAfter, resolveAfter, maxTracked, windows, droppedUpdates, states);
    }
}
