package io.labelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} exit codes as the README states them: unreachable broker or registry 3, bad config 2. */
class RunCommandTest {
    @TempDir
    Path dir;

    private Path config(String text) throws IOException {
        return Files.writeString(dir.resolve("labelwatch.properties"), text + "\nlabelwatch.http.port=0\n");
    }

    @Test
    void shouldNameKafkaAndExit3WithinTheWaitWhenTheBrokerIsUnreachable() throws IOException {
        Path config = config("default.api.timeout.ms=2000\nrequest.timeout.ms=1000");

        Cli run = Cli.run("run", "-c", config.toString(), "-b", "127.0.0.1:1", "-r", "mock://run-down");

        assertThat(run.code()).isEqualTo(Main.EXIT_UNAVAILABLE);
        assertThat(run.errLine()).startsWith("labelwatch: Kafka at 127.0.0.1:1 did not answer within 2000 ms");
        assertThat(run.took()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void shouldNameTheRegistryAndExit3WhenTheRegistryIsUnreachable() throws IOException {
        Path config = config("schema.registry.retries.total.timeout.ms=2000");

        Cli run = Cli.run("run", "-c", config.toString(), "-b", "127.0.0.1:1", "-r", "http://127.0.0.1:1");

        assertThat(run.code()).isEqualTo(Main.EXIT_UNAVAILABLE);
        assertThat(run.errLine()).startsWith("labelwatch: schema registry at http://127.0.0.1:1 failed: ");
        assertThat(run.took()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void shouldNameTheSettingAndExit2WhenARegistrySettingIsInvalid() throws IOException {
        Path config = config("schema.registry.max.retries=lots");

        Cli run = Cli.run("run", "-c", config.toString(), "-b", "127.0.0.1:1", "-r", "http://127.0.0.1:1");

        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLine()).startsWith("labelwatch: ").contains("schema.registry.max.retries");
    }

    @Test
    void shouldNameTheKeyAndExit2WhenALabelwatchKeyIsMisspelt() throws IOException {
        Path config = config("labelwatch.windw.size=PT1H");

        Cli run = Cli.run("run", "-c", config.toString());

        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLine()).contains("unknown config key 'labelwatch.windw.size'");
    }
}
