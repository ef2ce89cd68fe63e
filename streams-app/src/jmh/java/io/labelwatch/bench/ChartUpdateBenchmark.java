package io.labelwatch.bench;

import io.labelwatch.spc.IndividualsChartConfig;
import io.labelwatch.spc.IndividualsMonitor;
import io.labelwatch.spc.ProportionChartConfig;
import io.labelwatch.spc.ProportionMonitor;
import io.labelwatch.spc.SubgroupResult;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of the per-window chart update the topology runs when a window closes: restore the monitor from its store
 * bytes, judge one subgroup, write the bytes back (as the Kafka Streams processor does), and the bare update alone.
 * Run: {@code ./mvnw -B -Pjmh -pl streams-app -am process-test-classes -Djmh.args="ChartUpdateBenchmark -f 1 -wi 3 -i 5"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChartUpdateBenchmark {
    private static final int SERIES = 1024;

    private final ProportionChartConfig proportionConfig = ProportionChartConfig.defaults();
    private final IndividualsChartConfig individualsConfig = IndividualsChartConfig.defaults();
    private long[] n;
    private long[] d;
    private double[] alpha;
    private int next;
    private ProportionMonitor proportion;
    private IndividualsMonitor individuals;
    private byte[] proportionState;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        n = new long[SERIES];
        d = new long[SERIES];
        alpha = new double[SERIES];
        for (int i = 0; i < SERIES; i++) {
            n[i] = 50 + rnd.nextInt(500);
            long defects = 0;
            for (int j = 0; j < n[i]; j++) {
                if (rnd.nextDouble() < 0.05) {
                    defects++;
                }
            }
            d[i] = defects;
            alpha[i] = 0.8 + 0.03 * rnd.nextGaussian();
        }
        proportion = new ProportionMonitor(proportionConfig);
        individuals = new IndividualsMonitor(individualsConfig);
        for (int i = 0; i < 16; i++) {
            proportion.update(n[i], d[i]);
            individuals.update(alpha[i], 100);
        }
        proportionState = proportion.toBytes();
    }

    private int index() {
        next = (next + 1) & (SERIES - 1);
        return next;
    }

    @Benchmark
    public SubgroupResult proportionUpdate() {
        int i = index();
        return proportion.update(n[i], d[i]);
    }

    @Benchmark
    public byte[] proportionUpdateWithStoreRoundTrip() {
        int i = index();
        ProportionMonitor m = ProportionMonitor.fromBytes(proportionConfig, proportionState);
        m.update(n[i], d[i]);
        proportionState = m.toBytes();
        return proportionState;
    }

    @Benchmark
    public SubgroupResult individualsUpdate() {
        int i = index();
        return individuals.update(alpha[i], 100);
    }
}
