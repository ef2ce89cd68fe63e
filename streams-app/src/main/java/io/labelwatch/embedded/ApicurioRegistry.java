package io.labelwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Apicurio Registry 3 (Quarkus distribution from Maven Central, unpacked by {@code ./mvnw package} into
 * {@code streams-app/target/apicurio}) as a child process on 127.0.0.1, speaking the Confluent REST API at {@link
 * #ccompatUrl()}. Storage is Apicurio's default in-memory H2, so every start is empty; the global compatibility rule is
 * BACKWARD (Apicurio's default is NONE).
 *
 * <p>It needs Java 21+, found as {@link JavaRuntimes} describes: system property {@value JavaRuntimes#HOME_PROPERTY},
 * environment {@value JavaRuntimes#HOME_ENV}, {@code JAVA_HOME}, then the standard install locations. The distribution
 * is found through system property {@value #HOME_PROPERTY}, environment {@value #HOME_ENV}, then {@code
 * streams-app/target/apicurio} and {@code target/apicurio} below the working directory and beside the running jar.
 * {@link #unavailableReason()} says which of the two is missing.
 */
public final class ApicurioRegistry implements AutoCloseable {
    static final String HOME_PROPERTY = "labelwatch.apicurio.home";
    static final String HOME_ENV = "LABELWATCH_APICURIO_HOME";
    static final int REQUIRED_JAVA = 21;
    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
    private static final String RUNNER = "quarkus-run.jar";
    private static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    // Quarkus boots in ~9 s on an idle 2-core machine but took 28 s while other builds ran; 120 s leaves room.
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int BIND_ATTEMPTS = 3;

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Path javaHome;
    private final Thread orphanGuard;
    private volatile boolean closed;

    private ApicurioRegistry(Process process, int port, Path logFile, Path javaHome) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.javaHome = javaHome;
        // If this JVM ends without close(), the registry must not outlive it.
        this.orphanGuard = new Thread(() -> destroyTree(process), "apicurio-registry-orphan-guard");
        Runtime.getRuntime().addShutdownHook(orphanGuard);
    }

    /**
     * Why the registry cannot start on this machine (no Java 21+, no unpacked distribution), or empty when it can.
     * Callers fall back to the in-memory registry or skip with this message.
     */
    public static Optional<String> unavailableReason() {
        List<String> problems = new ArrayList<>();
        JavaRuntimes.Found java = JavaRuntimes.ofThisMachine().find(REQUIRED_JAVA);
        if (java.home().isEmpty()) {
            problems.add(java.problem());
        }
        Distribution distribution = Distribution.find();
        if (distribution.runner().isEmpty()) {
            problems.add(distribution.problem());
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /**
     * Starts the registry and returns once {@code GET /apis/ccompat/v7/subjects} answers 200.
     *
     * @param port the HTTP port on 127.0.0.1, or 0 for a free one
     * @throws PortInUseException when {@code port} is fixed and taken
     * @throws IllegalStateException when the registry is {@linkplain #unavailableReason() unavailable}, exits early or
     *     is not ready within 120 s (the message names the child's log file)
     */
    public static ApicurioRegistry start(int port) {
        JavaRuntimes.Found java = JavaRuntimes.ofThisMachine().find(REQUIRED_JAVA);
        Distribution distribution = Distribution.find();
        if (java.home().isEmpty() || distribution.runner().isEmpty()) {
            throw new IllegalStateException(
                    "Apicurio Registry cannot start: " + unavailableReason().orElse("unknown reason"));
        }
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            int httpPort = Ports.resolve(port);
            int managementPort = Ports.freePort();
            Path runner = distribution.runner().get();
            Path logFile = logFileFor(runner, httpPort);
            ApicurioRegistry registry = launch(java.home().get(), runner, httpPort, managementPort, logFile);
            try {
                registry.awaitReady();
                LOG.info(
                        "Apicurio Registry ready at {} in {} ms (Java {}, log {})",
                        registry.ccompatUrl(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                        java.feature(),
                        logFile);
                return registry;
            } catch (RuntimeException e) {
                registry.close();
                boolean bindFailure = registry.logMentionsBindFailure();
                if (bindFailure && port != 0) {
                    throw new PortInUseException(port, e);
                }
                if (!bindFailure || attempt == BIND_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Port {} or {} was taken before Apicurio could bind it, retrying", httpPort, managementPort);
            }
        }
    }

    private static ApicurioRegistry launch(Path javaHome, Path runner, int httpPort, int managementPort, Path logFile) {
        List<String> command = List.of(
                javaHome.resolve("bin").resolve("java").toString(),
                "-Dquarkus.http.host=" + Ports.LOOPBACK,
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.host=" + Ports.LOOPBACK,
                "-Dquarkus.management.port=" + managementPort,
                "-Dapicurio.rules.global.compatibility=BACKWARD",
                "-jar",
                runner.toString());
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command)
                    .directory(runner.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            LOG.debug("Started Apicurio Registry (pid {}): {}", process.pid(), command);
            return new ApicurioRegistry(process, httpPort, logFile, javaHome);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Apicurio Registry with " + command.get(0), e);
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        HttpRequest probe = HttpRequest.newBuilder(uri(ccompatUrl() + "/subjects"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with status " + process.exitValue()
                        + " while starting; see " + logFile + ":\n" + tail(logFile, 15));
            }
            try {
                HttpResponse<Void> response = http.send(probe, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (ConnectException e) {
                last = "connection refused";
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
            }
            try {
                // Quarkus needs several seconds to boot; probing five times a second costs nothing.
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Apicurio Registry", e);
            }
        }
        throw new IllegalStateException("Apicurio Registry did not answer " + ccompatUrl() + "/subjects within "
                + READY_TIMEOUT.toSeconds() + " s (last: " + last + "); see " + logFile);
    }

    /** The Confluent-compatible API, {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String ccompatUrl() {
        return "http://" + Ports.LOOPBACK + ":" + port + CCOMPAT_PATH;
    }

    /** The HTTP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Where the registry's own output goes. */
    public Path logFile() {
        return logFile;
    }

    /** The Java runtime it runs on. */
    public Path javaHome() {
        return javaHome;
    }

    /** Whether the registry process is running and not closed. */
    public boolean isRunning() {
        return !closed && process.isAlive();
    }

    /** Stops the registry and its child processes and waits for them. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroyTree(process);
        try {
            Runtime.getRuntime().removeShutdownHook(orphanGuard);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the guard runs anyway and finds the process gone.
        }
        LOG.debug("Apicurio Registry at {} stopped", ccompatUrl());
    }

    private static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Apicurio Registry did not stop within {} s; killing it", STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private boolean logMentionsBindFailure() {
        String log = tail(logFile, 200);
        return log.contains("Port already bound") || log.contains("Address already in use");
    }

    private static Path logFileFor(Path runner, int httpPort) {
        // Beside the distribution (streams-app/target/apicurio → streams-app/target) when writable, else the temp dir.
        Path distributionDir = runner.getParent();
        Path besideDistribution = distributionDir.getParent();
        Path dir = besideDistribution != null && Files.isWritable(besideDistribution)
                ? besideDistribution
                : Path.of(System.getProperty("java.io.tmpdir"));
        return dir.resolve("apicurio-registry-" + httpPort + ".log");
    }

    private static String tail(Path file, int lines) {
        try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
            List<String> kept = all.collect(Collectors.toList());
            return String.join("\n", kept.subList(Math.max(0, kept.size() - lines), kept.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** Where the unpacked distribution is, or why none was found. */
    record Distribution(Optional<Path> runner, String problem) {

        static Distribution find() {
            String explicit = firstNonBlank(System.getProperty(HOME_PROPERTY), System.getenv(HOME_ENV));
            if (explicit != null) {
                return in(List.of(Path.of(explicit)), HOME_PROPERTY + " / " + HOME_ENV + " = " + explicit);
            }
            return in(defaultLocations(), null);
        }

        /** The first of {@code dirs} holding a {@code quarkus-run.jar} (itself or up to two folders down). */
        static Distribution in(List<Path> dirs, String setting) {
            for (Path dir : dirs) {
                Optional<Path> runner = findRunner(dir);
                if (runner.isPresent()) {
                    return new Distribution(runner, null);
                }
            }
            String where = setting != null ? setting : "any of " + dirs;
            return new Distribution(
                    Optional.empty(),
                    "no Apicurio Registry distribution (" + RUNNER + ") in " + where
                            + "; run ./mvnw package to unpack it into streams-app/target/apicurio, or set "
                            + HOME_ENV);
        }

        static Optional<Path> findRunner(Path dir) {
            if (!Files.isDirectory(dir)) {
                return Optional.empty();
            }
            try (Stream<Path> files = Files.walk(dir, 3)) {
                return files.filter(p -> p.getFileName().toString().equals(RUNNER) && Files.isRegularFile(p))
                        .min(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString));
            } catch (IOException | UncheckedIOException e) {
                return Optional.empty();
            }
        }

        private static List<Path> defaultLocations() {
            Set<Path> dirs = new LinkedHashSet<>();
            Path workingDir = Path.of("").toAbsolutePath();
            dirs.add(workingDir.resolve("streams-app/target/apicurio"));
            dirs.add(workingDir.resolve("target/apicurio"));
            codeLocation().ifPresent(code -> {
                // labelwatch.jar and target/classes both sit in streams-app/target.
                Path parent = code.getParent();
                if (parent != null) {
                    dirs.add(parent.resolve("apicurio"));
                    dirs.add(parent.resolve("target/apicurio"));
                    dirs.add(parent.resolve("streams-app/target/apicurio"));
                }
            });
            return dirs.stream().map(Path::normalize).distinct().collect(Collectors.toList());
        }

        private static Optional<Path> codeLocation() {
            try {
                var source = ApicurioRegistry.class.getProtectionDomain().getCodeSource();
                return source == null
                        ? Optional.empty()
                        : Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
            } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        private static String firstNonBlank(String first, String second) {
            if (first != null && !first.isBlank()) {
                return first;
            }
            return second != null && !second.isBlank() ? second : null;
        }
    }
}
