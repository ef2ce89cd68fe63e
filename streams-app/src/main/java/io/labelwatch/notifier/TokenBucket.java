package io.labelwatch.notifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket of {@code burst} tokens refilled at {@code ratePerSecond}, used as a per-webhook rate limit (Slack
 * allows about one message per second per incoming webhook, with short bursts tolerated).
 *
 * <p>{@link #reserve()} always takes a token and returns how long the caller must wait before using it; the level may
 * go negative, so successive reservations queue up at exactly {@code 1/rate} apart. Time comes from the injected
 * clock, so tests advance it instead of sleeping. Not thread-safe (the notifier sends from one thread).
 */
public final class TokenBucket {
    private final double ratePerSecond;
    private final int burst;
    private final Clock clock;
    private double tokens;
    private Instant last;

    public TokenBucket(double ratePerSecond, int burst, Clock clock) {
        if (!(ratePerSecond > 0) || !Double.isFinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.clock = clock;
        this.tokens = burst;
        this.last = clock.instant();
    }

    /** Takes one token; returns zero when one was available, else the wait until it will have been refilled. */
    public Duration reserve() {
        Instant now = clock.instant();
        if (now.isAfter(last)) {
            double elapsed = Duration.between(last, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + elapsed * ratePerSecond);
            last = now;
        }
        tokens -= 1;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens / ratePerSecond * 1e9));
    }
}
