package io.labelwatch.notifier;

import java.util.Objects;

/**
 * What became of one Slack message.
 *
 * @param delivered true when Slack answered 2xx
 * @param attempts HTTP requests made
 * @param status the last HTTP status, or 0 when the last attempt got no response (I/O error, timeout)
 * @param reason why it failed, for the DLQ header and the log; never contains the webhook URL; empty when delivered
 */
public record DeliveryResult(boolean delivered, int attempts, int status, String reason) {

    public DeliveryResult {
        Objects.requireNonNull(reason, "reason");
    }

    static DeliveryResult ok(int attempts, int status) {
        return new DeliveryResult(true, attempts, status, "");
    }

    static DeliveryResult failed(int attempts, int status, String reason) {
        return new DeliveryResult(false, attempts, status, reason);
    }
}
