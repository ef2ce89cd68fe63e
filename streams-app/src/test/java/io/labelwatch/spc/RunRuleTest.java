package io.labelwatch.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each rule on a standardized series built to the pattern of Nelson (1984), "The Shewhart Control Chart - Tests for
 * Special Causes", J. Quality Technology 16(4), 237-239, figure 1 (tests 1-8), with the R qcc conventions: strict
 * limits, the newest point completes the pattern, ties break a trend. Exact comparisons (no tolerance needed).
 */
class RunRuleTest {

    /** 0-based indices of the points at which {@code rule} fires with 3-sigma limits. */
    static List<Integer> fired(RunRule rule, double... z) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < z.length; i++) {
            if (rule.firesAt(z, i, 3.0)) {
                at.add(i);
            }
        }
        return at;
    }

    @Test
    void shouldFlagNelson1WhenBeyondButNotOnTheLimit() {
        assertThat(fired(RunRule.NELSON_1, 0.5, 3.0, -3.0, 3.01, -3.2)).containsExactly(3, 4);
    }

    @Test
    void shouldFlagNelson2AtTheNinthPointOnOneSideAndBreakOnZero() {
        double[] z = {0.1, 0.2, 0.3, 0.1, 0.4, 0.2, 0.5, 0.1, 0.3, 0.2, 0.0, 0.1};
        assertThat(fired(RunRule.NELSON_2, z)).containsExactly(8, 9);
        assertThat(fired(RunRule.NELSON_2, -1, -1, -1, -1, -1, -1, -1, -1, -1)).containsExactly(8);
    }

    @Test
    void shouldFlagNelson3AtTheSixthPointOfATrendAndBreakOnATie() {
        assertThat(fired(RunRule.NELSON_3, -1.0, -0.6, -0.2, 0.1, 0.4, 0.9, 1.2))
                .containsExactly(5, 6);
        assertThat(fired(RunRule.NELSON_3, 1.0, 0.8, 0.8, 0.2, 0.1, -0.3, -0.9)).isEmpty();
        assertThat(fired(RunRule.NELSON_3, 1.0, 0.8, 0.5, 0.2, 0.1, -0.3)).containsExactly(5);
    }

    @Test
    void shouldFlagNelson4AtTheFourteenthAlternatingPoint() {
        double[] z = new double[15];
        for (int i = 0; i < z.length; i++) {
            z[i] = i % 2 == 0 ? 0.5 : -0.5;
        }
        assertThat(fired(RunRule.NELSON_4, z)).containsExactly(13, 14);
        z[7] = z[6];
        assertThat(fired(RunRule.NELSON_4, z)).isEmpty();
    }

    @Test
    void shouldFlagNelson5WhenTwoOfThreeBeyondTwoSigmaOnOneSide() {
        assertThat(fired(RunRule.NELSON_5, 2.5, 0.0, 2.1, 0.3)).containsExactly(2);
        assertThat(fired(RunRule.NELSON_5, 2.5, -2.5, 0.0)).isEmpty();
        assertThat(fired(RunRule.NELSON_5, 2.0, 2.5, 2.0)).isEmpty();
        // a window is judged only once it is full (qcc embeds complete windows)
        assertThat(fired(RunRule.NELSON_5, -2.2, -2.3)).isEmpty();
        assertThat(fired(RunRule.NELSON_5, 0.0, -2.2, -2.3)).containsExactly(2);
    }

    @Test
    void shouldFlagNelson6WhenFourOfFiveBeyondOneSigmaOnOneSide() {
        assertThat(fired(RunRule.NELSON_6, 1.5, 1.2, 0.0, 1.1, 1.3, 0.2)).containsExactly(4);
        assertThat(fired(RunRule.NELSON_6, 1.5, 1.2, -1.5, 1.1, 1.0)).isEmpty();
    }

    @Test
    void shouldFlagNelson7AfterFifteenPointsWithinOneSigma() {
        double[] z = new double[16];
        for (int i = 0; i < z.length; i++) {
            z[i] = (i % 3 - 1) * 0.4;
        }
        assertThat(fired(RunRule.NELSON_7, z)).containsExactly(14, 15);
        z[3] = 1.0;
        assertThat(fired(RunRule.NELSON_7, z)).isEmpty();
    }

    @Test
    void shouldFlagNelson8OnlyWhenEightBeyondOneSigmaOnBothSides() {
        double[] bothSides = {1.5, -1.4, 1.2, 1.8, -1.1, -2.0, 1.3, -1.6};
        assertThat(fired(RunRule.NELSON_8, bothSides)).containsExactly(7);
        double[] oneSide = {1.5, 1.4, 1.2, 1.8, 1.1, 2.0, 1.3, 1.6};
        assertThat(fired(RunRule.NELSON_8, oneSide)).isEmpty();
        double[] onOneSigma = {1.5, -1.4, 1.2, 1.8, -1.0, -2.0, 1.3, -1.6};
        assertThat(fired(RunRule.NELSON_8, onOneSigma)).isEmpty();
    }

    @Test
    void shouldFlagWesternElectric4AfterEightOnOneSide() {
        assertThat(fired(RunRule.WE_4, -0.1, -0.2, -0.3, -0.1, -0.4, -0.2, -0.5, -0.1))
                .containsExactly(7);
        assertThat(fired(RunRule.WE_4, -0.1, -0.2, -0.3, -0.1, -0.4, -0.2, -0.5))
                .isEmpty();
    }

    @Test
    void shouldUseTheChartLimitForRuleOne() {
        double[] z = {2.9};
        assertThat(RunRule.NELSON_1.firesAt(z, 0, 2.5)).isTrue();
        assertThat(RunRule.WE_1.firesAt(z, 0, 3.0)).isFalse();
    }

    @Test
    void shouldParseNamedSetsAndListsWhenValid() {
        assertThat(RuleSet.parse("Nelson").rules()).hasSize(8).contains(RunRule.NELSON_8);
        assertThat(RuleSet.parse("we").rules()).containsExactly(RunRule.WE_1, RunRule.WE_2, RunRule.WE_3, RunRule.WE_4);
        assertThat(RuleSet.parse("none").rules()).isEmpty();
        assertThat(RuleSet.parse("nelson_1, WE_4").rules()).containsExactly(RunRule.NELSON_1, RunRule.WE_4);
        assertThat(RuleSet.parse(RuleSet.nelson().spec())).isEqualTo(RuleSet.nelson());
    }

    @Test
    void shouldNameTheBadIdWhenParsingFails() {
        assertThatThrownBy(() -> RuleSet.parse("NELSON_1,NELSON_9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'NELSON_9'");
    }

    @Test
    void shouldReportFiringRulesInEnumOrder() {
        double[] z = {0.0, 3.5, 3.5};
        assertThat(RuleSet.parse("we").firing(z, 2, 3.0)).containsExactly("WE_1", "WE_2");
    }
}
