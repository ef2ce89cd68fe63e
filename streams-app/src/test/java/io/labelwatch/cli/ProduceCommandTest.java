package io.labelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.topology.CountingSerde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code produce} on bad input and unreachable services; the round trip through a real broker is in EventContractIT. */
class ProduceCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, List.of(lines));
        return file;
    }

    private Path config(String... lines) throws IOException {
        return file("labelwatch.properties", lines);
    }

    private static Cli produce(Path file, String... more) {
        String[] args = new String[7 + more.length];
        System.arraycopy(
                new String[] {"produce", "-b", "127.0.0.1:1", "-t", "annotation.taxonomy", "-f", file.toString()},
                0,
                args,
                0,
                7);
        System.arraycopy(more, 0, args, 7, more.length);
        return Cli.run(args);
    }

    @Test
    void shouldNameTheLineAndExit2WhenALineIsNotJson() throws IOException {
        Path file = file("taxonomy.jsonl", Cli.TAXONOMY_LINE, "{\"taxonomy_version\": \"v1\",");

        Cli run = produce(file, "-r", "mock://produce-malformed");

        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLine())
                .startsWith("labelwatch: taxonomy.jsonl line 2: not valid JSON")
                .doesNotContain("\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldNameTheLineAndTheFieldAndExit2WhenARequiredFieldIsMissing() throws IOException {
        Path file = file("taxonomy.jsonl", Cli.TAXONOMY_LINE.replace("\"class_label\":\"vehicle.car\",", ""));

        Cli run = produce(file, "-r", "mock://produce-missing");

        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLine()).isEqualTo("labelwatch: taxonomy.jsonl line 1: missing required field 'class_label'");
    }

    @Test
    void shouldNameTheRegistryAndExit3WithinTheTimeoutWhenTheRegistryIsUnreachable() throws IOException {
        Path file = file("taxonomy.jsonl", Cli.TAXONOMY_LINE);

        Cli run = produce(file, "-r", "http://127.0.0.1:1", "--timeout", "PT3S");

        assertThat(run.code()).isEqualTo(Main.EXIT_UNAVAILABLE);
        assertThat(run.errLine()).startsWith("labelwatch: schema registry at http://127.0.0.1:1 failed: ");
        assertThat(run.took()).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void shouldNameTheSettingAndExit2WhenTheRegistryUrlIsNotHttp() throws IOException {
        Cli run = produce(file("taxonomy.jsonl", Cli.TAXONOMY_LINE), "-r", "ftp://x");

        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLine())
                .startsWith("labelwatch: ")
                .contains("schema.registry.url")
                .doesNotContain("\n");
    }

    @Test
    void shouldNameTheSettingAndExit2WhenTheSubjectStrategyIsUnknown() throws IOException {
        Path config = config("value.subject.name.strategy=NoSuchStrategy");

        Cli run = produce(
                file("taxonomy.jsonl", Cli.TAXONOMY_LINE), "-r", "mock://produce-strategy", "-c", config.toString());

        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLine()).startsWith("labelwatch: ").contains("value.subject.name.strategy");
    }

    @Test
    void shouldNameTheSettingAndExit2WhenAKafkaClientSettingIsInvalid() throws IOException {
        Path config = config("compression.type=zippy");

        Cli run = produce(
                file("taxonomy.jsonl", Cli.TAXONOMY_LINE), "-r", "mock://produce-kafka", "-c", config.toString());

        assertThat(run.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.errLine())
                .startsWith("labelwatch: ")
                .contains("compression.type")
                .doesNotContain("\n");
    }

    @Test
    void shouldEncodeThroughTheConfiguredSerdeClassWhenSerdeClassIsSet() throws IOException {
        Path config = config("labelwatch.serde.class=" + CountingSerde.class.getName());

        Cli run = produce(
                file("taxonomy.jsonl", Cli.TAXONOMY_LINE, Cli.TAXONOMY_LINE),
                "-r",
                "mock://produce-serde-class",
                "-c",
                config.toString(),
                "--timeout",
                "PT2S");

        assertThat(CountingSerde.serialized("mock://produce-serde-class")).isEqualTo(2);
        assertThat(run.code()).as("the broker at 127.0.0.1:1 is unreachable").isEqualTo(Main.EXIT_UNAVAILABLE);
    }
}
