package io.labelwatch.agreement;

/**
 * Level of measurement of a label, which selects Krippendorff's difference function δ²(c, k) (Krippendorff 2011,
 * "Computing Krippendorff's Alpha-Reliability", section C).
 *
 * <ul>
 *   <li>{@link #NOMINAL}: δ² = 0 if c = k, else 1. Values are compared as strings.
 *   <li>{@link #ORDINAL}: δ² = (Σ_{g=c..k} n_g − (n_c + n_k)/2)², where n_g are the pairable-value marginals of the
 *       ranked values between c and k. Needs an order of the values.
 *   <li>{@link #INTERVAL}: δ² = (c − k)². Values must parse as numbers.
 *   <li>{@link #RATIO}: δ² = ((c − k)/(c + k))², taken as 0 when c + k = 0. Values must parse as numbers (meant for
 *       non-negative quantities).
 * </ul>
 */
public enum Level {
    NOMINAL,
    ORDINAL,
    INTERVAL,
    RATIO;

    /**
     * Whether {@code value} can be compared at this level when values are ranked by number: any non-null value at the
     * nominal level; at the others a finite number ({@code " 2.5 "} is one; {@code "heavy"}, {@code "NaN"} are not).
     */
    public boolean acceptsByNumber(String value) {
        if (value == null) {
            return false;
        }
        if (this == NOMINAL) {
            return true;
        }
        try {
            return Double.isFinite(Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether values must parse as numbers at this level (ordinal values may instead be ranked by a comparator). */
    public boolean needsNumbers() {
        return this == INTERVAL || this == RATIO;
    }
}
