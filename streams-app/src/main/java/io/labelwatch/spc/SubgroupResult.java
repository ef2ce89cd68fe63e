package io.labelwatch.spc;

import java.util.List;

/**
 * One subgroup (one closed window) as judged by a chart.
 *
 * @param value the plotted value: the proportion d/n (NaN when n = 0), or the individual value
 * @param n the subgroup size (proportion charts) or weight (individuals)
 * @param centre the centre line; null until it can be estimated (fewer than 2 usable subgroups in Phase I)
 * @param lcl lower control limit for this subgroup (floored at 0 for proportions); null with the centre
 * @param ucl upper control limit (capped at 1 for proportions); null with the centre
 * @param z the standardized value (value - centre) / sigma_i on the chart's own scale (Laney sigma for p'); null
 *     when there is no centre or the subgroup is below the minimum sample size; ±Infinity when sigma_i is 0 and the
 *     value differs from the centre
 * @param sigmaZ Laney's sigma_z (LANEY_P only, else null)
 * @param chartType the chart used
 * @param phase PHASE_I while the baseline is being estimated
 * @param ewma EWMA of the standardized values (null when EWMA is disabled or nothing has been smoothed yet)
 * @param ewmaLimit the ± limit for {@code ewma} at this step, in sigma units of z
 * @param cusumHi upper tabular CUSUM C+ of the standardized values (sigma units), null when disabled
 * @param cusumLo lower tabular CUSUM C- (non-negative, Montgomery's tabular form), null when disabled
 * @param cusumShift estimated new mean (sigma units) when a CUSUM signals: k + C+/N+ or -(k + C-/N-); else null
 * @param signals sorted ids: run rules ({@code NELSON_1}.., {@code WE_1}..) and {@code EWMA_HIGH}, {@code EWMA_LOW},
 *     {@code CUSUM_HIGH}, {@code CUSUM_LOW}, {@code BELOW_FLOOR}
 * @param belowMinSample true when n is below the minimum sample size: recorded, never signalled
 */
public record SubgroupResult(
        double value,
        long n,
        Double centre,
        Double lcl,
        Double ucl,
        Double z,
        Double sigmaZ,
        ChartType chartType,
        Phase phase,
        Double ewma,
        Double ewmaLimit,
        Double cusumHi,
        Double cusumLo,
        Double cusumShift,
        List<String> signals,
        boolean belowMinSample) {

    public SubgroupResult {
        signals = List.copyOf(signals);
    }

    /** Whether any rule, EWMA, CUSUM or floor signalled at this subgroup. */
    public boolean signalled() {
        return !signals.isEmpty();
    }

    /**
     * Whether a signal says the value rose: {@code EWMA_HIGH}, {@code CUSUM_HIGH}, or a run rule completed by a point
     * above the centre line. {@code EWMA_LOW}, {@code CUSUM_LOW}, {@code BELOW_FLOOR} and a rule completed below the
     * centre say it fell. A rule without a side (a trend that ends above the centre while falling, alternation,
     * stratification) counts as a rise when its completing point is above the centre: when in doubt, it is reported.
     */
    public boolean signalledUp() {
        return signalledTowards(true);
    }

    /**
     * Whether a signal says the value fell: {@code EWMA_LOW}, {@code CUSUM_LOW}, {@code BELOW_FLOOR}, or a run rule
     * completed by a point below the centre line (the mirror of {@link #signalledUp}).
     */
    public boolean signalledDown() {
        return signalledTowards(false);
    }

    private boolean signalledTowards(boolean up) {
        for (String signal : signals) {
            boolean rises = signal.endsWith("_HIGH");
            boolean falls = signal.endsWith("_LOW") || signal.equals("BELOW_FLOOR");
            if (up ? rises : falls) {
                return true;
            }
            boolean sideless = !rises && !falls;
            if (sideless && z != null && (up ? z > 0 : z < 0)) {
                return true;
            }
        }
        return false;
    }
}
