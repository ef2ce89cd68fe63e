package io.labelwatch.metrics;

import io.labelwatch.events.QualityAlert;
import io.labelwatch.topology.StoreNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code labelwatch.alerts.firing} equal to what this instance's active alert stores (error-rate and agreement)
 * hold, by interactive queries beside the topology, never inside it. The processors' own updates only show a change
 * sooner; this scan is what makes a restarted instance report the alerts still open in its restored stores, and an
 * instance that lost a task stop reporting that task's alerts.
 *
 * <p>While the client rebalances or restores, the stores cannot be read: the scan then leaves the gauges as they are
 * until the next run. Once every stream thread is RUNNING, a store that cannot be found here means this instance
 * owns none of its partitions: its alerts' gauges go.
 */
public final class FiringAlertScan implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FiringAlertScan.class);
    static final List<String> ALERT_STORES = List.of(StoreNames.ALERTS, StoreNames.AGREEMENT_ALERTS);

    private final KafkaStreams streams;
    private final LabelwatchMetrics metrics;

    public FiringAlertScan(KafkaStreams streams, LabelwatchMetrics metrics) {
        this.streams = streams;
        this.metrics = metrics;
    }

    @Override
    public void run() {
        if (!settled()) {
            return;
        }
        List<QualityAlert> owned = new ArrayList<>();
        try {
            for (String name : ALERT_STORES) {
                readStore(name, owned);
            }
        } catch (InvalidStateStoreException e) {
            LOG.debug("Alert stores not readable now; firing gauges kept until the next scan: {}", e.getMessage());
            return;
        }
        if (settled()) {
            metrics.replaceAlerts(owned);
        }
    }

    private void readStore(String name, List<QualityAlert> into) {
        ReadOnlyKeyValueStore<String, QualityAlert> store;
        try {
            store = streams.store(StoreQueryParameters.fromNameAndType(
                    name, QueryableStoreTypes.<String, QualityAlert>keyValueStore()));
            try (KeyValueIterator<String, QualityAlert> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, QualityAlert> entry = it.next();
                    into.add(entry.value);
                }
            }
        } catch (InvalidStateStoreException e) {
            if (!settled()) {
                throw e;
            }
            // Every thread is running and no active task of this instance holds the store: nothing owned here.
        }
    }

    /** The client and each of its stream threads are RUNNING: no task is being assigned, revoked or restored. */
    private boolean settled() {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            if (!"RUNNING".equals(thread.threadState())) {
                return false;
            }
        }
        return true;
    }
}
