package io.labelwatch.api;

/**
 * A finished HTTP answer, local or relayed from the instance that owns a key.
 *
 * @param status HTTP status
 * @param body JSON body
 * @param retryAfter value of {@code Retry-After}, or null
 */
record Answer(int status, String body, String retryAfter) {
    static Answer ok(String body) {
        return new Answer(200, body, null);
    }
}
