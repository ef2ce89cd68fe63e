package io.labelwatch.spc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FleetBudgetTest {

    @Test
    void shouldGiveArl370WhenShewhartLimitsAreThreeSigma() {
        // Montgomery, ISQC 7th ed., §6.2.3: ARL0 = 1/0.0027 = 370.4 for 3-sigma limits.
        assertThat(FleetBudget.shewhartArl(3, 0)).isCloseTo(370.4, within(0.1));
        assertThat(FleetBudget.shewhartL(370.398)).isCloseTo(3.0, within(1e-4));
    }

    @Test
    void shouldMatchMontgomeryWhenShewhartShiftIsOneSigma() {
        // Montgomery §6.2.3: a 1-sigma shift on a 3-sigma chart is detected after 43.9 subgroups on average.
        assertThat(FleetBudget.shewhartArl(3, 1)).isCloseTo(43.9, within(0.1));
    }

    @Test
    void shouldMatchSiegmundReferenceWhenCusumIsK05H5() {
        // Montgomery §9.1.3 table 9.3: k = 0.5, h = 5 gives ARL0 465 (exact); Siegmund's approximation gives 469.
        assertThat(FleetBudget.cusumArl(0.5, 5, 0)).isCloseTo(469, within(2.0));
        // and 10.4 at a 1-sigma shift (table 9.3); the approximation is within a few percent.
        assertThat(FleetBudget.cusumArl(0.5, 5, 1)).isCloseTo(10.4, within(0.6));
        assertThat(FleetBudget.cusumH(0.5, 469.1)).isCloseTo(5.0, within(0.01));
    }

    @Test
    void shouldMatchLucasSaccucciWhenEwmaIsLambda02L2962() {
        // Lucas and Saccucci (1990), Technometrics 32(1), table 3; Montgomery table 9.11 (column L = 2.962, lambda =
        // 0.20): ARL0 500, 1-sigma 10.5.
        assertThat(FleetBudget.ewmaArl(0.2, 2.962, 0)).isCloseTo(500, within(5.0));
        assertThat(FleetBudget.ewmaArl(0.2, 2.962, 1)).isCloseTo(10.5, within(0.2));
    }

    @Test
    void shouldMeetTheBudgetWhenLimitsAreDerived() {
        FleetBudget.Plan plan = FleetBudget.plan(500, 1.0, Duration.ofHours(1), 0.2, 0.5);

        assertThat(plan.chartArl0()).isCloseTo(500 * 24.0, within(1e-9));
        assertThat(plan.shewhartL()).isGreaterThan(3.0);
        assertThat(plan.expectedFalseAlarmsPerDay()).isCloseTo(1.0, within(0.01));
    }

    @Test
    void shouldRejectBudgetWhenNotPositive() {
        assertThatThrownBy(() -> FleetBudget.requiredArl0(10, 0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("falseAlarmsPerDay");
        assertThatThrownBy(() -> FleetBudget.shewhartL(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
