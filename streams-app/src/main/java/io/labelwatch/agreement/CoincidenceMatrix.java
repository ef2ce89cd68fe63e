package io.labelwatch.agreement;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Krippendorff's coincidence matrix, kept so that it adds exactly across units and across windows.
 *
 * <p>A unit u holding m_u ≥ 2 values (from any number of annotators; missing values are simply absent) contributes
 * every ordered pair of its values taken from different annotators, each with weight 1/(m_u − 1): o_ck = Σ_u (number
 * of c–k pairs in u)/(m_u − 1) (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section B). A unit
 * with fewer than two values is not pairable and contributes nothing.
 *
 * <p><b>Exactness.</b> The matrix does not store the fractional o_ck. It stores, for each unit size m and ordered value
 * pair (c, k), the integer number of pairs; o_ck is derived only when alpha is computed, in a fixed order. Merging and
 * subtracting are therefore exact integer operations, and alpha over the sum of window matrices is bit-for-bit the
 * alpha over the union of their units, whatever the merge order — a rolling alpha is the sum of the window matrices.
 *
 * <p>Values are strings: compared as strings at the nominal level, parsed as numbers at the interval and ratio levels,
 * and ranked by number or by a caller's comparator at the ordinal level. Normalise labels before adding them
 * ({@code "3"} and {@code "3.0"} are different nominal values).
 *
 * <p>Not thread-safe. {@link #merge} and {@link #subtract} change this matrix in place and return it.
 *
 * <p>Behaviour at the edges: an empty matrix (or one with a single pairable unit that holds one value twice) has
 * {@code alpha = NaN}; see {@link AlphaResult}.
 */
public final class CoincidenceMatrix {

    /** Format version written first by {@link #toBytes()}. */
    public static final byte FORMAT_VERSION = 1;

    private record Cell(int unitSize, String first, String second) {}

    private final Map<Cell, Long> pairCounts = new HashMap<>();
    private long pairableUnits;
    private long pairableValues;

    /** An empty matrix. */
    public CoincidenceMatrix() {}

    /** A copy of {@code other}. */
    public static CoincidenceMatrix copyOf(CoincidenceMatrix other) {
        return new CoincidenceMatrix().merge(other);
    }

    /** A matrix of the given units. */
    public static CoincidenceMatrix of(Collection<? extends Collection<String>> units) {
        CoincidenceMatrix matrix = new CoincidenceMatrix();
        for (Collection<String> unit : units) {
            matrix.addUnit(unit);
        }
        return matrix;
    }

    /**
     * Adds one unit: the values its annotators gave it, one per annotator. {@code null} entries are missing values and
     * are skipped; a unit with fewer than two values is not pairable and leaves the matrix unchanged.
     *
     * @return this matrix
     */
    public CoincidenceMatrix addUnit(Collection<String> values) {
        Map<String, Integer> counts = new TreeMap<>();
        int m = 0;
        for (String v : values) {
            if (v != null) {
                counts.merge(v, 1, Integer::sum);
                m++;
            }
        }
        if (m < 2) {
            return this;
        }
        for (Map.Entry<String, Integer> a : counts.entrySet()) {
            for (Map.Entry<String, Integer> b : counts.entrySet()) {
                long pairs = a.getKey().equals(b.getKey())
                        ? (long) a.getValue() * (a.getValue() - 1)
                        : (long) a.getValue() * b.getValue();
                if (pairs > 0) {
                    pairCounts.merge(new Cell(m, a.getKey(), b.getKey()), pairs, Long::sum);
                }
            }
        }
        pairableUnits++;
        pairableValues += m;
        return this;
    }

    /**
     * Adds every unit of {@code other} to this matrix (in place). {@code other} is not changed.
     *
     * @return this matrix
     */
    public CoincidenceMatrix merge(CoincidenceMatrix other) {
        for (Map.Entry<Cell, Long> e : other.pairCounts.entrySet()) {
            pairCounts.merge(e.getKey(), e.getValue(), Long::sum);
        }
        pairableUnits += other.pairableUnits;
        pairableValues += other.pairableValues;
        return this;
    }

    /**
     * Removes the units of {@code other}, which must have been merged into this matrix before (for example the window
     * that leaves a sliding range). Exact; on failure this matrix is left unchanged.
     *
     * @return this matrix
     * @throws IllegalArgumentException if {@code other} holds pairs this matrix does not
     */
    public CoincidenceMatrix subtract(CoincidenceMatrix other) {
        if (other.pairableUnits > pairableUnits || other.pairableValues > pairableValues) {
            throw new IllegalArgumentException("cannot subtract a matrix with more units than this one");
        }
        for (Map.Entry<Cell, Long> e : other.pairCounts.entrySet()) {
            if (pairCounts.getOrDefault(e.getKey(), 0L) < e.getValue()) {
                throw new IllegalArgumentException("cannot subtract pairs " + e.getKey() + " that were never added");
            }
        }
        for (Map.Entry<Cell, Long> e : other.pairCounts.entrySet()) {
            long left = pairCounts.get(e.getKey()) - e.getValue();
            if (left == 0) {
                pairCounts.remove(e.getKey());
            } else {
                pairCounts.put(e.getKey(), left);
            }
        }
        pairableUnits -= other.pairableUnits;
        pairableValues -= other.pairableValues;
        return this;
    }

    /** n: the number of values in pairable units (Σ_c n_c). */
    public long pairableValues() {
        return pairableValues;
    }

    /** The number of units with at least two values. */
    public long pairableUnits() {
        return pairableUnits;
    }

    /** Whether no pairable unit was added. */
    public boolean isEmpty() {
        return pairableUnits == 0;
    }

    /** The distinct values seen in pairable units, in string order. */
    public SortedSet<String> values() {
        SortedSet<String> values = new TreeSet<>();
        for (Cell cell : pairCounts.keySet()) {
            values.add(cell.first());
        }
        return values;
    }

    /** o_ck, the coincidences of values c and k (symmetric); 0 for values never paired. */
    public double coincidence(String c, String k) {
        double o = 0;
        for (Cell cell : sortedCells()) {
            if (cell.first().equals(c) && cell.second().equals(k)) {
                o += (double) pairCounts.get(cell) / (cell.unitSize() - 1);
            }
        }
        return o;
    }

    /** n_c, the number of pairable values equal to {@code c}. */
    public long valueCount(String c) {
        Map<Integer, Long> perSize = new TreeMap<>();
        for (Map.Entry<Cell, Long> e : pairCounts.entrySet()) {
            if (e.getKey().first().equals(c)) {
                perSize.merge(e.getKey().unitSize(), e.getValue(), Long::sum);
            }
        }
        long n = 0;
        for (Map.Entry<Integer, Long> e : perSize.entrySet()) {
            n += e.getValue() / (e.getKey() - 1);
        }
        return n;
    }

    /**
     * Krippendorff's alpha at {@code level}; ordinal values are ranked by their numeric value.
     *
     * @throws IllegalArgumentException if the level needs numbers and a value is not one
     */
    public AlphaResult alpha(Level level) {
        return alpha(level, null);
    }

    /**
     * Krippendorff's alpha at {@code level}; at the ordinal level {@code ordinalOrder} ranks the values (null: by
     * numeric value). The order is ignored at the other levels.
     */
    public AlphaResult alpha(Level level, Comparator<String> ordinalOrder) {
        Objects.requireNonNull(level, "level");
        List<String> ordered = AlphaMath.order(values(), level, ordinalOrder);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            index.put(ordered.get(i), i);
        }
        int k = ordered.size();
        int maxSize = 2;
        for (Cell cell : pairCounts.keySet()) {
            maxSize = Math.max(maxSize, cell.unitSize());
        }
        // Integer pair counts first (order-free), then o_ck in a fixed order of unit sizes: the doubles depend only on
        // the counts, never on the order in which units or windows were added.
        long[][][] pairsBySize = new long[k][k][maxSize + 1];
        for (Map.Entry<Cell, Long> e : pairCounts.entrySet()) {
            Cell cell = e.getKey();
            pairsBySize[index.get(cell.first())][index.get(cell.second())][cell.unitSize()] += e.getValue();
        }
        double[][] o = new double[k][k];
        double[] marginals = new double[k];
        for (int c = 0; c < k; c++) {
            long[] rowPairs = new long[maxSize + 1];
            for (int j = 0; j < k; j++) {
                double ocj = 0;
                for (int m = 2; m <= maxSize; m++) {
                    long pairs = pairsBySize[c][j][m];
                    if (pairs != 0) {
                        ocj += (double) pairs / (m - 1);
                        rowPairs[m] += pairs;
                    }
                }
                o[c][j] = ocj;
            }
            long nc = 0;
            for (int m = 2; m <= maxSize; m++) {
                nc += rowPairs[m] / (m - 1);
            }
            marginals[c] = nc;
        }
        return AlphaMath.alpha(level, ordered, o, marginals, pairableUnits);
    }

    /**
     * Serialises the matrix: a version byte ({@link #FORMAT_VERSION}), the unit and value counts, the distinct values,
     * then (unit size, value index, value index, pair count) per cell, all in a fixed order so equal matrices give equal
     * bytes.
     */
    public byte[] toBytes() {
        List<String> values = new ArrayList<>(values());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            index.put(values.get(i), i);
        }
        List<Cell> cells = sortedCells();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 16 * cells.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeLong(pairableUnits);
            out.writeLong(pairableValues);
            out.writeInt(values.size());
            for (String v : values) {
                out.writeUTF(v);
            }
            out.writeInt(cells.size());
            for (Cell cell : cells) {
                out.writeInt(cell.unitSize());
                out.writeInt(index.get(cell.first()));
                out.writeInt(index.get(cell.second()));
                out.writeLong(pairCounts.get(cell));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a matrix written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException on an unknown version or malformed bytes
     */
    public static CoincidenceMatrix fromBytes(byte[] data) {
        CoincidenceMatrix matrix = new CoincidenceMatrix();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown coincidence matrix format version " + version);
            }
            matrix.pairableUnits = in.readLong();
            matrix.pairableValues = in.readLong();
            int valueCount = in.readInt();
            if (valueCount < 0) {
                throw new IllegalArgumentException("negative value count " + valueCount);
            }
            List<String> values = new ArrayList<>();
            for (int i = 0; i < valueCount; i++) {
                values.add(in.readUTF());
            }
            int cellCount = in.readInt();
            for (int i = 0; i < cellCount; i++) {
                int size = in.readInt();
                int first = in.readInt();
                int second = in.readInt();
                long pairs = in.readLong();
                if (size < 2 || first < 0 || first >= valueCount || second < 0 || second >= valueCount || pairs <= 0) {
                    throw new IllegalArgumentException("malformed coincidence matrix cell " + i);
                }
                matrix.pairCounts.put(new Cell(size, values.get(first), values.get(second)), pairs);
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes after coincidence matrix");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated coincidence matrix bytes", e);
        }
        return matrix;
    }

    private List<Cell> sortedCells() {
        List<Cell> cells = new ArrayList<>(pairCounts.keySet());
        cells.sort(Comparator.comparing(Cell::first).thenComparing(Cell::second).thenComparingInt(Cell::unitSize));
        return cells;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoincidenceMatrix other
                && pairableUnits == other.pairableUnits
                && pairableValues == other.pairableValues
                && pairCounts.equals(other.pairCounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pairCounts, pairableUnits, pairableValues);
    }

    @Override
    public String toString() {
        return "CoincidenceMatrix[units=" + pairableUnits + ", values=" + pairableValues + ", distinct="
                + values().size() + "]";
    }
}
