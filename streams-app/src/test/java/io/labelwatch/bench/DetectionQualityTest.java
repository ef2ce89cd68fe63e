package io.labelwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.labelwatch.spc.FleetBudget;
import org.junit.jupiter.api.Test;

class DetectionQualityTest {

    @Test
    void shouldDetectThreeSigmaShiftInAboutTwoWindowsWhenRuleOneAlone() {
        // Shewhart ARL at a 3-sigma shift: 1/(1 - Φ(0) + Φ(-6)) = 2.00 (Montgomery §6.2.3); n·p = 50 keeps the binomial
        // near normal, and the shifted binomial is a little wider, so a little sooner.
        DetectionQuality.RunLengths r =
                DetectionQuality.runLengths(DetectionQuality.shewhartOnly(3), 0.05, 1000, 3, 2000, 1000, 7);

        assertThat(r.mean()).isCloseTo(1.9, within(0.15));
        assertThat(r.censored()).isZero();
    }

    @Test
    void shouldCapRunsWhenNoSignalArrivesWithinMaxWindows() {
        DetectionQuality.RunLengths r =
                DetectionQuality.runLengths(DetectionQuality.shewhartOnly(6), 0.05, 1000, 0, 20, 10, 7);

        assertThat(r.censored()).isEqualTo(20);
        assertThat(r.mean()).isEqualTo(10.0);
        assertThat(r.median()).isEqualTo(10.0);
    }

    @Test
    void shouldAlarmSeldomWhenFleetLimitsAreDerived() {
        FleetBudget.Plan plan = FleetBudget.plan(50, 1.0, java.time.Duration.ofHours(1), 0.2, 0.5);

        double derived =
                DetectionQuality.fleetFalseAlarmsPerDay(DetectionQuality.fleet(plan), 0.05, 1000, 50, 24, 20, 3);
        double defaults =
                DetectionQuality.fleetFalseAlarmsPerDay(DetectionQuality.defaultRules(), 0.05, 1000, 50, 24, 20, 3);

        // Defaults: 50 charts × 24 windows / ARL0 ≈ 73 gives about 16 a day; the plan aims at 1.
        assertThat(defaults).isGreaterThan(8);
        assertThat(derived).isLessThan(3);
    }

    @Test
    void shouldMeetTheFleetBudgetWhenTheBinomialIsSkewed() {
        // 500 charts, 1 false alarm a day, n·p = 50: the normal-theory limits gave 1.7 a day here; exact binomial
        // probability limits keep the fleet within its budget (expected about 20 alarms in 20 days, sd 4.5).
        FleetBudget.Plan plan = FleetBudget.plan(500, 1.0, java.time.Duration.ofHours(1), 0.2, 0.5);

        double measured =
                DetectionQuality.fleetFalseAlarmsPerDay(DetectionQuality.fleet(plan), 0.05, 1000, 500, 24, 20, 7);

        assertThat(measured).isLessThan(1.35);
    }
}
