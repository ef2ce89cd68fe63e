package io.labelwatch.spc;

/**
 * The outcome of Phase I for an individuals chart.
 *
 * @param centre the known centre, or the mean of the retained values
 * @param sigma the known sigma, or the average moving range of consecutive retained values / 1.128
 * @param subgroups usable values offered to Phase I
 * @param dropped values dropped because they were beyond the limits
 * @param rounds estimation rounds run (0 when centre and sigma are both known)
 */
public record IndividualsBaseline(double centre, double sigma, int subgroups, int dropped, int rounds) {}
