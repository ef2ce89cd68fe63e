package io.labelwatch.attribution;

/**
 * One contributor value and its excess defects over the baseline.
 *
 * @param dimension the dimension the value belongs to
 * @param value the contributor value (an annotator id, a vendor, a version), or {@link
 *     Breakdown#OTHER}
 * @param n reviews
 * @param d defects
 * @param rate d / n (NaN when n = 0)
 * @param excess d − n·p₀, negative when below baseline
 * @param share excess / (sum of the positive excesses of the dimension) when both are positive, else 0
 */
public record Contributor(
        Dimension dimension, String value, long n, long d, double rate, double excess, double share) {}
