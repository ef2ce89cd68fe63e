package io.labelwatch.registry;

/**
 * A schema registry answered with an error, or could not be reached.
 *
 * <p>Carries the HTTP status, the registry's {@code error_code} and the base URL of the registry
 * (with any credentials removed), each {@code -1} / absent when unknown. Messages never contain
 * credentials.
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Status or error code not known, e.g. on a network error. */
    public static final int UNKNOWN = -1;

    private final int status;
    private final int errorCode;
    private final String url;

    public SchemaRegistryException(String message, int status, int errorCode, String url, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.url = url;
    }

    public SchemaRegistryException(String message, int status, int errorCode, String url) {
        this(message, status, errorCode, url, null);
    }

    /** HTTP status, or {@link #UNKNOWN}. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code} (e.g. 40401), or {@link #UNKNOWN}. */
    public int errorCode() {
        return errorCode;
    }

    /** Base URL of the registry that answered (no credentials), or null. */
    public String url() {
        return url;
    }
}
