package io.labelwatch.agreement;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Fleiss' kappa for N units each rated by the same number n ≥ 2 of raters into nominal categories (Fleiss 1971,
 * "Measuring nominal scale agreement among many raters", Psychological Bulletin 76:378–382), with per-category kappas
 * and standard errors under H0: κ = 0 (Fleiss, Levin &amp; Paik 2003, "Statistical Methods for Rates and Proportions",
 * 3rd ed., section 18.1, after Fleiss, Nee &amp; Landis 1979).
 *
 * <p>With n_ij the number of raters who put unit i in category j, p_j = Σ_i n_ij / (Nn), q_j = 1 − p_j:
 *
 * <ul>
 *   <li>P̄ = (1/N) Σ_i (Σ_j n_ij² − n) / (n(n−1)), P̄e = Σ_j p_j², κ = (P̄ − P̄e) / (1 − P̄e)
 *   <li>se0(κ) = √2 / (Σ_j p_j q_j · √(Nn(n−1))) · √((Σ_j p_j q_j)² − Σ_j p_j q_j (q_j − p_j))
 *   <li>κ_j = 1 − Σ_i n_ij (n − n_ij) / (Nn(n−1) p_j q_j), se0(κ_j) = √(2 / (Nn(n−1)))
 *   <li>z = κ / se0, two-sided p from the standard normal distribution.
 * </ul>
 *
 * <p>Only categories that occur are counted. Edge cases: with one category only (every rater always picks the same
 * label) κ and the κ_j are NaN; no units is an error.
 */
public final class FleissKappa {

    /** Kappa of one category against all others. */
    public record CategoryKappa(double kappa, double standardErrorH0, double z, double pValue) {}

    /**
     * @param kappa Fleiss' kappa
     * @param standardErrorH0 standard error of kappa under H0: κ = 0
     * @param z kappa / standardErrorH0
     * @param pValue two-sided p-value of z
     * @param observedAgreement P̄
     * @param expectedAgreement P̄e
     * @param units N
     * @param raters n, raters per unit
     * @param perCategory κ_j by category, in category (string) order
     */
    public record Result(
            double kappa,
            double standardErrorH0,
            double z,
            double pValue,
            double observedAgreement,
            double expectedAgreement,
            int units,
            int raters,
            SortedMap<String, CategoryKappa> perCategory) {}

    private FleissKappa() {}

    /** Fleiss' kappa of units given as lists of labels; units are named by their 1-based position in errors. */
    public static Result compute(List<? extends Collection<String>> units) {
        Map<String, Collection<String>> named = new LinkedHashMap<>();
        for (int i = 0; i < units.size(); i++) {
            named.put("#" + (i + 1), units.get(i));
        }
        return compute(named);
    }

    /**
     * Fleiss' kappa of units given by id, each with the labels of its raters.
     *
     * @throws IllegalArgumentException if there are no units, a unit has fewer than 2 labels or a null label, or units
     *     have different numbers of labels (the message names the first offending unit)
     */
    public static Result compute(Map<String, ? extends Collection<String>> unitsById) {
        if (unitsById.isEmpty()) {
            throw new IllegalArgumentException("Fleiss' kappa needs at least one unit");
        }
        int raters = -1;
        String firstUnit = null;
        SortedMap<String, long[]> sums = new TreeMap<>(); // category -> {Σ n_ij, Σ n_ij², Σ n_ij (n - n_ij)}
        double sumSquares = 0;
        for (Map.Entry<String, ? extends Collection<String>> unit : unitsById.entrySet()) {
            Collection<String> labels = unit.getValue();
            if (labels.stream().anyMatch(Objects::isNull)) {
                throw new IllegalArgumentException("unit " + unit.getKey() + " has a missing label");
            }
            if (raters < 0) {
                raters = labels.size();
                firstUnit = unit.getKey();
                if (raters < 2) {
                    throw new IllegalArgumentException(
                            "Fleiss' kappa needs at least 2 raters per unit; unit " + unit.getKey() + " has " + raters);
                }
            } else if (labels.size() != raters) {
                throw new IllegalArgumentException("Fleiss' kappa needs the same number of raters on every unit: unit "
                        + unit.getKey() + " has " + labels.size() + ", unit " + firstUnit + " has " + raters);
            }
            Map<String, Integer> counts = new TreeMap<>();
            for (String label : labels) {
                counts.merge(label, 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                long nij = e.getValue();
                long[] s = sums.computeIfAbsent(e.getKey(), c -> new long[3]);
                s[0] += nij;
                s[1] += nij * nij;
                s[2] += nij * (raters - nij);
                sumSquares += nij * nij;
            }
        }
        int units = unitsById.size();
        double n = raters;
        double totalRatings = (double) units * n;
        double observed = (sumSquares - totalRatings) / (totalRatings * (n - 1));
        double expected = 0;
        double sumPq = 0;
        double sumPqQminusP = 0;
        for (long[] s : sums.values()) {
            double p = s[0] / totalRatings;
            double q = 1 - p;
            expected += p * p;
            sumPq += p * q;
            sumPqQminusP += p * q * (q - p);
        }
        double kappa = (observed - expected) / (1 - expected);
        double denominator = totalRatings * (n - 1);
        double se0 = Math.sqrt(2) / (sumPq * Math.sqrt(denominator)) * Math.sqrt(sumPq * sumPq - sumPqQminusP);
        NormalDistribution normal = new NormalDistribution();
        double z = kappa / se0;
        SortedMap<String, CategoryKappa> perCategory = new TreeMap<>();
        double seCategory = Math.sqrt(2 / denominator);
        for (Map.Entry<String, long[]> e : sums.entrySet()) {
            double p = e.getValue()[0] / totalRatings;
            double kj = 1 - e.getValue()[2] / (denominator * p * (1 - p));
            double zj = kj / seCategory;
            perCategory.put(e.getKey(), new CategoryKappa(kj, seCategory, zj, twoSided(normal, zj)));
        }
        return new Result(kappa, se0, z, twoSided(normal, z), observed, expected, units, raters, perCategory);
    }

    static double twoSided(NormalDistribution normal, double z) {
        return Double.isNaN(z) ? Double.NaN : 2 * normal.cumulativeProbability(-Math.abs(z));
    }
}
