package io.labelwatch.topology.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InputWatermarksTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long IDLE_CLOSE = Duration.ofMinutes(15).toMillis();

    private final InputWatermarks clock = new InputWatermarks(2, Duration.ofMinutes(15));

    @Test
    void shouldNotMoveUntilEveryInputPartitionHasReportedWhenStarting() {
        clock.start(0, Long.MIN_VALUE);
        clock.heard(0, 3 * HOUR, false, 10);
        assertThat(clock.advance(10, 3 * HOUR)).isEmpty();

        clock.heard(1, HOUR, false, 20);
        assertThat(clock.advance(20, 3 * HOUR)).hasValue(HOUR);
    }

    @Test
    void shouldFollowTheSlowestPartitionWhenOneRunsAhead() {
        clock.start(0, Long.MIN_VALUE);
        clock.heard(0, HOUR, false, 1);
        clock.heard(1, HOUR, false, 1);
        assertThat(clock.advance(1, HOUR)).hasValue(HOUR);

        clock.heard(0, 4 * HOUR, false, 2);
        assertThat(clock.advance(2, 4 * HOUR)).as("partition 1 still at 1h").isEmpty();
        clock.heard(1, 2 * HOUR, false, 3);
        assertThat(clock.advance(3, 4 * HOUR)).hasValue(2 * HOUR);
    }

    @Test
    void shouldIgnoreAPartitionWhenItIsIdleOrSilentForTheIdleClose() {
        clock.start(0, Long.MIN_VALUE);
        clock.heard(0, 3 * HOUR, false, 1);
        clock.heard(1, HOUR, true, 1);
        assertThat(clock.advance(1, 3 * HOUR))
                .as("idle partition 1 holds nothing back")
                .hasValue(3 * HOUR);

        clock.heard(1, 3 * HOUR, false, 2);
        clock.heard(0, 5 * HOUR, false, IDLE_CLOSE + 2);
        assertThat(clock.advance(IDLE_CLOSE + 2, 5 * HOUR))
                .as("partition 1 silent for the idle close")
                .hasValue(5 * HOUR);
    }

    @Test
    void shouldMoveToTheNewestRecordWhenEveryPartitionIsIdle() {
        clock.start(0, HOUR);
        clock.heard(0, 2 * HOUR, true, 1);
        clock.heard(1, 2 * HOUR, true, 1);
        assertThat(clock.advance(1, 2 * HOUR + 5)).hasValue(2 * HOUR + 5);
    }

    @Test
    void shouldExtrapolateByTheWallTimeElapsedWhenTheClockStalls() {
        clock.start(0, Long.MIN_VALUE);
        clock.heard(0, HOUR, false, 0);
        clock.heard(1, HOUR, false, 0);
        assertThat(clock.advance(0, HOUR)).hasValue(HOUR);

        assertThat(clock.idleCloseTime(IDLE_CLOSE - 1, HOUR, 0)).isEmpty();
        assertThat(clock.idleCloseTime(IDLE_CLOSE, HOUR + 7, 0)).isEqualTo(OptionalLong.of(HOUR + 7 + IDLE_CLOSE));
        assertThat(clock.idleCloseTime(IDLE_CLOSE, Long.MIN_VALUE, 42)).hasValue(42 + IDLE_CLOSE);
    }
}
