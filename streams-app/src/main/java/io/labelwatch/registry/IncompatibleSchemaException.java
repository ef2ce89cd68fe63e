package io.labelwatch.registry;

/** The schema is not compatible with the subject's earlier versions under its compatibility level (409). */
public final class IncompatibleSchemaException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public IncompatibleSchemaException(String message, int status, int errorCode, String url) {
        super(message, status, errorCode, url);
    }
}
