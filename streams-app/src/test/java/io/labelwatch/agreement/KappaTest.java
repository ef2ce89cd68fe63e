package io.labelwatch.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KappaTest {

    /**
     * R package irr, data set {@code diagnoses} (Fleiss 1971): 30 patients, 6 psychiatrists, 5 diagnoses. Copied from
     * the statsmodels test suite (statsmodels/stats/tests/test_inter_rater.py).
     */
    static final int[][] DIAGNOSES = {
        {4, 4, 4, 4, 4, 4}, {2, 2, 2, 5, 5, 5}, {2, 3, 3, 3, 3, 5}, {5, 5, 5, 5, 5, 5}, {2, 2, 2, 4, 4, 4},
        {1, 1, 3, 3, 3, 3}, {3, 3, 3, 3, 5, 5}, {1, 1, 3, 3, 3, 4}, {1, 1, 4, 4, 4, 4}, {5, 5, 5, 5, 5, 5},
        {1, 4, 4, 4, 4, 4}, {1, 2, 4, 4, 4, 4}, {2, 2, 2, 3, 3, 3}, {1, 4, 4, 4, 4, 4}, {2, 2, 4, 4, 4, 5},
        {3, 3, 3, 3, 3, 5}, {1, 1, 1, 4, 5, 5}, {1, 1, 1, 1, 1, 2}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 5, 5, 5},
        {5, 5, 5, 5, 5, 5}, {2, 4, 4, 4, 4, 4}, {2, 2, 4, 5, 5, 5}, {1, 1, 4, 4, 4, 4}, {1, 4, 4, 4, 4, 5},
        {2, 2, 2, 2, 2, 4}, {1, 1, 1, 1, 5, 5}, {2, 2, 4, 4, 4, 4}, {1, 3, 3, 3, 3, 3}, {5, 5, 5, 5, 5, 5}
    };

    /** Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, counts per category 1..5; κ = 0.210. */
    static final int[][] WIKIPEDIA_COUNTS = {
        {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
        {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}
    };

    static List<List<String>> rows(int[][] ratings) {
        List<List<String>> units = new ArrayList<>();
        for (int[] row : ratings) {
            List<String> unit = new ArrayList<>();
            for (int r : row) {
                unit.add(Integer.toString(r));
            }
            units.add(unit);
        }
        return units;
    }

    @Test
    void shouldMatchIrrKappamFleissWhenDiagnosesData() {
        FleissKappa.Result result = FleissKappa.compute(rows(DIAGNOSES));
        // irr::kappam.fleiss(diagnoses): Kappa = 0.4302445, z = 17.65183 (as recorded in statsmodels' tests)
        assertThat(result.kappa()).isCloseTo(0.4302445, within(1e-7));
        assertThat(result.z()).isCloseTo(17.65183, within(1e-5));
        assertThat(result.standardErrorH0()).isCloseTo(0.4302445 / 17.65183, within(1e-7));
        assertThat(result.units()).isEqualTo(30);
        assertThat(result.raters()).isEqualTo(6);
    }

    @Test
    void shouldMatchIrrCategoryKappasWhenDiagnosesData() {
        FleissKappa.Result result = FleissKappa.compute(rows(DIAGNOSES));
        // irr::kappam.fleiss(diagnoses, detail = TRUE), printed to three decimals:
        // Depression 0.245, Personality Disorder 0.245, Schizophrenia 0.520, Neurosis 0.471, Other 0.566
        assertThat(result.perCategory().get("1").kappa()).isCloseTo(0.245, within(0.0005));
        assertThat(result.perCategory().get("2").kappa()).isCloseTo(0.245, within(0.0005));
        assertThat(result.perCategory().get("3").kappa()).isCloseTo(0.520, within(0.0005));
        assertThat(result.perCategory().get("4").kappa()).isCloseTo(0.471, within(0.0005));
        assertThat(result.perCategory().get("5").kappa()).isCloseTo(0.566, within(0.0005));
        // Fleiss, Levin & Paik (2003) 18.1: se0(κ_j) = √(2/(Nn(n−1)))
        assertThat(result.perCategory().get("3").standardErrorH0())
                .isCloseTo(Math.sqrt(2.0 / (30 * 6 * 5)), within(1e-12));
    }

    @Test
    void shouldEqualWeightedMeanOfCategoryKappasWhenWeightedByPq() {
        // Fleiss (1971): κ = Σ p_j q_j κ_j / Σ p_j q_j
        FleissKappa.Result result = FleissKappa.compute(rows(DIAGNOSES));
        int[] totals = {26, 26, 30, 55, 43}; // column sums of the diagnoses table (statsmodels test_aggregate_raters)
        double num = 0;
        double den = 0;
        for (int j = 0; j < 5; j++) {
            double p = totals[j] / 180.0;
            num += p
                    * (1 - p)
                    * result.perCategory().get(Integer.toString(j + 1)).kappa();
            den += p * (1 - p);
        }
        assertThat(num / den).isCloseTo(result.kappa(), within(1e-12));
    }

    @Test
    void shouldMatchWikipediaFleissExampleWhenGivenCounts() {
        List<List<String>> units = new ArrayList<>();
        for (int[] counts : WIKIPEDIA_COUNTS) {
            List<String> unit = new ArrayList<>();
            for (int c = 0; c < counts.length; c++) {
                for (int i = 0; i < counts[c]; i++) {
                    unit.add("c" + (c + 1));
                }
            }
            units.add(unit);
        }
        // published to three decimals
        assertThat(FleissKappa.compute(units).kappa()).isCloseTo(0.210, within(0.0005));
    }

    @Test
    void shouldNameTheUnitWhenRaterCountsDiffer() {
        List<List<String>> units = rows(DIAGNOSES);
        units.set(4, units.get(4).subList(0, 5));
        assertThatThrownBy(() -> FleissKappa.compute(units))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit #5 has 5")
                .hasMessageContaining("unit #1 has 6");
    }

    @Test
    void shouldBeNaNWhenEveryoneUsesOneCategory() {
        FleissKappa.Result result = FleissKappa.compute(List.of(List.of("a", "a"), List.of("a", "a")));
        assertThat(result.kappa()).isNaN();
    }

    /** SAS PROC FREQ AGREE output for the 3×3 table below, recorded in statsmodels' test_inter_rater.py. */
    static final long[][] SAS_TABLE = {{0, 4, 1}, {0, 8, 0}, {0, 1, 5}};

    @Test
    void shouldMatchSasSimpleKappaWithStandardErrorsAndInterval() {
        CohenKappa.Result result = CohenKappa.compute(SAS_TABLE, CohenKappa.Weights.NONE);
        // SAS prints four decimals: tolerance 5e-5
        assertThat(result.kappa()).isCloseTo(0.4842, within(5e-5));
        assertThat(result.standardError()).isCloseTo(0.1380, within(5e-5));
        assertThat(result.lower95()).isCloseTo(0.2137, within(5e-5));
        assertThat(result.upper95()).isCloseTo(0.7547, within(5e-5));
        assertThat(result.standardErrorH0()).isCloseTo(0.1484, within(5e-5));
        assertThat(result.z()).isCloseTo(3.2626, within(5e-5));
        assertThat(result.pValue()).isCloseTo(0.0011, within(5e-5));
    }

    @Test
    void shouldMatchSasWeightedKappaWhenLinearWeights() {
        // SAS's default weights (Cicchetti–Allison) are the linear weights 1 − |i − j|/(k − 1)
        CohenKappa.Result result = CohenKappa.compute(SAS_TABLE, CohenKappa.Weights.LINEAR);
        assertThat(result.kappa()).isCloseTo(0.4701, within(5e-5));
        assertThat(result.standardError()).isCloseTo(0.1457, within(5e-5));
        assertThat(result.lower95()).isCloseTo(0.1845, within(5e-5));
        assertThat(result.upper95()).isCloseTo(0.7558, within(5e-5));
        assertThat(result.standardErrorH0()).isCloseTo(0.1426, within(5e-5));
        assertThat(result.z()).isCloseTo(3.2971, within(5e-5));
    }

    /** R irr data set {@code anxiety}, raters 2 and 3 (20 subjects), from statsmodels' test_inter_rater.py. Category 5 does not occur; irr drops it from the weights and so do we. */
    static final int[] ANXIETY_RATER2 = {3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4};

    static final int[] ANXIETY_RATER3 = {2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2};

    @Test
    void shouldMatchIrrKappa2WhenAnxietyRaters2And3() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < ANXIETY_RATER2.length; i++) {
            a.add(Integer.toString(ANXIETY_RATER2[i]));
            b.add(Integer.toString(ANXIETY_RATER3[i]));
        }
        // irr::kappa2(anxiety[,2:3]) etc.; z uses the standard error under H0
        CohenKappa.Result none = CohenKappa.compute(a, b, CohenKappa.Weights.NONE);
        assertThat(none.kappa()).isCloseTo(-0.006289308, within(1e-9));
        assertThat(none.z()).isCloseTo(-0.0604067, within(1e-6));
        CohenKappa.Result linear = CohenKappa.compute(a, b, CohenKappa.Weights.LINEAR);
        assertThat(linear.kappa()).isCloseTo(0.1459075, within(1e-7));
        assertThat(linear.z()).isCloseTo(1.282472, within(1e-5));
        CohenKappa.Result quadratic = CohenKappa.compute(a, b, CohenKappa.Weights.QUADRATIC);
        assertThat(quadratic.kappa()).isCloseTo(0.2520325, within(1e-7));
        assertThat(quadratic.z()).isCloseTo(1.437451, within(1e-5));
        assertThat(quadratic.categories()).containsExactly("1", "2", "3", "4", "6");
    }

    @Test
    void shouldBeOneWhenRatersAgreeOnEveryUnit() {
        CohenKappa.Result result =
                CohenKappa.compute(List.of("a", "b", "a", "c"), List.of("a", "b", "a", "c"), CohenKappa.Weights.NONE);
        assertThat(result.kappa()).isEqualTo(1.0);
        assertThat(result.standardError()).isCloseTo(0, within(1e-12));
    }

    @Test
    void shouldRejectRaterListsOfDifferentLength() {
        assertThatThrownBy(() -> CohenKappa.compute(List.of("a"), List.of("a", "b"), CohenKappa.Weights.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("differ in length");
    }
}
