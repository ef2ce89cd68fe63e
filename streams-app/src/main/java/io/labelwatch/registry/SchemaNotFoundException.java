package io.labelwatch.registry;

/** The schema id (40403, or 404 on /schemas/ids) or the schema under a subject does not exist. */
public final class SchemaNotFoundException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public SchemaNotFoundException(String message, int status, int errorCode, String url) {
        super(message, status, errorCode, url);
    }
}
