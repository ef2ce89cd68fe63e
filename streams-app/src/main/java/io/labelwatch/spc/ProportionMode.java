package io.labelwatch.spc;

/** Which proportion chart to use. */
public enum ProportionMode {
    /** Always the p chart. */
    P,
    /**
     * The p chart with exact binomial probability limits: each window's count is scored by its mid-p tail under
     * Binomial(n, p-bar) and turned into a normal score, {@code z = Φ⁻¹(P(X < d) + ½ P(X = d))} (Lancaster's mid-p,
     * JASA 56, 1961), so rule 1 at L has the false-alarm rate {@code 2Φ(−L)} it promises even when n·p is small and
     * the binomial is skewed, and EWMA, CUSUM and the run rules see a score that is close to N(0, 1). The limits
     * reported are the proportions just inside those tails. This is what the fleet false-alarm budget uses; the
     * normal-approximation p chart under-states upper-tail false alarms at large L.
     */
    PROBABILITY,
    /** Always Laney's p' chart. */
    LANEY,
    /**
     * Laney p' when the baseline is overdispersed, else p. Overdispersed means both: the Pearson dispersion statistic
     * X² = Σ z_i² (z against the binomial sigma) exceeds the (1 - alpha) quantile of χ²(m - 1), alpha =
     * {@link ProportionChartConfig#overdispersionAlpha()} (0.01 by default), and the moving-range estimate of sigma_z is
     * above 1 (so Laney never narrows the p-chart limits). The decision and its numbers are reported as a reason.
     */
    AUTO
}
