package io.labelwatch.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Deterministic alert ids: the same chart, scope, subject and first window always give the same id, so a restarted
 * task, a rebalanced one or a second instance re-deriving the alert cannot create a duplicate.
 */
public final class AlertIds {
    private AlertIds() {}

    /**
     * {@code <metric>-<16 hex chars>}, from SHA-256 of metric, scope, chart key, subject and the start of the window
     * in which the alert first fired.
     */
    public static String of(String metric, String scope, String chartKey, String subject, long firstWindowStartMillis) {
        String material = String.join(
                "\u0000",
                metric,
                scope,
                chartKey,
                subject == null ? "" : subject,
                Long.toString(firstWindowStartMillis));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return metric.toLowerCase(Locale.ROOT).replace('_', '-') + "-"
                    + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
