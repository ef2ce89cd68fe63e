package io.labelwatch.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Pearson chi-square test of homogeneity of a defect rate across the values of one dimension: a k×2
 * contingency table (one row per group, columns defects and non-defects), without continuity
 * correction, computed by commons-math3 {@link ChiSquareTest}.
 *
 * <p>X² = Σᵢ Σⱼ (Oᵢⱼ − Eᵢⱼ)² / Eᵢⱼ with Eᵢⱼ = rowᵢ·colⱼ / N, df = k − 1 (Agresti, <i>An Introduction
 * to Categorical Data Analysis</i>, 2nd ed., §2.4; identical to R {@code chisq.test(correct = FALSE)}).
 *
 * <p><b>Pooling.</b> The chi-square approximation needs every expected count ≥ {@code minExpected}
 * (default 5, Cochran's rule). With N reviews and D defects, a group's expected defects are nᵢ·D/N and
 * expected non-defects nᵢ·(N−D)/N, so both are ≥ m exactly when nᵢ ≥ n_min = m·N / min(D, N−D).
 * Pooling leaves N and D unchanged, so n_min is fixed and the algorithm is:
 *
 * <ol>
 *   <li>drop groups with n = 0 (they carry no information);
 *   <li>sort groups by n ascending, ties by value;
 *   <li>put every group with n &lt; n_min into one pooled group;
 *   <li>while the pooled group's n &lt; n_min and unpooled groups remain, absorb the smallest
 *       remaining group.
 * </ol>
 *
 * The pooled group (label {@value #POOLED}) then takes part in the test like any other group. When
 * fewer than 2 groups remain, or N = 0, or D = 0, or D = N (no variation to test), the statistic and the
 * p-value are NaN and df is 0.
 */
public final class Homogeneity {

    /** Cochran's minimum expected count. */
    public static final double DEFAULT_MIN_EXPECTED = 5.0;

    /** Label of the group made of pooled small contributors. */
    public static final String POOLED = "(pooled)";

    /** A group of the tested table: one value, or several pooled ones. */
    public record Group(String label, long n, long d, List<String> members) {
        public Group {
            members = List.copyOf(members);
        }
    }

    /**
     * Outcome of the test.
     *
     * @param groups the groups tested, after pooling (the pooled group last)
     * @param pooledValues how many values went into the pooled group (0 when none)
     * @param statistic X², NaN when not testable
     * @param degreesOfFreedom groups − 1, 0 when not testable
     * @param pValue upper-tail probability of X² under χ²(df), NaN when not testable
     */
    public record Result(List<Group> groups, int pooledValues, double statistic, int degreesOfFreedom, double pValue) {
        public Result {
            groups = List.copyOf(groups);
        }

        /** True when a p-value could be computed. */
        public boolean testable() {
            return !Double.isNaN(pValue);
        }

        /** True when testable and p &lt; alpha. */
        public boolean significant(double alpha) {
            return pValue < alpha;
        }
    }

    private Homogeneity() {}

    /** Tests {@code breakdown} with pooling at {@value #DEFAULT_MIN_EXPECTED}. */
    public static Result test(Breakdown breakdown) {
        return test(breakdown, DEFAULT_MIN_EXPECTED);
    }

    /** Tests {@code breakdown}, pooling groups until every expected count is ≥ {@code minExpected}. */
    public static Result test(Breakdown breakdown, double minExpected) {
        if (!(minExpected >= 0) || Double.isInfinite(minExpected)) {
            throw new IllegalArgumentException("minExpected must be finite and >= 0, got " + minExpected);
        }
        List<Group> groups = new ArrayList<>();
        for (Map.Entry<String, Breakdown.Counts> e : breakdown.values().entrySet()) {
            if (e.getValue().n() > 0) {
                groups.add(new Group(e.getKey(), e.getValue().n(), e.getValue().d(), List.of(e.getKey())));
            }
        }
        long total = breakdown.totalN();
        long defects = breakdown.totalD();
        if (total == 0 || defects == 0 || defects == total) {
            return new Result(groups, 0, Double.NaN, 0, Double.NaN);
        }
        double nMin = minExpected * total / Math.min(defects, total - defects);
        groups.sort(Comparator.comparingLong(Group::n).thenComparing(Group::label));

        List<Group> kept = new ArrayList<>();
        List<String> pooledMembers = new ArrayList<>();
        long pooledN = 0;
        long pooledD = 0;
        int next = 0;
        while (next < groups.size() && groups.get(next).n() < nMin) {
            Group g = groups.get(next++);
            pooledMembers.add(g.label());
            pooledN += g.n();
            pooledD += g.d();
        }
        while (!pooledMembers.isEmpty() && pooledN < nMin && next < groups.size()) {
            Group g = groups.get(next++);
            pooledMembers.add(g.label());
            pooledN += g.n();
            pooledD += g.d();
        }
        kept.addAll(groups.subList(next, groups.size()));
        kept.sort(Comparator.comparing(Group::label));
        if (!pooledMembers.isEmpty()) {
            kept.add(new Group(POOLED, pooledN, pooledD, pooledMembers));
        }
        if (kept.size() < 2) {
            return new Result(kept, pooledMembers.size(), Double.NaN, 0, Double.NaN);
        }
        long[][] table = new long[kept.size()][];
        for (int i = 0; i < kept.size(); i++) {
            Group g = kept.get(i);
            table[i] = new long[] {g.d(), g.n() - g.d()};
        }
        ChiSquareTest test = new ChiSquareTest();
        return new Result(
                kept, pooledMembers.size(), test.chiSquare(table), kept.size() - 1, test.chiSquareTest(table));
    }
}
