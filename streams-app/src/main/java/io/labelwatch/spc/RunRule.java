package io.labelwatch.spc;

/**
 * Run rules (tests for special causes) evaluated on standardized values {@code z_i = (x_i - centre_i) / sigma_i}, so
 * that they work with limits that vary with the subgroup size.
 *
 * <p>Conventions follow the R package qcc and Nelson (1984), "The Shewhart Control Chart - Tests for Special Causes",
 * Journal of Quality Technology 16(4): limit and zone tests are strict (a point <em>on</em> a limit is not beyond it),
 * the point that is flagged is the newest point, the one that completes the pattern (for "k of m" rules that point must
 * itself be one of the k), a trend is 6 points with 5 strict increases or decreases (a tie breaks it), the alternating
 * rule needs 14 points (13 non-zero differences of alternating sign), and "8 beyond 1 sigma" needs points on both
 * sides. Rule 1 compares with the chart's limit multiple L (3 by default); the zone rules use 1 and 2 sigma.
 *
 * <p>A value of exactly 0 is on neither side of the centre line, so it breaks the same-side runs (NELSON_2, WE_4).
 */
public enum RunRule {
    /** One point beyond the control limits: |z| &gt; L. */
    NELSON_1(1),
    /** Nine points in a row on the same side of the centre line. */
    NELSON_2(9),
    /** Six points in a row steadily increasing or decreasing (5 strict changes). */
    NELSON_3(6),
    /** Fourteen points in a row alternating up and down. */
    NELSON_4(14),
    /** Two of three points beyond 2 sigma on the same side (the newest one among them). */
    NELSON_5(3),
    /** Four of five points beyond 1 sigma on the same side (the newest one among them). */
    NELSON_6(5),
    /** Fifteen points in a row within 1 sigma of the centre line (either side). */
    NELSON_7(15),
    /** Eight points in a row beyond 1 sigma, with points on both sides. */
    NELSON_8(8),
    /** Western Electric rule 1: one point beyond the control limits (same as NELSON_1). */
    WE_1(1),
    /** Western Electric rule 2: two of three points beyond 2 sigma on the same side (same as NELSON_5). */
    WE_2(3),
    /** Western Electric rule 3: four of five points beyond 1 sigma on the same side (same as NELSON_6). */
    WE_3(5),
    /** Western Electric rule 4: eight points in a row on the same side of the centre line. */
    WE_4(8);

    /** The longest window any rule needs (NELSON_7). */
    public static final int MAX_WINDOW = 15;

    private final int window;

    RunRule(int window) {
        this.window = window;
    }

    /** Number of consecutive standardized values this rule looks at. */
    public int window() {
        return window;
    }

    /**
     * Whether the rule fires at {@code z[end]}, looking back over {@code z[end - window() + 1 .. end]}. Returns false
     * when fewer than {@link #window()} values are available. NaN values never satisfy a test.
     *
     * @param z standardized values, oldest first
     * @param end index of the newest value
     * @param limit the control-limit multiple L used by rule 1
     */
    public boolean firesAt(double[] z, int end, double limit) {
        int start = end - window + 1;
        if (start < 0 || end >= z.length) {
            return false;
        }
        return switch (this) {
            case NELSON_1, WE_1 -> z[end] > limit || z[end] < -limit;
            case NELSON_2 -> sameSide(z, start, end);
            case WE_4 -> sameSide(z, start, end);
            case NELSON_3 -> trend(z, start, end);
            case NELSON_4 -> alternating(z, start, end);
            case NELSON_5, WE_2 -> kOfMBeyond(z, start, end, 2, 2.0);
            case NELSON_6, WE_3 -> kOfMBeyond(z, start, end, 4, 1.0);
            case NELSON_7 -> allWithinOneSigma(z, start, end);
            case NELSON_8 -> allBeyondOneSigmaBothSides(z, start, end);
        };
    }

    private static boolean sameSide(double[] z, int start, int end) {
        boolean above = true;
        boolean below = true;
        for (int i = start; i <= end; i++) {
            above &= z[i] > 0;
            below &= z[i] < 0;
        }
        return above || below;
    }

    private static boolean trend(double[] z, int start, int end) {
        boolean up = true;
        boolean down = true;
        for (int i = start + 1; i <= end; i++) {
            up &= z[i] > z[i - 1];
            down &= z[i] < z[i - 1];
        }
        return up || down;
    }

    private static boolean alternating(double[] z, int start, int end) {
        for (int i = start + 1; i <= end; i++) {
            double d = z[i] - z[i - 1];
            if (!(d > 0 || d < 0)) {
                return false;
            }
            if (i > start + 1) {
                double previous = z[i - 1] - z[i - 2];
                if (Math.signum(d) == Math.signum(previous)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean kOfMBeyond(double[] z, int start, int end, int k, double zone) {
        if (z[end] > zone) {
            return count(z, start, end, v -> v > zone) >= k;
        }
        if (z[end] < -zone) {
            return count(z, start, end, v -> v < -zone) >= k;
        }
        return false;
    }

    private static int count(double[] z, int start, int end, java.util.function.DoublePredicate test) {
        int c = 0;
        for (int i = start; i <= end; i++) {
            if (test.test(z[i])) {
                c++;
            }
        }
        return c;
    }

    private static boolean allWithinOneSigma(double[] z, int start, int end) {
        return count(z, start, end, v -> v > -1.0 && v < 1.0) == end - start + 1;
    }

    private static boolean allBeyondOneSigmaBothSides(double[] z, int start, int end) {
        int above = count(z, start, end, v -> v > 1.0);
        int below = count(z, start, end, v -> v < -1.0);
        return above + below == end - start + 1 && above > 0 && below > 0;
    }
}
