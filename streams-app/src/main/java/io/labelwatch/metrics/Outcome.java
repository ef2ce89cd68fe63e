package io.labelwatch.metrics;

import java.util.Locale;

/** What happened to one input record. */
public enum Outcome {
    /** Valid, unique, in time: it counts. */
    ACCEPTED,
    /** Sent to the dead-letter topic with its reason. */
    DLQ,
    /** Same event_id seen before within the dedup horizon: dropped. */
    DUPLICATE,
    /** Its window had closed (past the grace period): dropped. */
    LATE,
    /** A TARGETED or GOLD review: counted, never charted. */
    TARGETED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
