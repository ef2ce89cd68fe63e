package io.labelwatch.bench;

import io.labelwatch.agreement.AlphaResult;
import io.labelwatch.agreement.CoincidenceMatrix;
import io.labelwatch.agreement.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rolling agreement as the topology does it: merge the coincidence matrices of 24 hourly windows and compute alpha.
 * Each window holds 500 units labelled by 3 annotators (10% missing) over 30 taxonomy classes, 70% of labels on the
 * unit's true class.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AlphaBenchmark {

    private static final int WINDOWS = 24;
    private static final int UNITS_PER_WINDOW = 500;
    private static final int ANNOTATORS = 3;
    private static final int CATEGORIES = 30;

    @Param({"NOMINAL", "ORDINAL"})
    public Level level;

    private final List<CoincidenceMatrix> windows = new ArrayList<>();
    private final List<byte[]> serialised = new ArrayList<>();

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(20240601L);
        for (int w = 0; w < WINDOWS; w++) {
            CoincidenceMatrix window = new CoincidenceMatrix();
            for (int u = 0; u < UNITS_PER_WINDOW; u++) {
                int truth = random.nextInt(CATEGORIES);
                List<String> unit = new ArrayList<>(ANNOTATORS);
                for (int a = 0; a < ANNOTATORS; a++) {
                    double r = random.nextDouble();
                    unit.add(r < 0.1 ? null : Integer.toString(r < 0.8 ? truth : random.nextInt(CATEGORIES)));
                }
                window.addUnit(unit);
            }
            windows.add(window);
            serialised.add(window.toBytes());
        }
    }

    /** Merge 24 in-memory window matrices and compute alpha. */
    @Benchmark
    public AlphaResult mergeAndAlpha() {
        CoincidenceMatrix range = new CoincidenceMatrix();
        for (CoincidenceMatrix window : windows) {
            range.merge(window);
        }
        return range.alpha(level);
    }

    /** As a state store read does it: deserialise 24 windows, merge them and compute alpha. */
    @Benchmark
    public AlphaResult deserialiseMergeAndAlpha() {
        CoincidenceMatrix range = new CoincidenceMatrix();
        for (byte[] bytes : serialised) {
            range.merge(CoincidenceMatrix.fromBytes(bytes));
        }
        return range.alpha(level);
    }
}
