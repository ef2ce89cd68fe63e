package io.labelwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

    @Test
    void shouldDocumentTheDefaultsWhenBuiltFromDefaults() {
        SimulatorConfig config = SimulatorConfig.defaults();

        assertThat(config.seed()).isEqualTo(42L);
        assertThat(config.start()).isEqualTo(Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(config.labelsPerHour()).isEqualTo(20_000);
        assertThat(config.randomSamplingRate()).isEqualTo(0.2);
        assertThat(config.overlapShare()).isEqualTo(0.10);
        assertThat(config.goldShare()).isEqualTo(0.05);
        assertThat(config.scenarios()).isEmpty();
    }

    @Test
    void shouldTruncateStartToMillisecondsWhenGivenNanoseconds() {
        SimulatorConfig config = SimulatorConfig.defaults().withStart(Instant.parse("2026-01-01T00:00:00.123456789Z"));

        assertThat(config.start()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123Z"));
    }

    @Test
    void shouldNameTheSettingWhenAValueIsOutOfRange() {
        assertThatThrownBy(() -> SimulatorConfig.defaults().withRandomSamplingRate(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("randomSamplingRate");
        assertThatThrownBy(() -> SimulatorConfig.defaults().withLabelsPerHour(Double.NaN))
                .hasMessageContaining("labelsPerHour");
        assertThatThrownBy(() -> SimulatorConfig.defaults().withOverlapAndGold(0.6, 0.5))
                .hasMessageContaining("overlapShare + goldShare");
        assertThatThrownBy(() -> SimulatorConfig.defaults().withTargeted(0.1, 0.5))
                .hasMessageContaining("targetedEnrichment");
    }
}
