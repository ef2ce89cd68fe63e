package io.labelwatch.attribution;

/**
 * One contributor on a funnel plot.
 *
 * @param value the contributor (an annotator id)
 * @param n reviews
 * @param d defects
 * @param rate d / n
 * @param zScore (rate − p₀) / √(p₀(1 − p₀)/n), before any overdispersion adjustment
 * @param lower lower funnel limit at this n
 * @param upper upper funnel limit at this n
 * @param outlier HIGH when rate &gt; upper, LOW when rate &lt; lower, else NONE
 */
public record FunnelPoint(
        String value, long n, long d, double rate, double zScore, double lower, double upper, Outlier outlier) {}
