package io.labelwatch.attribution;

/** Where a funnel-plot point lies relative to its limits (strictly beyond, not on). */
public enum Outlier {
    HIGH,
    LOW,
    NONE
}
