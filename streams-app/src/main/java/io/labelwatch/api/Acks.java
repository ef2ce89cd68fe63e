package io.labelwatch.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Acknowledgements of alerts, in memory. An ack is sent to every running instance, so whichever instance serves the
 * alert shows it, also after a rebalance; it is lost when all instances restart, and an instance that joins later does
 * not know earlier acks. Acks change nothing in the alert's lifecycle (the topology never sees them): they only tell
 * people that someone is on it. At most {@value #CAPACITY} are kept, the oldest dropped first.
 */
final class Acks {
    static final int CAPACITY = 10_000;

    /** Who acknowledged an alert, and when (wall clock). */
    record Ack(String by, Instant at) {}

    private final Map<String, Ack> acks = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Ack> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void record(String alertId, Ack ack) {
        acks.putIfAbsent(alertId, ack);
    }

    synchronized Optional<Ack> find(String alertId) {
        return Optional.ofNullable(acks.get(alertId));
    }
}
