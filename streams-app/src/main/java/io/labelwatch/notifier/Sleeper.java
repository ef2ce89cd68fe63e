package io.labelwatch.notifier;

import java.time.Duration;

/** Waits; injected so that tests advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** The real thing: a thread sleep. */
    Sleeper SYSTEM = duration -> {
        if (!duration.isNegative() && !duration.isZero()) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
