package io.labelwatch.topology.ingest;

/**
 * Thrown by an ingest processor for a record that decodes but breaks the event contract. Kafka Streams' processing
 * exception handler sends the record's original bytes to the dead-letter topic with this message as the reason
 * (KIP-1033/KIP-1034) and processing goes on.
 */
public final class InvalidEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidEventException(String reason) {
        super(reason, null, false, false);
    }
}
