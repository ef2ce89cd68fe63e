package io.labelwatch.attribution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The guideline_version and tool_version mix of a chart's in-control windows: reviews n and defects d per version,
 * summed over the windows {@link #record recorded}. Attribution compares a signalling window against it, because a
 * full roll-out puts every review of the window on one version and a test within the window cannot see it.
 *
 * <p><b>Bounded.</b> At most {@code maxVersions} (default {@value #DEFAULT_MAX_VERSIONS}) versions per dimension are
 * kept; a new version beyond the cap evicts the one seen least recently (ties: the smallest name), so an old version
 * retired long ago is forgotten first. {@link Breakdown#OTHER} and {@link Breakdown#UNKNOWN} are never recorded: they
 * name no version.
 */
public final class VersionMix {
    public static final int DEFAULT_MAX_VERSIONS = 32;
    /** The dimensions a mix keeps. */
    public static final List<Dimension> DIMENSIONS = List.of(Dimension.GUIDELINE_VERSION, Dimension.TOOL_VERSION);
    /** What a mix records: the version dimensions and the vendors, so a vendor onboarded since can be told new. */
    public static final List<Dimension> TRACKED =
            List.of(Dimension.GUIDELINE_VERSION, Dimension.TOOL_VERSION, Dimension.VENDOR);

    /**
     * In-control windows a version must appear in before it belongs to the baseline. The first window after a roll-out
     * is often still in control (it holds reviews of labels made before it); without this probation it would make the
     * new version "known" one window before the chart signals on it.
     */
    public static final int ESTABLISHED_AFTER = 3;

    private static final byte FORMAT_VERSION = 3;

    private final int maxVersions;
    /** Per dimension, per version: {n, d, index of the window it was last seen in, windows it was seen in}. */
    private final Map<Dimension, Map<String, long[]>> versions = new EnumMap<>(Dimension.class);

    private long windows;

    /** An empty mix with the default cap. */
    public VersionMix() {
        this(DEFAULT_MAX_VERSIONS);
    }

    /** An empty mix keeping at most {@code maxVersions} (≥ 1) versions per dimension. */
    public VersionMix(int maxVersions) {
        if (maxVersions < 1) {
            throw new IllegalArgumentException("maxVersions must be >= 1, got " + maxVersions);
        }
        this.maxVersions = maxVersions;
        for (Dimension d : TRACKED) {
            versions.put(d, new TreeMap<>());
        }
    }

    /** Adds the version and vendor breakdowns of one in-control window; other dimensions are ignored. */
    public VersionMix record(Map<Dimension, Breakdown> window) {
        windows++;
        for (Dimension dim : TRACKED) {
            Breakdown b = window.get(dim);
            if (b == null) {
                continue;
            }
            Map<String, long[]> known = versions.get(dim);
            for (Map.Entry<String, Breakdown.Counts> e : b.values().entrySet()) {
                String version = e.getKey();
                if (Breakdown.OTHER.equals(version)
                        || Breakdown.UNKNOWN.equals(version)
                        || e.getValue().n() == 0) {
                    continue;
                }
                long[] c = known.get(version);
                if (c == null) {
                    if (known.size() >= maxVersions) {
                        evictLeastRecent(known);
                    }
                    c = new long[4];
                    known.put(version, c);
                }
                c[0] = Math.addExact(c[0], e.getValue().n());
                c[1] = Math.addExact(c[1], e.getValue().d());
                c[2] = windows;
                c[3]++;
            }
        }
        return this;
    }

    private static void evictLeastRecent(Map<String, long[]> known) {
        String oldest = null;
        long oldestSeen = Long.MAX_VALUE;
        for (Map.Entry<String, long[]> e : known.entrySet()) {
            if (e.getValue()[2] < oldestSeen) {
                oldest = e.getKey();
                oldestSeen = e.getValue()[2];
            }
        }
        known.remove(oldest);
    }

    /** True when no review of {@code dimension} has been recorded, so nothing can be called new. */
    public boolean isEmpty(Dimension dimension) {
        Map<String, long[]> known = versions.get(dimension);
        return known == null || known.isEmpty();
    }

    /** True when {@code version} of {@code dimension} was reviewed in a recorded window (and not evicted since). */
    public boolean contains(Dimension dimension, String version) {
        Map<String, long[]> known = versions.get(dimension);
        return known != null && known.containsKey(version);
    }

    /**
     * True when {@code version} of {@code dimension} was reviewed in at least {@value #ESTABLISHED_AFTER} recorded
     * windows: part of the baseline, so not "new since the baseline".
     */
    public boolean isEstablished(Dimension dimension, String version) {
        Map<String, long[]> known = versions.get(dimension);
        long[] c = known == null ? null : known.get(version);
        return c != null && c[3] >= ESTABLISHED_AFTER;
    }

    /** Recorded counts of one version; zero counts when absent. */
    public Breakdown.Counts get(Dimension dimension, String version) {
        Map<String, long[]> known = versions.get(dimension);
        long[] c = known == null ? null : known.get(version);
        return c == null ? new Breakdown.Counts(0, 0) : new Breakdown.Counts(c[0], c[1]);
    }

    /** Versions of {@code dimension} currently kept, sorted. */
    public List<String> versions(Dimension dimension) {
        Map<String, long[]> known = versions.get(dimension);
        return known == null ? List.of() : List.copyOf(known.keySet());
    }

    /** Windows recorded since creation or the last {@link #clear()}. */
    public long windows() {
        return windows;
    }

    /** Forgets everything (a chart that starts a new baseline starts a new mix). */
    public void clear() {
        windows = 0;
        versions.values().forEach(Map::clear);
    }

    /**
     * Serializes for a state store: version byte (3), maxVersions (int), windows (long), then per dimension of {@link
     * #TRACKED} an entry count (int) and per entry the UTF string, n, d, last-seen window and windows seen (longs).
     * Formats 1 (without windows seen; its versions count as established) and 2 (without vendors) are still read.
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeInt(maxVersions);
            out.writeLong(windows);
            for (Dimension dim : TRACKED) {
                Map<String, long[]> known = versions.get(dim);
                out.writeInt(known.size());
                for (Map.Entry<String, long[]> e : known.entrySet()) {
                    out.writeUTF(e.getKey());
                    for (long v : e.getValue()) {
                        out.writeLong(v);
                    }
                }
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
    public static VersionMix fromBytes(byte[] data) {
        Objects.requireNonNull(data, "data");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version < 1 || version > FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown VersionMix format version " + version);
            }
            VersionMix mix = new VersionMix(in.readInt());
            mix.windows = in.readLong();
            // formats 1 and 2 kept the two version dimensions only
            for (Dimension dim : version >= 3 ? TRACKED : DIMENSIONS) {
                int size = in.readInt();
                if (size < 0 || size > mix.maxVersions) {
                    throw new IllegalArgumentException("corrupt VersionMix: " + size + " entries");
                }
                for (int i = 0; i < size; i++) {
                    String name = in.readUTF();
                    long n = in.readLong();
                    long d = in.readLong();
                    long lastSeen = in.readLong();
                    long seen = version == 1 ? ESTABLISHED_AFTER : in.readLong();
                    mix.versions.get(dim).put(name, new long[] {n, d, lastSeen, seen});
                }
            }
            return mix;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt VersionMix bytes", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VersionMix other) || maxVersions != other.maxVersions || windows != other.windows) {
            return false;
        }
        for (Dimension dim : TRACKED) {
            Map<String, long[]> a = versions.get(dim);
            Map<String, long[]> b = other.versions.get(dim);
            if (!a.keySet().equals(b.keySet())) {
                return false;
            }
            for (Map.Entry<String, long[]> e : a.entrySet()) {
                if (!java.util.Arrays.equals(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                maxVersions, windows, versions(Dimension.GUIDELINE_VERSION), versions(Dimension.TOOL_VERSION));
    }

    @Override
    public String toString() {
        return "VersionMix{guideline_version=" + versions(Dimension.GUIDELINE_VERSION) + ", tool_version="
                + versions(Dimension.TOOL_VERSION) + ", windows=" + windows + "}";
    }
}
