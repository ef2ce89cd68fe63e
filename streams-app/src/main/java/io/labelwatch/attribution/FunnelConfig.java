package io.labelwatch.attribution;

/**
 * Settings of {@link FunnelPlot#assess}.
 *
 * @param z limit width in standard normal units: {@link FunnelPlot#Z95} (95%) or {@link
 *     FunnelPlot#Z998} (99.8%, the default, Spiegelhalter's "3σ"-like control limit)
 * @param method how limits are computed (default {@link FunnelPlot.Method#EXACT_BINOMIAL})
 * @param adjustOverdispersion inflate the limits by √φ when the points are overdispersed (default
 *     false)
 * @param winsorFraction fraction of z-scores winsorised in each tail before estimating φ (default 0.10)
 */
public record FunnelConfig(double z, FunnelPlot.Method method, boolean adjustOverdispersion, double winsorFraction) {

    public FunnelConfig {
        if (!(z > 0) || Double.isInfinite(z)) {
            throw new IllegalArgumentException("z must be finite and > 0, got " + z);
        }
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        if (!(winsorFraction >= 0 && winsorFraction < 0.5)) {
            throw new IllegalArgumentException("winsorFraction must be in [0, 0.5), got " + winsorFraction);
        }
    }

    /** 99.8% exact binomial limits, no overdispersion adjustment, 10% winsorisation. */
    public static FunnelConfig defaults() {
        return new FunnelConfig(FunnelPlot.Z998, FunnelPlot.Method.EXACT_BINOMIAL, false, 0.10);
    }

    /** The same settings with overdispersion adjustment switched on or off. */
    public FunnelConfig withOverdispersion(boolean adjust) {
        return new FunnelConfig(z, method, adjust, winsorFraction);
    }
}
