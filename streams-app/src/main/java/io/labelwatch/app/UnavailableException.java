package io.labelwatch.app;

/** Something outside Labelwatch (the Kafka cluster) did not answer in time; the message names it. */
public final class UnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message) {
        super(message);
    }
}
