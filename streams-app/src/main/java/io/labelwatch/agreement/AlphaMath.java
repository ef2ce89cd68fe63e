package io.labelwatch.agreement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Krippendorff's alpha from an ordered coincidence matrix; shared by {@link CoincidenceMatrix} and the bootstrap. */
final class AlphaMath {

    private AlphaMath() {}

    /**
     * Orders the values for a level: nominal by string (order does not matter there), ordinal by {@code order} when
     * given, otherwise (ordinal, interval, ratio) by numeric value.
     *
     * @throws IllegalArgumentException when a value must be numeric and is not
     */
    static List<String> order(Collection<String> values, Level level, Comparator<String> order) {
        List<String> sorted = new ArrayList<>(values);
        if (level == Level.NOMINAL) {
            sorted.sort(Comparator.naturalOrder());
        } else if (level == Level.ORDINAL && order != null) {
            sorted.sort(order.thenComparing(Comparator.naturalOrder()));
        } else {
            for (String v : sorted) {
                parse(v, level);
            }
            sorted.sort(
                    Comparator.<String>comparingDouble(v -> parse(v, level)).thenComparing(Comparator.naturalOrder()));
        }
        return sorted;
    }

    static double parse(String value, Level level) {
        double d;
        try {
            d = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "value '" + value + "' is not a number; level " + level + " needs numeric values", e);
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("value '" + value + "' is not a finite number");
        }
        return d;
    }

    /**
     * α = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck over ordered values.
     *
     * @param ordered the values in the order of the matrix rows
     * @param o coincidences o_ck (symmetric)
     * @param marginals n_c = Σ_k o_ck
     * @param pairableUnits units with at least two values, only reported
     */
    static AlphaResult alpha(Level level, List<String> ordered, double[][] o, double[] marginals, long pairableUnits) {
        int k = ordered.size();
        double n = 0;
        for (double nc : marginals) {
            n += nc;
        }
        if (n < 2) {
            return new AlphaResult(level, Double.NaN, Double.NaN, Double.NaN, Math.round(n), pairableUnits);
        }
        double[][] delta = differences(level, ordered, marginals);
        double observed = 0;
        double expected = 0;
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < k; j++) {
                if (c == j) {
                    continue;
                }
                observed += o[c][j] * delta[c][j];
                expected += marginals[c] * marginals[j] * delta[c][j];
            }
        }
        double dObserved = observed / n;
        double dExpected = expected / (n * (n - 1));
        double alpha = dExpected == 0 ? Double.NaN : 1 - dObserved / dExpected;
        return new AlphaResult(level, alpha, dObserved, dExpected, Math.round(n), pairableUnits);
    }

    private static double[][] differences(Level level, List<String> ordered, double[] marginals) {
        int k = ordered.size();
        double[][] delta = new double[k][k];
        double[] numeric = null;
        if (level == Level.INTERVAL || level == Level.RATIO) {
            numeric = new double[k];
            for (int i = 0; i < k; i++) {
                numeric[i] = parse(ordered.get(i), level);
            }
        }
        double[] cumulative = new double[k + 1];
        for (int i = 0; i < k; i++) {
            cumulative[i + 1] = cumulative[i] + marginals[i];
        }
        for (int c = 0; c < k; c++) {
            for (int j = c + 1; j < k; j++) {
                double d = switch (level) {
                    case NOMINAL -> 1;
                    case ORDINAL -> {
                        double between = cumulative[j + 1] - cumulative[c] - (marginals[c] + marginals[j]) / 2;
                        yield between * between;
                    }
                    case INTERVAL -> (numeric[c] - numeric[j]) * (numeric[c] - numeric[j]);
                    case RATIO -> {
                        double sum = numeric[c] + numeric[j];
                        double r = sum == 0 ? 0 : (numeric[c] - numeric[j]) / sum;
                        yield r * r;
                    }
                };
                delta[c][j] = d;
                delta[j][c] = d;
            }
        }
        return delta;
    }
}
