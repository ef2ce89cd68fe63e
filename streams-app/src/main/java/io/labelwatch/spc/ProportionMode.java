package io.labelwatch.spc;

/** Which proportion chart to use. */
public enum ProportionMode {
    /** Always the p chart. */
    P,
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
