package io.labelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldExitWithUsageCodeAndOneLineWhenThePortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int code = run("broker", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(code).isEqualTo(Main.EXIT_USAGE);
            assertThat(err.toString().strip())
                    .isEqualTo("labelwatch: port " + taken.getLocalPort()
                            + " on 127.0.0.1 is already in use; choose another with --port (0 picks a free one)");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void shouldExitWithUsageCodeWhenThePortIsOutOfRange() {
        assertThat(run("broker", "--port", "70000")).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("--port must be 0 (any free port) or 1..65535");
    }

    @Test
    void shouldPrintTheBootstrapAddressAndStopCleanlyWhenInterrupted(@TempDir Path dir) throws Exception {
        Thread[] runner = new Thread[1];
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            runner[0] = Thread.currentThread();
            return run("broker", "--port", "0", "--dir", dir.toString());
        });

        await().atMost(Duration.ofSeconds(90)).until(() -> out.toString().contains("ready at"));
        runner[0].interrupt();

        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString())
                .matches(Pattern.compile(
                        "Kafka broker ready at 127\\.0\\.0\\.1:\\d+ \\(KRaft, data in " + Pattern.quote(dir.toString())
                                + "\\)\\Rbroker stopped\\R",
                        Pattern.DOTALL));
        assertThat(dir.resolve("meta.properties")).exists();
    }

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
