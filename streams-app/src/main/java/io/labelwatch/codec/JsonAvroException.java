package io.labelwatch.codec;

/** A JSON value that does not fit the Avro schema; the message names the field path. */
public final class JsonAvroException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JsonAvroException(String message) {
        super(message);
    }
}
