package io.labelwatch.spc;

/**
 * The outcome of Phase I for a proportion chart.
 *
 * @param centre p̄ = Σd / Σn over the retained subgroups (or the known p0)
 * @param sigmaZ Laney's sigma_z (1 for the p chart)
 * @param chartType P or LANEY_P
 * @param reason why this chart type was used (AUTO reports its dispersion test)
 * @param subgroups usable subgroups offered to Phase I
 * @param dropped subgroups dropped because they were beyond the limits
 * @param rounds estimation rounds run (0 for a known p0)
 */
public record ProportionBaseline(
        double centre, double sigmaZ, ChartType chartType, String reason, int subgroups, int dropped, int rounds) {

    static ProportionBaseline known(double p0) {
        return new ProportionBaseline(p0, 1.0, ChartType.P, "known p0: p chart", 0, 0, 0);
    }
}
