package io.labelwatch.simulator;

import io.labelwatch.events.Cause;

/** What a correct detector should conclude about an injected fault. */
public enum ExpectedCause {
    /** No fault: no alert is expected. */
    NONE,
    /** The whole labeling system moved: spread across annotators, or aligned with a guideline or tool version. */
    SYSTEMIC,
    /** One annotator or one vendor team carries the excess. */
    LOCALIZED;

    /** True when an alert with this cause is the right diagnosis; an alert is never right for {@link #NONE}. */
    public boolean matches(Cause cause) {
        return this != NONE && cause != null && cause.name().equals(name());
    }
}
