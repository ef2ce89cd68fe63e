package io.labelwatch.attribution;

/**
 * Thresholds of the attribution decision rule (see {@link Attribution}).
 *
 * @param alpha significance level of every test (default 0.01)
 * @param minExpected minimum expected count per cell before pooling (default 5)
 * @param topK at most this many annotators may carry a LOCALIZED excess (default 3)
 * @param topFraction ... and at most this fraction of the annotators, floored, at least 1 (default
 *     0.20); the allowance is {@code min(topK, max(1, floor(topFraction·annotators)))}
 * @param localizedShare share of the positive excess the top annotators must carry for LOCALIZED
 *     (default 0.60); below it the excess counts as spread
 * @param vendorShare share of the positive excess one vendor must carry for LOCALIZED (default 0.80)
 * @param versionShare share of the positive excess one guideline or tool version must carry for
 *     SYSTEMIC (default 0.80)
 * @param spreadFraction fraction of the annotator reviews, weighted by n, that must come from
 *     annotators whose rate is above baseline for a spread SYSTEMIC verdict (default 0.50); weighting by
 *     n keeps annotators with a handful of reviews, whose rate is mostly 0, from deciding
 * @param newVersionFraction a version new since the baseline must carry more than this fraction of the window's
 *     reviews for a SYSTEMIC verdict without a significant test within the window (default 0.50)
 */
public record AttributionConfig(
        double alpha,
        double minExpected,
        int topK,
        double topFraction,
        double localizedShare,
        double vendorShare,
        double versionShare,
        double spreadFraction,
        double newVersionFraction) {

    public AttributionConfig {
        requireOpenUnit("alpha", alpha);
        if (!(minExpected >= 0) || Double.isInfinite(minExpected)) {
            throw new IllegalArgumentException("minExpected must be finite and >= 0, got " + minExpected);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1, got " + topK);
        }
        requireUnit("topFraction", topFraction);
        requireUnit("localizedShare", localizedShare);
        requireUnit("vendorShare", vendorShare);
        requireUnit("versionShare", versionShare);
        requireUnit("spreadFraction", spreadFraction);
        if (!(newVersionFraction >= 0 && newVersionFraction < 1)) {
            throw new IllegalArgumentException("newVersionFraction must be in [0,1), got " + newVersionFraction);
        }
    }

    /** The documented defaults. */
    public static AttributionConfig defaults() {
        return new AttributionConfig(0.01, Homogeneity.DEFAULT_MIN_EXPECTED, 3, 0.20, 0.60, 0.80, 0.80, 0.50, 0.50);
    }

    /** How many top annotators may carry a LOCALIZED excess when there are {@code annotators}. */
    public int localizedAllowance(int annotators) {
        return Math.min(topK, Math.max(1, (int) Math.floor(topFraction * annotators)));
    }

    private static void requireOpenUnit(String name, double v) {
        if (!(v > 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in (0,1), got " + v);
        }
    }

    private static void requireUnit(String name, double v) {
        if (!(v > 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be in (0,1], got " + v);
        }
    }
}
