package io.labelwatch.agreement;

/**
 * Krippendorff's alpha with its parts: α = 1 − D_o / D_e.
 *
 * @param level the level of measurement used
 * @param alpha the coefficient; NaN when fewer than 2 pairable values exist or when D_e = 0 (every pairable value is
 *     the same, so agreement cannot be told from chance)
 * @param observedDisagreement D_o = (1/n) Σ_c Σ_k o_ck δ²_ck
 * @param expectedDisagreement D_e = (1/(n(n−1))) Σ_c Σ_k n_c n_k δ²_ck
 * @param pairableValues n, the number of values in units that hold at least two values
 * @param pairableUnits the number of units that hold at least two values
 */
public record AlphaResult(
        Level level,
        double alpha,
        double observedDisagreement,
        double expectedDisagreement,
        long pairableValues,
        long pairableUnits) {}
