package io.labelwatch.attribution;

import java.util.Locale;

/** A contributor dimension of a review: who or what produced the label that was reviewed. */
public enum Dimension {
    ANNOTATOR,
    VENDOR,
    GUIDELINE_VERSION,
    TOOL_VERSION;

    /** The event field name, e.g. {@code guideline_version}, used in human-readable reasons. */
    public String fieldName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
