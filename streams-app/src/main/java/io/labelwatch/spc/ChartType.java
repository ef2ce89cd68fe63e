package io.labelwatch.spc;

/** The chart a point was judged on. */
public enum ChartType {
    /** p chart: binomial sigma sqrt(p(1-p)/n). */
    P,
    /** Laney p' chart: binomial sigma times sigma_z. */
    LANEY_P,
    /** Individuals (X) chart with a centre and sigma. */
    INDIVIDUALS
}
