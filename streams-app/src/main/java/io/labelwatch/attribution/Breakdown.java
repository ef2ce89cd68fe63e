package io.labelwatch.attribution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reviews {@code n} and defects {@code d} per contributor value of one {@link Dimension} (for example
 * per annotator) in one window.
 *
 * <p>Additive: {@link #add} and {@link #merge} commute, so a window's breakdown is the same whatever
 * the order of its reviews and however it was split across partial aggregates, as long as the cap is
 * not reached.
 *
 * <p><b>Bounded memory.</b> At most {@link #maxValues()} distinct values (default {@value
 * #DEFAULT_MAX_VALUES}) are tracked by name. Once the cap is reached, counts for any value not yet
 * tracked are added to the {@value #OTHER} bucket instead, and {@link #foldedAdds()} is incremented
 * once per folded addition (an upper bound on the number of distinct folded values, which cannot be
 * known without keeping them). Totals stay exact; only the per-value detail is lost. Which values get
 * folded depends on arrival order, so near the cap {@code merge} is no longer order-independent per
 * value (totals still are). The {@value #OTHER} bucket does not count towards the cap. A null value is
 * recorded as {@value #UNKNOWN}.
 *
 * <p>Not thread-safe; one instance belongs to one window of one key.
 */
public final class Breakdown {

    /** Default cap on distinct tracked values per dimension and window. */
    public static final int DEFAULT_MAX_VALUES = 500;

    /** The bucket that receives values beyond the cap. */
    public static final String OTHER = "(other)";

    /** The value recorded for a null contributor value. */
    public static final String UNKNOWN = "(unknown)";

    private static final byte FORMAT_VERSION = 1;

    /** Reviews and defects of one contributor value. */
    public record Counts(long n, long d) {
        public Counts {
            check(n, d);
        }

        /** d / n, or NaN when n = 0. */
        public double rate() {
            return n == 0 ? Double.NaN : (double) d / n;
        }
    }

    private final int maxValues;
    private final TreeMap<String, long[]> counts = new TreeMap<>();
    private long foldedAdds;

    /** An empty breakdown with the default cap of {@value #DEFAULT_MAX_VALUES} values. */
    public Breakdown() {
        this(DEFAULT_MAX_VALUES);
    }

    /** An empty breakdown tracking at most {@code maxValues} (≥ 1) distinct values by name. */
    public Breakdown(int maxValues) {
        if (maxValues < 1) {
            throw new IllegalArgumentException("maxValues must be >= 1, got " + maxValues);
        }
        this.maxValues = maxValues;
    }

    /**
     * Adds {@code n} reviews with {@code d} defects for {@code value}.
     *
     * @throws IllegalArgumentException unless 0 ≤ d ≤ n
     */
    public Breakdown add(String value, long n, long d) {
        check(n, d);
        String key = value == null ? UNKNOWN : value;
        long[] c = counts.get(key);
        if (c == null) {
            if (!OTHER.equals(key) && trackedValues() >= maxValues) {
                foldedAdds++;
                key = OTHER;
                c = counts.get(OTHER);
            }
            if (c == null) {
                c = new long[2];
                counts.put(key, c);
            }
        }
        c[0] = Math.addExact(c[0], n);
        c[1] = Math.addExact(c[1], d);
        return this;
    }

    /** Adds one review, a defect or not. */
    public Breakdown addReview(String value, boolean defect) {
        return add(value, 1, defect ? 1 : 0);
    }

    /**
     * Adds every value of {@code other} to this one (through {@link #add}, so this breakdown's cap
     * applies) and carries over its folded-addition count.
     */
    public Breakdown merge(Breakdown other) {
        if (other == this) {
            other = copy();
        }
        for (Map.Entry<String, long[]> e : other.counts.entrySet()) {
            add(e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        foldedAdds = Math.addExact(foldedAdds, other.foldedAdds);
        return this;
    }

    /** An independent copy. */
    public Breakdown copy() {
        Breakdown b = new Breakdown(maxValues);
        counts.forEach((k, v) -> b.counts.put(k, v.clone()));
        b.foldedAdds = foldedAdds;
        return b;
    }

    /** Counts per value (including {@value #OTHER} when non-empty), sorted by value. */
    public SortedMap<String, Counts> values() {
        TreeMap<String, Counts> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, new Counts(v[0], v[1])));
        return Collections.unmodifiableSortedMap(out);
    }

    /** Counts of one value; zero counts when absent. */
    public Counts get(String value) {
        long[] c = counts.get(value == null ? UNKNOWN : value);
        return c == null ? new Counts(0, 0) : new Counts(c[0], c[1]);
    }

    /** Number of distinct entries, including {@value #OTHER} when present. */
    public int size() {
        return counts.size();
    }

    /** True when nothing was added. */
    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** Total reviews over all values. */
    public long totalN() {
        long s = 0;
        for (long[] c : counts.values()) {
            s += c[0];
        }
        return s;
    }

    /** Total defects over all values. */
    public long totalD() {
        long s = 0;
        for (long[] c : counts.values()) {
            s += c[1];
        }
        return s;
    }

    /** The cap on distinct tracked values. */
    public int maxValues() {
        return maxValues;
    }

    /** Number of additions that went to {@value #OTHER} because the cap was reached. */
    public long foldedAdds() {
        return foldedAdds;
    }

    private static void check(long n, long d) {
        if (n < 0 || d < 0 || d > n) {
            throw new IllegalArgumentException("need 0 <= d <= n, got n=" + n + " d=" + d);
        }
    }

    private int trackedValues() {
        return counts.containsKey(OTHER) ? counts.size() - 1 : counts.size();
    }

    /**
     * Serializes for a state store: version byte (1), maxValues (int), foldedAdds (long), entry count
     * (int), then per entry in value order: UTF-8 byte length (int), bytes, n (long), d (long).
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + counts.size() * 32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeInt(maxValues);
            out.writeLong(foldedAdds);
            out.writeInt(counts.size());
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeInt(key.length);
                out.write(key);
                out.writeLong(e.getValue()[0]);
                out.writeLong(e.getValue()[1]);
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
    public static Breakdown fromBytes(byte[] data) {
        Objects.requireNonNull(data, "data");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown Breakdown format version " + version);
            }
            Breakdown b = new Breakdown(in.readInt());
            b.foldedAdds = in.readLong();
            int size = in.readInt();
            if (size < 0 || size > b.maxValues + 1) {
                throw new IllegalArgumentException("corrupt Breakdown: " + size + " entries");
            }
            for (int i = 0; i < size; i++) {
                int len = in.readInt();
                if (len < 0 || len > in.available()) {
                    throw new IllegalArgumentException("corrupt Breakdown: value length " + len);
                }
                byte[] key = in.readNBytes(len);
                long n = in.readLong();
                long d = in.readLong();
                check(n, d);
                b.counts.put(new String(key, StandardCharsets.UTF_8), new long[] {n, d});
            }
            return b;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt Breakdown bytes", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Breakdown other)) {
            return false;
        }
        return maxValues == other.maxValues && foldedAdds == other.foldedAdds && values().equals(other.values());
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxValues, foldedAdds, values());
    }

    @Override
    public String toString() {
        return "Breakdown" + values() + (foldedAdds > 0 ? " folded=" + foldedAdds : "");
    }
}
