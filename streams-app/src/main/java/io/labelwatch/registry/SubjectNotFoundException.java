package io.labelwatch.registry;

/** The subject does not exist (40401). */
public final class SubjectNotFoundException extends SchemaRegistryException {
    private static final long serialVersionUID = 1L;

    public SubjectNotFoundException(String message, int status, int errorCode, String url) {
        super(message, status, errorCode, url);
    }
}
