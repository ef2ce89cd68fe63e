package io.labelwatch.attribution;

/** What a signal is attributed to. */
public enum Cause {
    /** The excess lines up with a guideline or tool version, or is spread across annotators. */
    SYSTEMIC,
    /** A few annotators, or one vendor, carry the excess. */
    LOCALIZED,
    /** Neither pattern is clear, or there is no significant excess to attribute. */
    UNDETERMINED
}
