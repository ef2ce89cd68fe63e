package io.labelwatch.topology.errorrate;

/**
 * The Horvitz–Thompson weighted totals of one window and the counts a proportion chart is fed from them.
 *
 * <p>A review sampled with inclusion probability πᵢ weighs wᵢ = 1/πᵢ (Horvitz &amp; Thompson 1952). The error rate
 * is the Hájek ratio estimate p̂ = Σwᵢyᵢ / Σwᵢ (yᵢ = 1 for a defect), which stays in [0, 1] and does not need the
 * population size. Unequal weights cost precision; Kish's effective sample size n_eff = (Σwᵢ)² / Σwᵢ² (Kish 1965,
 * <i>Survey Sampling</i>, §11.7) is the size of a simple random sample with the same variance, so the chart's
 * binomial limits use it: equal weights give n_eff = n and p̂ = d/n, the unweighted chart.
 *
 * <p>The control charts work on whole counts, so they are fed n′ = round(n_eff) and d′ = round(p̂·n′), clamped to
 * [0, n′]: the charted value is p̂ rounded to the nearest multiple of 1/n′. With no charted review everything is 0
 * and the rate is NaN.
 *
 * @param sumWeights Σwᵢ over the charted reviews
 * @param sumWeightedDefects Σwᵢ over the charted defects
 * @param sumSquaredWeights Σwᵢ²
 */
public record WeightedCounts(double sumWeights, double sumWeightedDefects, double sumSquaredWeights) {

    public static final WeightedCounts EMPTY = new WeightedCounts(0, 0, 0);

    /** Adds one review sampled with inclusion probability {@code samplingRate} in (0, 1]. */
    public WeightedCounts plus(double samplingRate, boolean defect) {
        double w = 1.0 / samplingRate;
        return new WeightedCounts(sumWeights + w, sumWeightedDefects + (defect ? w : 0), sumSquaredWeights + w * w);
    }

    /** The Hájek estimate p̂ = Σwy / Σw; NaN when there is no weight. */
    public double rate() {
        return sumWeights > 0 ? sumWeightedDefects / sumWeights : Double.NaN;
    }

    /** Kish's n_eff = (Σw)² / Σw²; 0 when there is no weight. */
    public double effectiveN() {
        return sumSquaredWeights > 0 ? sumWeights * sumWeights / sumSquaredWeights : 0;
    }

    /** n′ = round(n_eff), the subgroup size the chart is fed. */
    public long chartedN() {
        return Math.round(effectiveN());
    }

    /** d′ = round(p̂·n′) clamped to [0, n′], the defects the chart is fed. */
    public long chartedDefects() {
        long n = chartedN();
        return n == 0 ? 0 : Math.max(0, Math.min(n, Math.round(rate() * n)));
    }
}
