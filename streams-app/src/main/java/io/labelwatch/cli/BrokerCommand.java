package io.labelwatch.cli;

import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.embedded.PortInUseException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labelwatch broker}: a real single-node Kafka broker in this process until Ctrl-C. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a single-node Kafka broker (KRaft, combined broker and controller) in this process,"
                    + " on 127.0.0.1, until Ctrl-C.",
            "The log directory is formatted on first start and reused later; without --dir a temporary"
                    + " one is used and deleted on stop."
        })
final class BrokerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "9092",
            description = "Client port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(
            names = "--dir",
            paramLabel = "D",
            description = "Log directory, kept across restarts. Default: a temporary directory deleted on stop.")
    Path dir;

    @Override
    public Integer call() {
        if (port < 0 || port > 65_535) {
            throw new UserException("--port must be 0 (any free port) or 1..65535, was " + port);
        }
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserException("--dir " + dir + " is a file, not a directory");
        }
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(port, dir);
        } catch (PortInUseException e) {
            throw new UserException(e.getMessage() + "; choose another with --port (0 picks a free one)");
        } catch (RuntimeException e) {
            throw new UserException("Kafka broker failed to start: " + e.getMessage(), 1, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                "Kafka broker ready at " + broker.bootstrapServers() + " (KRaft, data in " + broker.dataDir() + ")");
        out.flush();
        int code = runUntilStopped(broker, broker::isRunning, out, "broker stopped");
        if (code != 0) {
            spec.commandLine()
                    .getErr()
                    .println("labelwatch: Kafka broker failed: "
                            + broker.failure().orElse("stopped unexpectedly"));
        }
        return code;
    }

    /**
     * Blocks until Ctrl-C (a shutdown hook closes {@code resource} and prints {@code stoppedMessage}), until this
     * thread is interrupted (same, then returns 0), or until {@code running} turns false on its own (returns 1).
     */
    static int runUntilStopped(
            AutoCloseable resource, BooleanSupplier running, PrintWriter out, String stoppedMessage) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            try {
                resource.close();
            } catch (Exception e) {
                out.println("stop failed: " + e.getMessage());
            }
            out.println(stoppedMessage);
            out.flush();
            stopped.countDown();
        };
        Thread hook = new Thread(stop, "labelwatch-stop-on-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            // Wake up once a second to notice a resource that failed by itself (a fatal broker fault, a dead child).
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                if (!running.getAsBoolean()) {
                    Runtime.getRuntime().removeShutdownHook(hook);
                    stop.run();
                    return 1;
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            stop.run();
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
