package io.labelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code topics create} against an unreachable or misconfigured cluster; creation itself is in TopicsCommandIT. */
class TopicsCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldNameKafkaAndExit3WithinTheTimeoutWhenTheBrokerIsUnreachable() {
        Cli run = Cli.run("topics", "create", "-b", "127.0.0.1:1", "--timeout", "PT2S");

        assertThat(run.code()).isEqualTo(Main.EXIT_UNAVAILABLE);
        assertThat(run.errLine()).isEqualTo("labelwatch: Kafka at 127.0.0.1:1 did not answer within PT2S");
        assertThat(run.out()).isEmpty();
        assertThat(run.took()).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void shouldNameTheSettingAndExit2WhenAKafkaClientSettingIsInvalid() throws IOException {
        Path config = Files.writeString(dir.resolve("c.properties"), "security.protocol=NOPE\n");

        Cli run = Cli.run("topics", "create", "-c", config.toString(), "-b", "127.0.0.1:1", "--timeout", "PT2S");

        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLine())
                .startsWith("labelwatch: ")
                .contains("security.protocol")
                .doesNotContain("\n");
    }
}
