package io.labelwatch.spc;

/**
 * Whether the quiet windows since an alert's last signal show the chart back at its baseline, and not merely
 * between signals of a shift that persists.
 *
 * <p>After a signal EWMA and CUSUM restart, so a shift that never goes away is quiet for a few windows before it
 * signals again; resolving on quiet windows alone would page RESOLVED and then FIRING again for the same problem.
 * The standardized values of the last k quiet windows (k = {@code labelwatch.alerts.resolve-after}) are combined by
 * Stouffer's method, Z = Σ zᵢ / √k (Stouffer et al. 1949; under the in-control hypothesis each zᵢ is standard normal,
 * so Z is too, whatever the subgroup sizes), and the alert may resolve only when Z is no further than {@code maxZ} on
 * the side the chart pages for. With the default 1.645 a chart that is back in control passes with probability 0.95
 * at each check (and, failing, is checked again one window later); a shift of δ sigma per window gives Z ≈ δ·√k and
 * passes with probability Φ(1.645 − δ√k): 0.4 % for δ = 2.5 and k = 3. Once the shift is removed, the alert
 * resolves after k windows back at the centre, as it would without the check.
 *
 * <p>Each zᵢ is clamped to ±{@value #CLAMP} (a window with sigma 0 has an infinite z); a window without a z (no
 * baseline yet, as after a re-baseline) counts as 0.
 */
public final class Recovery {
    /** Bound on one window's contribution. */
    public static final double CLAMP = 6.0;

    /** The side a chart pages for: its alerts may resolve only when the quiet run is not far out on that side. */
    public enum Side {
        /** Rises page (error rates, gold errors). */
        UP,
        /** Falls page (agreement). */
        DOWN,
        /** Both page (error rates with {@code labelwatch.alerts.decreases}). */
        BOTH
    }

    private Recovery() {}

    /**
     * The last {@code keep} standardized values of a quiet run after one more window with value {@code z} (null or
     * NaN: 0), clamped; oldest first.
     *
     * @throws IllegalArgumentException when {@code keep} is below 1
     */
    public static double[] push(double[] recent, Double z, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        double value = z == null || z.isNaN() ? 0.0 : Math.max(-CLAMP, Math.min(CLAMP, z));
        int kept = Math.min(keep - 1, recent.length);
        double[] next = new double[kept + 1];
        System.arraycopy(recent, recent.length - kept, next, 0, kept);
        next[kept] = value;
        return next;
    }

    /** Stouffer's Z of {@code values}: their sum over the square root of their count; 0 for none. */
    public static double combined(double[] values) {
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0.0 : sum / Math.sqrt(values.length);
    }

    /**
     * Whether the quiet windows {@code recent} are back: their combined Z is at most {@code maxZ} (UP), at least
     * {@code -maxZ} (DOWN), or within ±{@code maxZ} (BOTH).
     *
     * @throws IllegalArgumentException when {@code maxZ} is not positive
     */
    public static boolean back(double[] recent, double maxZ, Side pages) {
        if (!(maxZ > 0)) {
            throw new IllegalArgumentException("maxZ must be positive, got " + maxZ);
        }
        double z = combined(recent);
        return switch (pages) {
            case UP -> z <= maxZ;
            case DOWN -> z >= -maxZ;
            case BOTH -> Math.abs(z) <= maxZ;
        };
    }
}
