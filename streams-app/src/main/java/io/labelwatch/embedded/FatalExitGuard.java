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
 * that process is ours, so when the first embedded broker starts, both procedures are replaced with one that logs the
 * fault at ERROR and marks the running brokers failed. They stay replaced after the last broker closes: a Kafka thread
 * that outlives its broker, or a fault raised while a failed broker shuts down, must not halt the JVM either, and
 * nothing else in this process relies on Kafka's {@code Exit}. {@code Exit} is process-wide, so this class is too.
 */
final class FatalExitGuard {
    private static final Logger LOG = LoggerFactory.getLogger(FatalExitGuard.class);
    private static final Set<EmbeddedKafkaBroker> BROKERS = new CopyOnWriteArraySet<>();
    private static boolean installed;

    private FatalExitGuard() {}

    static synchronized void register(EmbeddedKafkaBroker broker) {
        if (!installed) {
            Exit.setHaltProcedure((code, message) -> intercepted("halt", code, message));
            Exit.setExitProcedure((code, message) -> intercepted("exit", code, message));
            installed = true;
        }
        BROKERS.add(broker);
    }

    static void unregister(EmbeddedKafkaBroker broker) {
        BROKERS.remove(broker);
    }

    private static void intercepted(String procedure, int code, String message) {
        String reason = "Kafka asked the JVM to " + procedure + " with status " + code
                + (message == null ? "" : " (" + message + ")")
                + (BROKERS.isEmpty()
                        ? "; no embedded broker is running, so it is ignored"
                        : "; the embedded broker is failed instead of the JVM");
        LOG.error("Fatal broker fault in thread {}: {}", Thread.currentThread().getName(), reason);
        for (EmbeddedKafkaBroker broker : BROKERS) {
            broker.fail(reason);
        }
    }
}
