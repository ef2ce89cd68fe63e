package io.labelwatch.agreement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Cohen's kappa for two raters, plain (Cohen 1960) or weighted (Cohen 1968), with the large-sample standard errors of
 * Fleiss, Cohen &amp; Everitt (1969, "Large sample standard errors of kappa and weighted kappa", Psychological Bulletin
 * 72:323–327).
 *
 * <p>With p_ij the proportion of units rated i by the first and j by the second rater, margins p_i., p_.j, agreement
 * weights w_ij, w̄_i. = Σ_j p_.j w_ij and w̄_.j = Σ_i p_i. w_ij:
 *
 * <ul>
 *   <li>P_o = Σ w_ij p_ij, P_e = Σ w_ij p_i. p_.j, κ = (P_o − P_e) / (1 − P_e)
 *   <li>var(κ) = [Σ p_ij (w_ij − (w̄_i. + w̄_.j)(1 − κ))² − (κ − P_e(1 − κ))²] / (N (1 − P_e)²), used for the
 *       confidence interval κ ± z_{0.975} se
 *   <li>var0(κ) = [Σ p_i. p_.j (w_ij − (w̄_i. + w̄_.j))² − P_e²] / (N (1 − P_e)²), used for the test of κ = 0
 * </ul>
 *
 * <p>Weights over k ordered categories at positions i, j = 0..k−1: none w = [i = j]; linear w = 1 − |i − j|/(k − 1)
 * (Cicchetti–Allison, SAS's default); quadratic w = 1 − (i − j)²/(k − 1)² (Fleiss–Cohen). Positions are those of the
 * categories that occur (R irr's {@code kappa2} does the same). Edge cases: if both raters use one and the same
 * category only, P_e = 1 and κ, its errors and bounds are NaN.
 */
public final class CohenKappa {

    /** Agreement weights of weighted kappa. */
    public enum Weights {
        NONE,
        LINEAR,
        QUADRATIC
    }

    /**
     * @param kappa Cohen's kappa
     * @param standardError asymptotic standard error (non-null variance)
     * @param lower95 lower bound of the 95% confidence interval κ − 1.96 se
     * @param upper95 upper bound
     * @param standardErrorH0 standard error under H0: κ = 0
     * @param z κ / standardErrorH0
     * @param pValue two-sided p-value of z
     * @param observedAgreement P_o
     * @param expectedAgreement P_e
     * @param units N, the number of units rated by both raters
     * @param weights the weights used
     * @param categories the categories in the order used for the weights
     */
    public record Result(
            double kappa,
            double standardError,
            double lower95,
            double upper95,
            double standardErrorH0,
            double z,
            double pValue,
            double observedAgreement,
            double expectedAgreement,
            long units,
            Weights weights,
            List<String> categories) {}

    private CohenKappa() {}

    /**
     * Kappa of paired labels: {@code first.get(u)} and {@code second.get(u)} are the two raters' labels of unit u.
     * Categories are ordered by numeric value when all labels are numbers, otherwise as strings.
     */
    public static Result compute(List<String> first, List<String> second, Weights weights) {
        TreeSet<String> seen = new TreeSet<>(first);
        seen.addAll(second);
        return compute(first, second, weights, defaultOrder(seen));
    }

    /** Kappa of paired labels with categories in the given order (every label must be one of them). */
    public static Result compute(List<String> first, List<String> second, Weights weights, List<String> categories) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException(
                    "the raters' label lists differ in length: " + first.size() + " and " + second.size());
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i), i);
        }
        long[][] table = new long[categories.size()][categories.size()];
        for (int u = 0; u < first.size(); u++) {
            Integer a = index.get(first.get(u));
            Integer b = index.get(second.get(u));
            if (a == null || b == null) {
                throw new IllegalArgumentException("unit #" + (u + 1) + " has a label outside the categories");
            }
            table[a][b]++;
        }
        return compute(table, weights, categories);
    }

    /** Kappa of a square contingency table (rows: first rater, columns: second rater) with categories named 0..k−1. */
    public static Result compute(long[][] table, Weights weights) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < table.length; i++) {
            names.add(Integer.toString(i));
        }
        return compute(table, weights, names);
    }

    private static Result compute(long[][] table, Weights weights, List<String> categories) {
        int k = table.length;
        long total = 0;
        for (long[] row : table) {
            if (row.length != k) {
                throw new IllegalArgumentException("the contingency table must be square");
            }
            for (long c : row) {
                total += c;
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("Cohen's kappa needs at least one unit rated by both raters");
        }
        double n = total;
        double[][] w = weights(k, weights);
        double[][] p = new double[k][k];
        double[] rows = new double[k];
        double[] cols = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                p[i][j] = table[i][j] / n;
                rows[i] += p[i][j];
                cols[j] += p[i][j];
            }
        }
        double po = 0;
        double pe = 0;
        double[] wRow = new double[k];
        double[] wCol = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                po += w[i][j] * p[i][j];
                pe += w[i][j] * rows[i] * cols[j];
                wRow[i] += cols[j] * w[i][j];
                wCol[j] += rows[i] * w[i][j];
            }
        }
        double kappa = (po - pe) / (1 - pe);
        double sum = 0;
        double sum0 = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double d = w[i][j] - (wRow[i] + wCol[j]) * (1 - kappa);
                sum += p[i][j] * d * d;
                double d0 = w[i][j] - (wRow[i] + wCol[j]);
                sum0 += rows[i] * cols[j] * d0 * d0;
            }
        }
        double scale = n * (1 - pe) * (1 - pe);
        double correction = kappa - pe * (1 - kappa);
        double se = Math.sqrt(Math.max(0, sum - correction * correction) / scale);
        double se0 = Math.sqrt(Math.max(0, sum0 - pe * pe) / scale);
        NormalDistribution normal = new NormalDistribution();
        double zCrit = normal.inverseCumulativeProbability(0.975);
        double z = kappa / se0;
        return new Result(
                kappa,
                se,
                kappa - zCrit * se,
                kappa + zCrit * se,
                se0,
                z,
                FleissKappa.twoSided(normal, z),
                po,
                pe,
                total,
                weights,
                List.copyOf(categories));
    }

    private static double[][] weights(int k, Weights weights) {
        double[][] w = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double d = Math.abs(i - j);
                w[i][j] = switch (weights) {
                    case NONE -> i == j ? 1 : 0;
                    case LINEAR -> k == 1 ? 1 : 1 - d / (k - 1);
                    case QUADRATIC -> k == 1 ? 1 : 1 - d * d / ((double) (k - 1) * (k - 1));
                };
            }
        }
        return w;
    }

    /** Numeric order when every value parses as a finite number, otherwise string order. */
    static List<String> defaultOrder(TreeSet<String> values) {
        List<String> ordered = new ArrayList<>(values);
        for (String v : ordered) {
            try {
                if (!Double.isFinite(Double.parseDouble(v.trim()))) {
                    return ordered;
                }
            } catch (NumberFormatException e) {
                return ordered;
            }
        }
        ordered.sort(Comparator.<String>comparingDouble(v -> Double.parseDouble(v.trim()))
                .thenComparing(Comparator.naturalOrder()));
        return ordered;
    }
}
