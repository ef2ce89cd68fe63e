package io.labelwatch.agreement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CoincidenceMatrixTest {

    /**
     * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the 4 observers × 12 units example with
     * missing data (columns are units; null = missing). Published: nominal 0.743, ordinal 0.815, interval 0.849, ratio
     * 0.797 (three decimals). The same matrix is in the doctests of the Python package {@code krippendorff}
     * (pln-fing-udelar/fast-krippendorff): ordinal 0.815, ratio 0.797.
     */
    static final String[][] KRIPPENDORFF_2011 = {
        {"1", "2", "3", "3", "2", "1", "4", "1", "2", null, null, null},
        {"1", "2", "3", "3", "2", "2", "4", "1", "2", "5", null, "3"},
        {null, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", null},
        {"1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", null}
    };

    /**
     * Wikipedia, "Krippendorff's alpha", a computational example (3 coders × 15 units, missing data); the Python
     * package {@code krippendorff} tests it to six decimals: nominal 0.691358, interval 0.810845.
     */
    static final String[][] WIKIPEDIA = {
        {null, null, null, null, null, "3", "4", "1", "2", "1", "1", "3", "3", null, "3"},
        {"1", null, "2", "1", "3", "3", "4", "3", null, null, null, null, null, null, null},
        {null, null, "2", "1", "3", "4", "4", null, "2", "1", "1", "3", "3", null, "4"}
    };

    static List<List<String>> units(String[][] coderByUnit) {
        List<List<String>> units = new ArrayList<>();
        for (int u = 0; u < coderByUnit[0].length; u++) {
            List<String> unit = new ArrayList<>();
            for (String[] coder : coderByUnit) {
                unit.add(coder[u]);
            }
            units.add(unit);
        }
        return units;
    }

    @Test
    void shouldMatchKrippendorff2011AtAllFourLevelsWhenDataHaveMissingValues() {
        CoincidenceMatrix matrix = CoincidenceMatrix.of(units(KRIPPENDORFF_2011));
        // published to three decimals: tolerance half a unit in the third decimal
        assertThat(matrix.alpha(Level.NOMINAL).alpha()).isCloseTo(0.743, within(0.0005));
        assertThat(matrix.alpha(Level.ORDINAL).alpha()).isCloseTo(0.815, within(0.0005));
        assertThat(matrix.alpha(Level.INTERVAL).alpha()).isCloseTo(0.849, within(0.0005));
        assertThat(matrix.alpha(Level.RATIO).alpha()).isCloseTo(0.797, within(0.0005));
    }

    @Test
    void shouldReportKrippendorff2011CountsWhenUnitWithOneValueIsNotPairable() {
        AlphaResult result = CoincidenceMatrix.of(units(KRIPPENDORFF_2011)).alpha(Level.NOMINAL);
        // Krippendorff (2011): n = 40 pairable values; unit 12 holds a single value and is dropped
        assertThat(result.pairableValues()).isEqualTo(40);
        assertThat(result.pairableUnits()).isEqualTo(11);
        assertThat(result.alpha())
                .isCloseTo(1 - result.observedDisagreement() / result.expectedDisagreement(), within(1e-12));
    }

    @Test
    void shouldMatchKrippendorff2011CoincidencesWhenInspected() {
        CoincidenceMatrix matrix = CoincidenceMatrix.of(units(KRIPPENDORFF_2011));
        // Krippendorff (2011) coincidence matrix: o_11 = 7, o_12 = 4/3, o_22 = 10, o_33 = 8, n_1 = 9, n_3 = 10
        assertThat(matrix.coincidence("1", "1")).isCloseTo(7, within(1e-12));
        assertThat(matrix.coincidence("1", "2")).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(matrix.coincidence("2", "2")).isCloseTo(10, within(1e-12));
        assertThat(matrix.coincidence("3", "3")).isCloseTo(8, within(1e-12));
        assertThat(matrix.valueCount("1")).isEqualTo(9);
        assertThat(matrix.valueCount("3")).isEqualTo(10);
    }

    @Test
    void shouldMatchWikipediaExampleToSixDecimalsWhenNominalAndInterval() {
        CoincidenceMatrix matrix = CoincidenceMatrix.of(units(WIKIPEDIA));
        // krippendorff package doctest rounds to six decimals
        assertThat(matrix.alpha(Level.NOMINAL).alpha()).isCloseTo(0.691358, within(5e-7));
        assertThat(matrix.alpha(Level.INTERVAL).alpha()).isCloseTo(0.810845, within(5e-7));
    }

    @Test
    void shouldRankOrdinalLabelsByComparatorWhenLabelsAreWords() {
        List<String> scale = List.of("very low", "low", "mid", "high", "very high");
        String[][] words = new String[KRIPPENDORFF_2011.length][];
        for (int c = 0; c < words.length; c++) {
            words[c] = Arrays.stream(KRIPPENDORFF_2011[c])
                    .map(v -> v == null ? null : scale.get(Integer.parseInt(v) - 1))
                    .toArray(String[]::new);
        }
        double alpha = CoincidenceMatrix.of(units(words))
                .alpha(Level.ORDINAL, Comparator.comparingInt(scale::indexOf))
                .alpha();
        assertThat(alpha).isCloseTo(0.815, within(0.0005));
    }

    @Test
    void shouldRejectNonNumericValueWhenLevelIsInterval() {
        CoincidenceMatrix matrix = CoincidenceMatrix.of(List.of(List.of("car", "bus")));
        assertThatThrownBy(() -> matrix.alpha(Level.INTERVAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bus'");
    }

    @Test
    void shouldBeNaNWhenMatrixIsEmptyOrHasNoVariation() {
        assertThat(new CoincidenceMatrix().alpha(Level.NOMINAL).alpha()).isNaN();
        CoincidenceMatrix single = CoincidenceMatrix.of(List.of(List.of("a"), Arrays.asList("b", null)));
        assertThat(single.isEmpty()).isTrue();
        CoincidenceMatrix constant = CoincidenceMatrix.of(List.of(List.of("a", "a"), List.of("a", "a", "a")));
        assertThat(constant.alpha(Level.NOMINAL).alpha()).isNaN();
        assertThat(constant.alpha(Level.NOMINAL).observedDisagreement()).isZero();
    }

    @Test
    void shouldBeOneWhenAllAnnotatorsAgree() {
        CoincidenceMatrix matrix = CoincidenceMatrix.of(List.of(List.of("a", "a"), List.of("b", "b", "b")));
        assertThat(matrix.alpha(Level.NOMINAL).alpha()).isEqualTo(1.0);
    }

    // ---- property tests (seeded random data; every seed is a case) ----

    static List<List<String>> randomUnits(SplittableRandom random, int units, int coders, int categories) {
        List<List<String>> out = new ArrayList<>();
        for (int u = 0; u < units; u++) {
            List<String> unit = new ArrayList<>();
            int truth = random.nextInt(categories);
            for (int c = 0; c < coders; c++) {
                double r = random.nextDouble();
                if (r < 0.2) {
                    unit.add(null);
                } else if (r < 0.7) {
                    unit.add(Integer.toString(truth + 1));
                } else {
                    unit.add(Integer.toString(random.nextInt(categories) + 1));
                }
            }
            out.add(unit);
        }
        return out;
    }

    @Test
    void shouldGiveExactlyTheUnionAlphaWhenWindowMatricesAreMergedInAnyOrder() {
        for (long seed = 1; seed <= 25; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<List<String>> all = randomUnits(random, 200, 2 + random.nextInt(5), 2 + random.nextInt(8));
            List<CoincidenceMatrix> windows = new ArrayList<>();
            int from = 0;
            while (from < all.size()) {
                int to = Math.min(all.size(), from + 1 + random.nextInt(40));
                windows.add(CoincidenceMatrix.of(all.subList(from, to)));
                from = to;
            }
            Collections.shuffle(windows, new java.util.Random(seed));
            CoincidenceMatrix merged = new CoincidenceMatrix();
            windows.forEach(merged::merge);
            CoincidenceMatrix union = CoincidenceMatrix.of(all);
            assertThat(merged).isEqualTo(union);
            for (Level level : Level.values()) {
                // exact: bit-for-bit equal, not merely close
                assertThat(merged.alpha(level))
                        .as("seed %d level %s", seed, level)
                        .isEqualTo(union.alpha(level));
            }
        }
    }

    @Test
    void shouldRestoreEarlierRangeExactlyWhenWindowIsSubtracted() {
        SplittableRandom random = new SplittableRandom(7);
        List<List<String>> first = randomUnits(random, 80, 3, 5);
        List<List<String>> second = randomUnits(random, 80, 3, 5);
        CoincidenceMatrix range = CoincidenceMatrix.of(first).merge(CoincidenceMatrix.of(second));
        range.subtract(CoincidenceMatrix.of(first));
        assertThat(range).isEqualTo(CoincidenceMatrix.of(second));
        assertThat(range.alpha(Level.ORDINAL))
                .isEqualTo(CoincidenceMatrix.of(second).alpha(Level.ORDINAL));
    }

    @Test
    void shouldRefuseToSubtractPairsThatWereNeverAdded() {
        CoincidenceMatrix matrix = CoincidenceMatrix.of(List.of(List.of("a", "b")));
        CoincidenceMatrix before = CoincidenceMatrix.copyOf(matrix);
        assertThatThrownBy(() -> matrix.subtract(CoincidenceMatrix.of(List.of(List.of("a", "c")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(matrix).isEqualTo(before);
    }

    @Test
    void shouldNotChangeAlphaWhenAnnotatorsOrUnitsAreReordered() {
        for (long seed = 1; seed <= 25; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<List<String>> units = randomUnits(random, 120, 4, 6);
            List<List<String>> shuffled = new ArrayList<>();
            for (List<String> unit : units) {
                List<String> relabelled = new ArrayList<>(unit);
                Collections.shuffle(relabelled, new java.util.Random(seed * 31 + shuffled.size()));
                shuffled.add(relabelled);
            }
            Collections.shuffle(shuffled, new java.util.Random(seed));
            for (Level level : Level.values()) {
                assertThat(CoincidenceMatrix.of(shuffled).alpha(level))
                        .as("seed %d level %s", seed, level)
                        .isEqualTo(CoincidenceMatrix.of(units).alpha(level));
            }
        }
    }

    @Test
    void shouldNotChangeNominalAlphaWhenCategoriesAreRenamed() {
        for (long seed = 1; seed <= 25; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<List<String>> units = randomUnits(random, 120, 3, 7);
            Map<String, String> rename = new HashMap<>();
            List<String> names = new ArrayList<>(List.of("zebra", "ant", "moth", "cat", "dog", "eel", "yak"));
            Collections.shuffle(names, new java.util.Random(seed));
            for (int c = 1; c <= 7; c++) {
                rename.put(Integer.toString(c), names.get(c - 1));
            }
            List<List<String>> renamed = new ArrayList<>();
            for (List<String> unit : units) {
                renamed.add(
                        unit.stream().map(v -> v == null ? null : rename.get(v)).toList());
            }
            assertThat(CoincidenceMatrix.of(renamed).alpha(Level.NOMINAL).alpha())
                    .as("seed %d", seed)
                    .isCloseTo(CoincidenceMatrix.of(units).alpha(Level.NOMINAL).alpha(), within(1e-12));
        }
    }

    @Test
    void shouldRoundTripThroughBytesWhenSerialised() {
        CoincidenceMatrix matrix = CoincidenceMatrix.of(units(KRIPPENDORFF_2011));
        byte[] bytes = matrix.toBytes();
        assertThat(bytes[0]).isEqualTo(CoincidenceMatrix.FORMAT_VERSION);
        CoincidenceMatrix copy = CoincidenceMatrix.fromBytes(bytes);
        assertThat(copy).isEqualTo(matrix);
        assertThat(copy.alpha(Level.ORDINAL)).isEqualTo(matrix.alpha(Level.ORDINAL));
        assertThat(copy.toBytes()).isEqualTo(bytes);
        assertThat(CoincidenceMatrix.fromBytes(new CoincidenceMatrix().toBytes())
                        .isEmpty())
                .isTrue();
    }

    @Test
    void shouldRejectBytesWhenVersionIsUnknownOrDataTruncated() {
        byte[] bytes = CoincidenceMatrix.of(units(WIKIPEDIA)).toBytes();
        byte[] wrongVersion = bytes.clone();
        wrongVersion[0] = 9;
        assertThatThrownBy(() -> CoincidenceMatrix.fromBytes(wrongVersion))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
        assertThatThrownBy(() -> CoincidenceMatrix.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
