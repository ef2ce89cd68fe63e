package io.labelwatch.topology.errorrate;

/** How a window's charted reviews are weighted ({@code labelwatch.spc.weighting}). */
public enum Weighting {
    /** Every charted review counts once: the chart sees n and d as counted. */
    NONE,
    /**
     * Each charted review weighs 1 / sampling_rate (Horvitz–Thompson); the chart sees the Hájek ratio estimate at
     * Kish's effective sample size ({@link WeightedCounts}).
     */
    HORVITZ_THOMPSON
}
