package io.labelwatch.codec;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to load record classes by name unless they are trusted (a defence against deserialization
 * gadgets). Labelwatch's own event classes are trusted here, in addition to whatever the
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} system property allows.
 */
public final class AvroTrust {
    private static final String EVENTS_PACKAGE = "io.labelwatch.events.";
    private static volatile boolean installed;

    private AvroTrust() {}

    /** Idempotent; call before reading or copying specific records. */
    public static void trustLabelwatchEvents() {
        if (installed) {
            return;
        }
        synchronized (AvroTrust.class) {
            if (!installed) {
                ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                        previous, type -> type.getName().startsWith(EVENTS_PACKAGE)));
                installed = true;
            }
        }
    }
}
