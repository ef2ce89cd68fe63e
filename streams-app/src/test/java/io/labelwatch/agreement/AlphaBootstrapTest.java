package io.labelwatch.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AlphaBootstrapTest {

    @Test
    void shouldGiveTheSameIntervalWhenSeedIsTheSame() {
        List<List<String>> units = CoincidenceMatrixTest.randomUnits(new SplittableRandom(3), 150, 3, 4);
        AlphaBootstrap.Interval first = AlphaBootstrap.bootstrap(units, Level.NOMINAL, 500, 42L);
        AlphaBootstrap.Interval second = AlphaBootstrap.bootstrap(units, Level.NOMINAL, 500, 42L);
        assertThat(second).isEqualTo(first);
        AlphaBootstrap.Interval other = AlphaBootstrap.bootstrap(units, Level.NOMINAL, 500, 43L);
        assertThat(other.lower()).isNotEqualTo(first.lower());
    }

    @Test
    void shouldBracketTheEstimateWhenSampleIsLarge() {
        List<List<String>> units = CoincidenceMatrixTest.randomUnits(new SplittableRandom(5), 400, 3, 5);
        for (Level level : Level.values()) {
            AlphaBootstrap.Interval interval = AlphaBootstrap.bootstrap(units, level, 400, 7L);
            assertThat(interval.estimate())
                    .isEqualTo(CoincidenceMatrix.of(units).alpha(level));
            assertThat(interval.lower()).isLessThan(interval.estimate().alpha());
            assertThat(interval.upper()).isGreaterThan(interval.estimate().alpha());
            assertThat(interval.definedReplicates()).isEqualTo(400);
            assertThat(interval.standardError()).isPositive();
        }
    }

    @Test
    void shouldNarrowWhenThereAreMoreUnits() {
        List<List<String>> small = CoincidenceMatrixTest.randomUnits(new SplittableRandom(9), 50, 3, 4);
        List<List<String>> large = CoincidenceMatrixTest.randomUnits(new SplittableRandom(9), 2000, 3, 4);
        AlphaBootstrap.Interval wide = AlphaBootstrap.bootstrap(small, Level.NOMINAL, 300, 1L);
        AlphaBootstrap.Interval narrow = AlphaBootstrap.bootstrap(large, Level.NOMINAL, 300, 1L);
        assertThat(narrow.upper() - narrow.lower()).isLessThan((wide.upper() - wide.lower()) / 2);
    }

    @Test
    void shouldGiveNaNBoundsWhenNoReplicateIsDefined() {
        AlphaBootstrap.Interval interval =
                AlphaBootstrap.bootstrap(List.of(List.of("a", "a"), List.of("a", "a")), Level.NOMINAL, 20, 1L);
        assertThat(interval.lower()).isNaN();
        assertThat(interval.definedReplicates()).isZero();
    }

    @Test
    void shouldRejectZeroReplicates() {
        assertThatThrownBy(() -> AlphaBootstrap.bootstrap(List.of(List.of("a", "b")), Level.NOMINAL, 0, 1L))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
