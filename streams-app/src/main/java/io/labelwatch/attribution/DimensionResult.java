package io.labelwatch.attribution;

import java.util.List;

/**
 * Evidence for one dimension of a window.
 *
 * @param dimension the dimension
 * @param test chi-square homogeneity test across the dimension's values, after pooling
 * @param positiveExcess Σ max(0, dᵢ − nᵢ·p₀) over the values
 * @param contributors every value, sorted by excess descending, ties by value
 */
public record DimensionResult(
        Dimension dimension, Homogeneity.Result test, double positiveExcess, List<Contributor> contributors) {

    public DimensionResult {
        contributors = List.copyOf(contributors);
    }

    /** The chi-square p-value, NaN when fewer than 2 groups remain after pooling. */
    public double pValue() {
        return test.pValue();
    }

    /** Named values with n &gt; 0, i.e. excluding {@link Breakdown#OTHER}. */
    public int namedValues() {
        return (int) contributors.stream()
                .filter(c -> c.n() > 0 && !Breakdown.OTHER.equals(c.value()))
                .count();
    }

    /**
     * The shortest run of top named contributors (at most {@code limit}, each with positive excess)
     * whose shares add up to at least {@code share}; empty when the top {@code limit} do not reach it.
     */
    public List<Contributor> carriers(int limit, double share) {
        List<Contributor> top = topNamed(limit);
        double sum = 0;
        for (int i = 0; i < top.size(); i++) {
            sum += top.get(i).share();
            if (sum >= share - 1e-12) {
                return top.subList(0, i + 1);
            }
        }
        return List.of();
    }

    /** Share of the positive excess carried by the top {@code limit} named contributors. */
    public double topShare(int limit) {
        return topNamed(limit).stream().mapToDouble(Contributor::share).sum();
    }

    /** Up to {@code limit} named contributors with positive excess, largest first. */
    public List<Contributor> topNamed(int limit) {
        return contributors.stream()
                .filter(c -> c.excess() > 0 && !Breakdown.OTHER.equals(c.value()))
                .limit(limit)
                .toList();
    }
}
