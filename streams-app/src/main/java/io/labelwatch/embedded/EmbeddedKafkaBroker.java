package io.labelwatch.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) running inside this JVM, bound to
 * 127.0.0.1.
 *
 * <p>The log directory is formatted on first start and reused on later starts with the same directory, so data
 * survives a restart. Internal topics (consumer offsets, transaction state, share-group state) have replication 1 and
 * min ISR 1, so idempotent and transactional producers and Kafka Streams {@code exactly_once_v2} work on one node.
 *
 * <p>A fatal fault inside the broker, which would halt a stand-alone Kafka process, is logged and leaves this broker
 * {@linkplain #failure() failed} and closed; the host JVM keeps running.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(0, null)) {
 *     kafka.createTopics(List.of(new NewTopic("annotation.labels", 3, (short) 1)));
 *     // clients use kafka.bootstrapServers()
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int BIND_ATTEMPTS = 3;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int port;
    private volatile String failure;
    private volatile boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, boolean deleteOnClose, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
    }

    /**
     * Starts a broker and returns once it answers clients.
     *
     * @param port the client port on 127.0.0.1, or 0 for a free one
     * @param dataDir the log directory (formatted when it holds no {@code meta.properties} yet), or {@code null} for a
     *     temporary directory that is deleted on {@link #close()}
     * @throws PortInUseException when {@code port} is fixed and taken
     * @throws IllegalStateException when the broker fails to start or become ready within 60 s
     */
    public static EmbeddedKafkaBroker start(int port, Path dataDir) {
        long started = System.nanoTime();
        boolean temporary = dataDir == null;
        Path dir = temporary ? createTempDir() : dataDir.toAbsolutePath().normalize();
        try {
            EmbeddedKafkaBroker broker = startWithRetries(port, dir, temporary);
            LOG.info(
                    "Kafka broker ready at {} in {} ms (KRaft, data in {})",
                    broker.bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    dir);
            return broker;
        } catch (RuntimeException e) {
            if (temporary) {
                deleteQuietly(dir);
            }
            throw e;
        }
    }

    private static EmbeddedKafkaBroker startWithRetries(int port, Path dir, boolean temporary) {
        for (int attempt = 1; ; attempt++) {
            int brokerPort = Ports.resolve(port);
            int controllerPort = Ports.freePort();
            try {
                return startOnce(brokerPort, controllerPort, dir, temporary);
            } catch (RuntimeException e) {
                // A port found free can be taken by another process before Kafka binds it; only retry ports we chose.
                if (!Ports.causedByBindFailure(e)) {
                    throw e;
                }
                if (port != 0) {
                    throw new PortInUseException(port, e);
                }
                if (attempt == BIND_ATTEMPTS) {
                    throw new IllegalStateException("Kafka broker could not bind free ports on 127.0.0.1", e);
                }
                LOG.debug("Port {} or {} was taken before Kafka could bind it, retrying", brokerPort, controllerPort);
            }
        }
    }

    private static EmbeddedKafkaBroker startOnce(int brokerPort, int controllerPort, Path dir, boolean temporary) {
        KafkaConfig config = new KafkaConfig(serverProperties(brokerPort, controllerPort, dir), false);
        formatIfNeeded(config, dir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, dir, temporary, brokerPort);
        FatalExitGuard.register(broker);
        try {
            server.startup();
            broker.awaitClientsServed();
            broker.failure().ifPresent(reason -> {
                throw new IllegalStateException("Kafka broker failed while starting: " + reason);
            });
            return broker;
        } catch (RuntimeException e) {
            broker.shutdown(false);
            throw e;
        }
    }

    static Map<String, String> serverProperties(int brokerPort, int controllerPort, Path dir) {
        // Strings throughout, as in server.properties: Kafka parses them to each key's type (short, int, list).
        Map<String, String> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + Ports.LOOPBACK + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put(
                "listeners",
                BROKER_LISTENER + "://" + Ports.LOOPBACK + ":" + brokerPort + "," + CONTROLLER_LISTENER + "://"
                        + Ports.LOOPBACK + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + Ports.LOOPBACK + ":" + brokerPort);
        props.put(
                "listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("log.dirs", dir.toString());
        props.put("num.partitions", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        return props;
    }

    private static void formatIfNeeded(KafkaConfig config, Path dir) {
        if (Files.exists(dir.resolve("meta.properties"))) {
            LOG.debug("Reusing the formatted log directory {}", dir);
            return;
        }
        try {
            Files.createDirectories(dir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, "UTF-8"))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setWriteBootstrapSnapshot(true)
                    .setHasDynamicQuorum(false)
                    .addDirectory(dir.toString())
                    .run();
            LOG.debug("Formatted the log directory {}", dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format the Kafka log directory " + dir, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private void awaitClientsServed() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka broker did not answer clients within " + READY_TIMEOUT, e);
        }
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    /** The client port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The log directory (a temporary one when none was given). */
    public Path dataDir() {
        return dataDir;
    }

    /** Why the broker failed (a fatal fault that would have halted a stand-alone Kafka), or empty while healthy. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Whether the broker is started, not failed and not closed. */
    public boolean isRunning() {
        return !closed && failure == null;
    }

    /**
     * Creates topics and waits until every partition of each answers {@code listOffsets}: producing right after
     * creation can otherwise lose records (KAFKA-15591). Topics that already exist are left as they are (and waited
     * for too).
     *
     * @throws IllegalStateException when creation fails or the partitions are not ready within 60 s
     */
    public void createTopics(Collection<NewTopic> topics) {
        List<String> names = topics.stream().map(NewTopic::name).distinct().collect(Collectors.toList());
        try (Admin admin = admin()) {
            TopicCreation.createAndAwait(admin, topics, READY_TIMEOUT);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot create topics " + names + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + names, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "topics " + names + " were not created and usable within " + READY_TIMEOUT, e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) READY_TIMEOUT.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000));
    }

    /** The Kafka server itself, for tests that reach into it. */
    KafkaRaftServer kafkaServer() {
        return server;
    }

    /** Called by {@link FatalExitGuard} from a Kafka thread: remember why, then shut down off that thread. */
    void fail(String reason) {
        if (failure != null) {
            return;
        }
        failure = reason;
        Thread closer = new Thread(this::close, "embedded-kafka-failure-close");
        closer.setDaemon(true);
        closer.start();
    }

    /** Stops the broker and waits for it; deletes a temporary data directory. Safe to call more than once. */
    @Override
    public void close() {
        shutdown(true);
    }

    private synchronized void shutdown(boolean log) {
        if (closed) {
            return;
        }
        closed = true;
        long started = System.nanoTime();
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka broker at {} did not shut down cleanly: {}", bootstrapServers(), e.toString());
        } finally {
            FatalExitGuard.unregister(this);
            if (deleteOnClose) {
                deleteQuietly(dataDir);
            }
        }
        if (log) {
            LOG.info(
                    "Kafka broker at {} stopped in {} ms",
                    bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("labelwatch-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary Kafka log directory", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("Cannot delete the temporary Kafka log directory {}: {}", dir, e.toString());
        }
    }
}
