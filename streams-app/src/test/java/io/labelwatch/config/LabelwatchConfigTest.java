package io.labelwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelwatchConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldApplyDefaultsWhenNothingIsConfigured() {
        LabelwatchConfig config = LabelwatchConfig.of(Map.of());

        assertThat(config.duration(ConfigKeys.WINDOW_SIZE)).isEqualTo(Duration.ofHours(1));
        assertThat(config.duration(ConfigKeys.WINDOW_GRACE)).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.integer(ConfigKeys.ALERTS_RESOLVE_AFTER)).isEqualTo(3);
        assertThat(config.optionalNumber(ConfigKeys.SPC_P0)).isEmpty();
        assertThat(config.kafkaProperties())
                .containsEntry("processing.guarantee", "exactly_once_v2")
                .containsEntry("application.id", "labelwatch");
    }

    @Test
    void shouldReadPropertiesFileAndPassKafkaSettingsThroughUnchanged() throws IOException {
        Path file = dir.resolve("labelwatch.properties");
        Files.writeString(file, """
                labelwatch.window.size=PT30M
                labelwatch.spc.p0.camera-2d-boxes.vehicle.car=0.04
                bootstrap.servers=kafka-1:9093
                security.protocol=SASL_SSL
                sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required;
                """);

        LabelwatchConfig config = LabelwatchConfig.load(file, Map.of(), Map.of());

        assertThat(config.duration(ConfigKeys.WINDOW_SIZE)).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.prefixed(ConfigKeys.SPC_P0_PER_CHART)).containsEntry("camera-2d-boxes.vehicle.car", 0.04);
        assertThat(config.kafkaProperties())
                .containsEntry("bootstrap.servers", "kafka-1:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsKey("sasl.jaas.config")
                .doesNotContainKey("labelwatch.window.size");
    }

    @Test
    void shouldFlattenYamlFile() throws IOException {
        Path file = dir.resolve("labelwatch.yaml");
        Files.writeString(file, """
                labelwatch:
                  window:
                    size: 2h
                    grace: PT5M
                  spc:
                    rules: [NELSON_1, NELSON_2]
                bootstrap.servers: broker:9092
                """);

        LabelwatchConfig config = LabelwatchConfig.load(file, Map.of(), Map.of());

        assertThat(config.duration(ConfigKeys.WINDOW_SIZE)).isEqualTo(Duration.ofHours(2));
        assertThat(config.duration(ConfigKeys.WINDOW_GRACE)).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.string(ConfigKeys.SPC_RULES)).isEqualTo("NELSON_1,NELSON_2");
        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
    }

    @Test
    void shouldLetEnvironmentOverrideFileWhenVariableNamesAKey() throws IOException {
        Path file = dir.resolve("labelwatch.properties");
        Files.writeString(file, "labelwatch.window.size=PT30M\n");
        Map<String, String> env = Map.of(
                "LABELWATCH_WINDOW_SIZE", "PT2H",
                "LABELWATCH_BOOTSTRAP_SERVERS", "env-broker:9092",
                "LABELWATCH_SPC_MIN_SAMPLE_SIZE", "50",
                "LABELWATCH_LOG_LEVEL", "DEBUG");

        LabelwatchConfig config = LabelwatchConfig.load(file, env, Map.of());

        assertThat(config.duration(ConfigKeys.WINDOW_SIZE)).isEqualTo(Duration.ofHours(2));
        assertThat(config.integer(ConfigKeys.SPC_MIN_SAMPLE)).isEqualTo(50);
        assertThat(config.bootstrapServers()).isEqualTo("env-broker:9092");
    }

    @Test
    void shouldNameMisspeltKeyAndSuggestTheRightOneWhenKeyIsUnknown() throws IOException {
        Path file = dir.resolve("labelwatch.properties");
        Files.writeString(file, "labelwatch.windw.size=PT1H\n");

        assertThatThrownBy(() -> LabelwatchConfig.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown config key 'labelwatch.windw.size' (did you mean 'labelwatch.window.size'?)");
    }

    @Test
    void shouldNameKeyAndValueWhenValueIsInvalid() {
        assertThatThrownBy(() -> LabelwatchConfig.of(Map.of("labelwatch.window.size", "an hour")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'labelwatch.window.size'")
                .hasMessageContaining("'an hour'");
        assertThatThrownBy(() -> LabelwatchConfig.of(Map.of("labelwatch.spc.chart", "XBAR")))
                .hasMessageContaining("'labelwatch.spc.chart'")
                .hasMessageContaining("one of P, LANEY, AUTO");
        assertThatThrownBy(() -> LabelwatchConfig.of(Map.of("labelwatch.spc.p0.pipe.car", "1.5")))
                .hasMessageContaining("'labelwatch.spc.p0.pipe.car'");
    }

    @Test
    void shouldSayFileIsMissingWhenConfigFileDoesNotExist() {
        assertThatThrownBy(() -> LabelwatchConfig.load(dir.resolve("nope.yaml"), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config file not found: ");
    }

    @Test
    void shouldMapEveryDocumentedKeyToItsEnvironmentName() {
        assertThat(ConfigKeys.WINDOW_IDLE_CLOSE.environmentName()).isEqualTo("LABELWATCH_WINDOW_IDLE_CLOSE");
        assertThat(ConfigKeys.TOPIC_CHART_POINTS.environmentName()).isEqualTo("LABELWATCH_TOPIC_CHART_POINTS");
    }

    @Test
    void shouldNeverEchoASecretWhenItsValueIsInvalid() {
        assertThatThrownBy(() -> LabelwatchConfig.of(
                        Map.of("labelwatch.notifier.slack.webhook-url", "hooks.slack.com/services/T000/SECRET")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'labelwatch.notifier.slack.webhook-url'")
                .hasMessageNotContaining("SECRET");
    }

    @Test
    void shouldDocumentEveryKeyInTheReadme() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (ConfigKey key : ConfigKeys.ALL) {
            assertThat(readme).as("README documents %s", key.name()).contains("`" + key.name());
        }
    }

    @Test
    void shouldNameSerdeClassWhenItCannotBeLoaded() {
        LabelwatchConfig config = LabelwatchConfig.of(Map.of("labelwatch.serde.class", "com.example.NoSuchSerde"));

        assertThatThrownBy(() -> io.labelwatch.topology.EventSerdes.fromConfig(config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'labelwatch.serde.class'");
    }
}
