package io.labelwatch.embedded;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a fatal broker fault from killing the host JVM.
 *
 * <p>Kafka's fault handlers end a broker process with {@code Exit.halt(1)} (or {@code Exit.exit}). Inside Labelwatch
 * that process is ours, so while at least one embedded broker runs, both procedures are replaced with one that logs the
 * fault at ERROR and marks the running brokers failed; the stock procedures come back when the last broker closes.
 * {@code Exit} is process-wide, so this class is too.
 */
final class FatalExitGuard {
    private static final Logger LOG = LoggerFactory.getLogger(FatalExitGuard.class);
    private static final Set<EmbeddedKafkaBroker> BROKERS = new CopyOnWriteArraySet<>();

    private FatalExitGuard() {}

    static synchronized void register(EmbeddedKafkaBroker broker) {
        if (BROKERS.isEmpty()) {
            Exit.setHaltProcedure((code, message) -> intercepted("halt", code, message));
            Exit.setExitProcedure((code, message) -> intercepted("exit", code, message));
        }
        BROKERS.add(broker);
    }

    static synchronized void unregister(EmbeddedKafkaBroker broker) {
        if (BROKERS.remove(broker) && BROKERS.isEmpty()) {
            Exit.resetHaltProcedure();
            Exit.resetExitProcedure();
        }
    }

    private static void intercepted(String procedure, int code, String message) {
        String reason = "Kafka asked the JVM to " + procedure + " with status " + code
                + (message == null ? "" : " (" + message + ")")
                + "; the embedded broker is failed instead";
        LOG.error("Fatal broker fault in thread {}: {}", Thread.currentThread().getName(), reason);
        for (EmbeddedKafkaBroker broker : BROKERS) {
            broker.fail(reason);
        }
    }
}
