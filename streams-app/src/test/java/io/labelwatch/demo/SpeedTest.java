package io.labelwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SpeedTest {

    @Test
    void shouldMapWallTimeToSimulatedTimeWhenOneHourPerTenSeconds() {
        Speed speed = Speed.parse("1h/10s");

        assertThat(speed.ratio()).isEqualTo(360.0);
        assertThat(speed.simulatedFor(Duration.ofSeconds(5))).isEqualTo(Duration.ofMinutes(30));
        assertThat(speed.wallFor(Duration.ofHours(2))).isEqualTo(Duration.ofSeconds(20));
        assertThat(speed).hasToString("1h/10s");
    }

    @Test
    void shouldAcceptIsoAndFractionalDurationsWhenParsing() {
        assertThat(Speed.duration("PT90M")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Speed.duration("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Speed.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Speed.duration("2d")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void shouldRejectSpeedWhenNotSimulatedOverWall() {
        assertThatThrownBy(() -> Speed.parse("fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SIMULATED/WALL");
        assertThatThrownBy(() -> Speed.parse("1h/0s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Speed.parse("1h/soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a duration");
    }

    @Test
    void shouldPrintTheSimulatedSpanInDaysHoursAndMinutesWhenTheDemoStarts() {
        assertThat(Demo.span(Duration.ofDays(29).plusHours(23).plusMinutes(12).plusSeconds(40)))
                .isEqualTo("29d 23h 12m");
        assertThat(Demo.span(Duration.ofHours(11).plusMinutes(30))).isEqualTo("11h 30m");
        assertThat(Demo.span(Duration.ofDays(1))).isEqualTo("1d 0h 0m");
        assertThat(Demo.span(Duration.ofSeconds(59))).isEqualTo("0m");
    }
}
