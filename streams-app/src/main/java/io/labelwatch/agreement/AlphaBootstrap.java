package io.labelwatch.agreement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Bootstrap confidence interval for Krippendorff's alpha by resampling <em>units</em> (nonparametric percentile
 * bootstrap, Efron &amp; Tibshirani 1993, ch. 13).
 *
 * <p>Each replicate draws as many units as there are pairable units, uniformly with replacement, keeps every unit's
 * values together, and computes alpha on them. The interval is the (1−c)/2 and (1+c)/2 quantiles of the replicate
 * alphas (R-7 / Excel quantile definition). Resampling units rather than values is chosen on purpose: units are the
 * sampling units of an annotation pipeline, and resampling them keeps the dependence between the values of one unit.
 * This is <em>not</em> the algorithm of Hayes &amp; Krippendorff (2007), which resamples pairs of values under an
 * assumption of independent pairs; on small samples the two intervals differ.
 *
 * <p>Reproducible: the same units in the same order, level, replicate count and seed give the same interval (random
 * generator: Commons Math {@link Well19937c}). Replicates whose alpha is undefined (all sampled values equal) are
 * dropped and counted; with no defined replicate the bounds are NaN. Units with fewer than two values are ignored.
 */
public final class AlphaBootstrap {

    /**
     * The estimate over all units and its bootstrap interval.
     *
     * @param estimate alpha over all units
     * @param lower lower bound, NaN when no replicate gave a defined alpha
     * @param upper upper bound, NaN likewise
     * @param confidence the two-sided confidence level, e.g. 0.95
     * @param standardError standard deviation of the defined replicate alphas
     * @param replicates replicates drawn
     * @param definedReplicates replicates whose alpha was defined and that enter the interval
     * @param seed seed of the random generator
     */
    public record Interval(
            AlphaResult estimate,
            double lower,
            double upper,
            double confidence,
            double standardError,
            int replicates,
            int definedReplicates,
            long seed) {}

    private AlphaBootstrap() {}

    /** A 95% interval at {@code level}, ordinal values ranked numerically. */
    public static Interval bootstrap(List<? extends Collection<String>> units, Level level, int replicates, long seed) {
        return bootstrap(units, level, null, replicates, 0.95, seed);
    }

    /**
     * A bootstrap interval at {@code level}.
     *
     * @param units the units, each the values its annotators gave (null = missing)
     * @param ordinalOrder ranks ordinal values; null to rank by number
     * @param replicates number of bootstrap replicates, at least 1
     * @param confidence two-sided level in (0, 1)
     * @param seed random seed
     */
    public static Interval bootstrap(
            List<? extends Collection<String>> units,
            Level level,
            Comparator<String> ordinalOrder,
            int replicates,
            double confidence,
            long seed) {
        if (replicates < 1) {
            throw new IllegalArgumentException("replicates must be at least 1, was " + replicates);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        AlphaResult estimate = CoincidenceMatrix.of(units).alpha(level, ordinalOrder);

        List<Map<String, Integer>> pairable = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (Collection<String> unit : units) {
            Map<String, Integer> counts = new TreeMap<>();
            int m = 0;
            for (String v : unit) {
                if (v != null) {
                    counts.merge(v, 1, Integer::sum);
                    m++;
                }
            }
            if (m >= 2) {
                pairable.add(counts);
                seen.addAll(counts.keySet());
            }
        }
        List<String> ordered = AlphaMath.order(seen, level, ordinalOrder);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            index.put(ordered.get(i), i);
        }
        int unitCount = pairable.size();
        int[][] unitValues = new int[unitCount][];
        int[][] unitCounts = new int[unitCount][];
        for (int u = 0; u < unitCount; u++) {
            Map<String, Integer> counts = pairable.get(u);
            unitValues[u] = new int[counts.size()];
            unitCounts[u] = new int[counts.size()];
            int i = 0;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                unitValues[u][i] = index.get(e.getKey());
                unitCounts[u][i] = e.getValue();
                i++;
            }
        }

        RandomGenerator random = new Well19937c(seed);
        int k = ordered.size();
        double[] alphas = new double[replicates];
        int defined = 0;
        for (int r = 0; r < replicates && unitCount > 0; r++) {
            double[][] o = new double[k][k];
            double[] marginals = new double[k];
            for (int draw = 0; draw < unitCount; draw++) {
                int u = random.nextInt(unitCount);
                addUnit(unitValues[u], unitCounts[u], o, marginals);
            }
            double alpha =
                    AlphaMath.alpha(level, ordered, o, marginals, unitCount).alpha();
            if (!Double.isNaN(alpha)) {
                alphas[defined++] = alpha;
            }
        }
        if (defined == 0) {
            return new Interval(estimate, Double.NaN, Double.NaN, confidence, Double.NaN, replicates, 0, seed);
        }
        double[] kept = Arrays.copyOf(alphas, defined);
        Percentile quantile = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        double tail = (1 - confidence) / 2;
        double lower = quantile.evaluate(kept, 100 * tail);
        double upper = quantile.evaluate(kept, 100 * (1 - tail));
        double sd = defined > 1 ? new StandardDeviation().evaluate(kept) : Double.NaN;
        return new Interval(estimate, lower, upper, confidence, sd, replicates, defined, seed);
    }

    private static void addUnit(int[] values, int[] counts, double[][] o, double[] marginals) {
        int m = 0;
        for (int c : counts) {
            m += c;
        }
        double weight = 1.0 / (m - 1);
        for (int a = 0; a < values.length; a++) {
            marginals[values[a]] += counts[a];
            for (int b = 0; b < values.length; b++) {
                long pairs = a == b ? (long) counts[a] * (counts[a] - 1) : (long) counts[a] * counts[b];
                o[values[a]][values[b]] += pairs * weight;
            }
        }
    }
}
