package io.labelwatch.spc;

/** Phase I estimates the in-control centre and sigma; Phase II monitors against those fixed limits. */
public enum Phase {
    PHASE_I,
    PHASE_II
}
