package io.labelwatch.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The bearer token of {@code labelwatch.http.token}: required by state-changing calls, and by reads when
 * {@code labelwatch.http.protect-reads} is true. Without a configured token, protected calls are refused (403): an
 * unset token must never mean "open".
 */
final class BearerAuth {
    private final byte[] token;
    private final boolean protectReads;

    BearerAuth(String token, boolean protectReads) {
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.protectReads = protectReads;
    }

    boolean protects(String method) {
        return !"GET".equals(method) && !"HEAD".equals(method) || protectReads;
    }

    /** Throws 401 (no or malformed {@code Authorization}) or 403 (wrong token, or none configured). */
    void check(String authorization) {
        if (token == null) {
            throw new ApiException(403, "no token configured: set labelwatch.http.token to allow this call");
        }
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            throw new ApiException(401, "missing bearer token (Authorization: Bearer <labelwatch.http.token>)");
        }
        byte[] given = authorization.substring("bearer ".length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw new ApiException(403, "wrong bearer token");
        }
    }
}
