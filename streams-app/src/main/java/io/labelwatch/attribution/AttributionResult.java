package io.labelwatch.attribution;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict for one window and its evidence.
 *
 * @param cause the verdict
 * @param reason one human-readable line explaining it
 * @param finding what a SYSTEMIC version verdict lines up with, e.g. {@code lines up with guideline_version g2, new
 *     since the baseline}; null for every other verdict
 * @param baselineRate p₀ the excess is measured against
 * @param n reviews in the window
 * @param d defects in the window
 * @param excess d − n·p₀
 * @param excessPValue one-sided exact binomial P(X ≥ d | n, p₀); NaN when n = 0
 * @param topContributors the contributors named by the verdict (the LOCALIZED annotators or vendor,
 *     the SYSTEMIC version); for a spread SYSTEMIC or UNDETERMINED verdict, the top annotators by
 *     excess (up to the allowance of {@link AttributionConfig#localizedAllowance})
 * @param dimensions evidence per dimension present in the input
 */
public record AttributionResult(
        Cause cause,
        String reason,
        String finding,
        double baselineRate,
        long n,
        long d,
        double excess,
        double excessPValue,
        List<Contributor> topContributors,
        Map<Dimension, DimensionResult> dimensions) {

    public AttributionResult {
        topContributors = List.copyOf(topContributors);
        EnumMap<Dimension, DimensionResult> copy = new EnumMap<>(Dimension.class);
        copy.putAll(dimensions);
        dimensions = Collections.unmodifiableMap(copy);
    }

    /** The chi-square p-value of a dimension; NaN when the dimension is absent or not testable. */
    public double pValue(Dimension dimension) {
        DimensionResult r = dimensions.get(dimension);
        return r == null ? Double.NaN : r.pValue();
    }
}
