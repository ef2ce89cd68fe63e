package io.labelwatch.notifier;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard {@link SlackClient} tries: at most {@code maxAttempts} HTTP requests and at most {@code maxTime} from the
 * first request to the decision to give up, waits included. The wait before retry {@code k} (k = 1, 2, …) is {@code
 * min(maxBackoff, initialBackoff · 2^(k−1))}, jittered to a uniform value in its upper half ("equal jitter"), so
 * notifiers that failed together do not retry in lockstep. A 429's {@code Retry-After} replaces the backoff.
 *
 * @param maxAttempts requests per message, first one included; 1 means no retry
 * @param maxTime total time budget per message
 * @param initialBackoff wait before the first retry, before jitter
 * @param maxBackoff cap of the exponential wait, before jitter
 * @param requestTimeout timeout of one request (connect and response)
 */
public record RetryPolicy(
        int maxAttempts, Duration maxTime, Duration initialBackoff, Duration maxBackoff, Duration requestTimeout) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(maxTime, "maxTime");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /**
     * The wait before retry {@code retry} (1 for the first retry), with {@code unit} a uniform draw from [0, 1):
     * {@code d/2 + unit · d/2} where {@code d = min(maxBackoff, initialBackoff · 2^(retry−1))}.
     */
    Duration backoff(int retry, double unit) {
        long initial = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long exponential = initial > (cap >> shift) ? cap : Math.min(cap, initial << shift);
        long half = exponential / 2;
        return Duration.ofMillis(half + (long) (unit * (exponential - half)));
    }
}
