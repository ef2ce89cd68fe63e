package io.labelwatch.api;

/** A request the API refuses or cannot serve now: becomes a JSON error body with this status, never a stack trace. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Seconds a client should wait before retrying a 503 (sent as {@code Retry-After}). */
    static final int RETRY_AFTER_SECONDS = 5;

    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** The stores are rebalancing or restoring: answer 503 with {@code Retry-After}. */
    static ApiException unavailable(String message) {
        return new ApiException(503, message);
    }
}
