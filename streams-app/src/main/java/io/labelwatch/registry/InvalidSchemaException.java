package io.labelwatch.registry;

/** The registry rejected the schema as invalid (42201). */
public final class InvalidSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public InvalidSchemaException(String message, int status, int errorCode, String url) {
        super(message, status, errorCode, url);
    }
}
