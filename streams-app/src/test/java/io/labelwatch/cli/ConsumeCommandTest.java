package io.labelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code consume} against unreachable or misconfigured clients; reading real records is in EventContractIT. */
class ConsumeCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldNameKafkaAndExit3WithinTheTimeoutWhenTheBrokerIsUnreachable() {
        Cli run = Cli.run(
                "consume",
                "-b",
                "127.0.0.1:1",
                "-r",
                "mock://consume-down",
                "-t",
                "annotation.reviews",
                "--idle-timeout",
                "PT2S");

        assertThat(run.code()).isEqualTo(Main.EXIT_UNAVAILABLE);
        assertThat(run.errLine()).isEqualTo("labelwatch: Kafka at 127.0.0.1:1 did not answer within PT2S");
        assertThat(run.took()).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void shouldNameTheSettingAndExit2WhenTheRegistryUrlIsNotHttp() {
        Cli run = Cli.run("consume", "-b", "127.0.0.1:1", "-r", "ftp://x", "-t", "annotation.reviews");

        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLine())
                .startsWith("labelwatch: ")
                .contains("schema.registry.url")
                .doesNotContain("\n");
    }

    @Test
    void shouldNameTheSettingAndExit2WhenAKafkaClientSettingIsInvalid() throws IOException {
        Path config = Files.writeString(dir.resolve("c.properties"), "fetch.min.bytes=-5\n");

        Cli run = Cli.run(
                "consume",
                "-c",
                config.toString(),
                "-b",
                "127.0.0.1:1",
                "-r",
                "mock://consume-bad",
                "-t",
                "annotation.reviews");

        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLine())
                .startsWith("labelwatch: ")
                .contains("fetch.min.bytes")
                .doesNotContain("\n");
    }
}
