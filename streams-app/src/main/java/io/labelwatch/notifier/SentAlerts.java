package io.labelwatch.notifier;

import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.QualityAlert;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last posted state of recent alerts, to keep a re-sent alert from being posted twice: a bounded LRU of alert_id
 * to (status, occurrences). An alert is new when its state is later than the one posted: FIRING before RESOLVED, then
 * by occurrences. So a redelivered record (same state) and an out-of-date one (lower occurrences, FIRING after
 * RESOLVED) are skipped, and every real update is posted.
 *
 * <p>Memory only. Across a restart the committed offset does the job: the notifier commits right after each post, so
 * only alerts whose post was not yet committed come back — at most the alerts of the message in flight when the process
 * died (at-least-once, never lost).
 */
public final class SentAlerts {
    private final Map<String, Long> posted;

    public SentAlerts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.posted = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True unless this state, or a later one, of the same alert was posted. */
    public boolean isNew(QualityAlert alert) {
        Long last = posted.get(alert.getAlertId());
        return last == null || rank(alert) > last;
    }

    /** Remembers that {@code alert} was posted. */
    public void posted(QualityAlert alert) {
        posted.merge(alert.getAlertId(), rank(alert), Math::max);
    }

    public int size() {
        return posted.size();
    }

    /** Order of the states of one alert: every FIRING update, then RESOLVED. */
    static long rank(QualityAlert alert) {
        return (alert.getStatus() == AlertStatus.RESOLVED ? 1L << 32 : 0L) + alert.getOccurrences();
    }
}
