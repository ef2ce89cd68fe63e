package io.labelwatch.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AttributionTest {

    private static final double P0 = 0.05;

    /** Builds the four breakdowns of a window from per-review-group rows. */
    private static final class Window {
        private final Map<Dimension, Breakdown> dims = new EnumMap<>(Dimension.class);

        Window() {
            for (Dimension d : Dimension.values()) {
                dims.put(d, new Breakdown());
            }
        }

        Window add(String annotator, String vendor, String guideline, String tool, long n, long d) {
            dims.get(Dimension.ANNOTATOR).add(annotator, n, d);
            dims.get(Dimension.VENDOR).add(vendor, n, d);
            dims.get(Dimension.GUIDELINE_VERSION).add(guideline, n, d);
            dims.get(Dimension.TOOL_VERSION).add(tool, n, d);
            return this;
        }

        Map<Dimension, Breakdown> get() {
            return dims;
        }
    }

    private static String ann(int i) {
        return String.format(java.util.Locale.ROOT, "a%02d", i);
    }

    @Test
    void shouldBeLocalizedNamingRogueAnnotatorsWhenTwoOfTwentyRunAtThirtyPercent() {
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            boolean rogue = i == 3 || i == 11;
            w.add(ann(i), i % 2 == 0 ? "acme" : "globex", "v1", "t1", 200, rogue ? 60 : 10);
        }

        AttributionResult r = Attribution.attribute(w.get(), P0, AttributionConfig.defaults());

        assertThat(r.cause()).isEqualTo(Cause.LOCALIZED);
        assertThat(r.topContributors()).extracting(Contributor::value).containsExactlyInAnyOrder("a03", "a11");
        assertThat(r.topContributors()).allSatisfy(c -> {
            assertThat(c.dimension()).isEqualTo(Dimension.ANNOTATOR);
            assertThat(c.excess()).isCloseTo(50.0, within(1e-9));
            assertThat(c.share()).isCloseTo(0.5, within(1e-9));
        });
        assertThat(r.excess()).isCloseTo(100.0, within(1e-9));
        assertThat(r.pValue(Dimension.ANNOTATOR)).isLessThan(1e-10);
        assertThat(r.pValue(Dimension.GUIDELINE_VERSION)).isNaN();
        assertThat(r.reason()).contains("LOCALIZED", "a03", "a11", "100.0%");
    }

    @Test
    void shouldBeSystemicWhenEveryAnnotatorShiftsFromFiveToTwelvePercent() {
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            w.add(ann(i), i % 2 == 0 ? "acme" : "globex", "v1", "t1", 200, 24);
        }

        AttributionResult r = Attribution.attribute(w.get(), P0, AttributionConfig.defaults());

        assertThat(r.cause()).isEqualTo(Cause.SYSTEMIC);
        assertThat(r.excessPValue()).isLessThan(1e-10);
        assertThat(r.pValue(Dimension.ANNOTATOR)).isCloseTo(1.0, within(1e-9));
        assertThat(r.dimensions().get(Dimension.ANNOTATOR).topShare(3)).isCloseTo(0.15, within(1e-9));
        assertThat(r.reason()).startsWith("SYSTEMIC: excess spread across annotators");
    }

    @Test
    void shouldBeSystemicNamingVersionWhenExcessAlignsWithGuidelineV2() {
        // Half the annotators work on v2 at 15%, the other half on v1 at the 5% baseline; vendors mixed.
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            boolean v2 = i < 10;
            w.add(ann(i), i % 2 == 0 ? "acme" : "globex", v2 ? "v2" : "v1", "t1", 200, v2 ? 30 : 10);
        }

        AttributionResult r = Attribution.attribute(w.get(), P0, AttributionConfig.defaults());

        assertThat(r.cause()).isEqualTo(Cause.SYSTEMIC);
        assertThat(r.topContributors()).singleElement().satisfies(c -> {
            assertThat(c.dimension()).isEqualTo(Dimension.GUIDELINE_VERSION);
            assertThat(c.value()).isEqualTo("v2");
            assertThat(c.share()).isCloseTo(1.0, within(1e-9));
        });
        assertThat(r.pValue(Dimension.ANNOTATOR)).isLessThan(0.01);
        assertThat(r.pValue(Dimension.VENDOR)).isGreaterThan(0.01);
        assertThat(r.reason()).contains("guideline_version v2");
    }

    @Test
    void shouldBeSystemicNamingVersionWhenEveryAnnotatorShiftsOnGuidelineV2() {
        // Every annotator labels under both versions; only v2 reviews are worse.
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            w.add(ann(i), "acme", "v1", "t1", 100, 5);
            w.add(ann(i), "acme", "v2", "t1", 100, 15);
        }

        AttributionResult r = Attribution.attribute(w.get(), P0, AttributionConfig.defaults());

        assertThat(r.cause()).isEqualTo(Cause.SYSTEMIC);
        assertThat(r.topContributors()).extracting(Contributor::value).containsExactly("v2");
    }

    @Test
    void shouldBeLocalizedNamingVendorWhenOneOfThreeVendorsCarriesExcess() {
        Window w = new Window();
        String[] vendors = {"acme", "globex", "initech"};
        for (int i = 0; i < 30; i++) {
            String vendor = vendors[i % 3];
            w.add(ann(i), vendor, "v1", "t1", 200, vendor.equals("initech") ? 40 : 10);
        }

        AttributionResult r = Attribution.attribute(w.get(), P0, AttributionConfig.defaults());

        assertThat(r.cause()).isEqualTo(Cause.LOCALIZED);
        assertThat(r.topContributors()).singleElement().satisfies(c -> {
            assertThat(c.dimension()).isEqualTo(Dimension.VENDOR);
            assertThat(c.value()).isEqualTo("initech");
        });
        assertThat(r.reason()).contains("vendor initech");
    }

    @Test
    void shouldBeUndeterminedWhenWindowIsAtBaseline() {
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            w.add(ann(i), "acme", "v1", "t1", 200, i % 2 == 0 ? 8 : 12);
        }

        AttributionResult r = Attribution.attribute(w.get(), P0, AttributionConfig.defaults());

        assertThat(r.cause()).isEqualTo(Cause.UNDETERMINED);
        assertThat(r.excess()).isCloseTo(0.0, within(1e-9));
        assertThat(r.reason()).startsWith("no significant excess");
    }

    @Test
    void shouldRarelyAttributeWhenWindowsArePureBinomialNoise() {
        Random rnd = new Random(20240611);
        int attributed = 0;
        int windows = 200;
        for (int k = 0; k < windows; k++) {
            Window w = new Window();
            for (int i = 0; i < 20; i++) {
                int n = 50 + rnd.nextInt(300);
                int d = 0;
                for (int j = 0; j < n; j++) {
                    d += rnd.nextDouble() < P0 ? 1 : 0;
                }
                w.add(ann(i), i % 2 == 0 ? "acme" : "globex", i % 3 == 0 ? "v1" : "v2", "t1", n, d);
            }
            if (Attribution.attribute(w.get(), P0).cause() != Cause.UNDETERMINED) {
                attributed++;
            }
        }
        // The excess gate alone has a false-positive rate <= alpha = 1%; allow sampling error.
        assertThat(attributed).isLessThanOrEqualTo(6);
    }

    @Test
    void shouldBeUndeterminedWhenExcessNeitherConcentratedNorSpread() {
        // Six of twenty annotators at 20% (top 3 carry 50% of the excess), the rest slightly below
        // baseline, so 30% of reviews come from annotators above baseline.
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            w.add(ann(i), "acme", "v1", "t1", 200, i < 6 ? 40 : 9);
        }

        AttributionResult r = Attribution.attribute(w.get(), P0, AttributionConfig.defaults());

        assertThat(r.cause()).isEqualTo(Cause.UNDETERMINED);
        assertThat(r.reason()).startsWith("UNDETERMINED: neither concentrated nor spread");
        assertThat(r.topContributors()).hasSize(3);
    }

    @Test
    void shouldComputeExcessPValueAsBinomialUpperTail() {
        // P(X >= 3 | n = 10, p = 0.05) = 1 - P(X <= 2) = 0.0115035574 (scipy.stats.binom.sf(2, 10, 0.05), R
        // 1 - pbinom(2, 10, 0.05)).
        assertThat(Attribution.excessPValue(10, 3, 0.05)).isCloseTo(0.0115035574, within(1e-9));
        assertThat(Attribution.excessPValue(10, 0, 0.05)).isEqualTo(1.0);
        assertThat(Attribution.excessPValue(0, 0, 0.05)).isNaN();
    }

    @Test
    void shouldUseConfiguredThresholdsWhenStricterThanDefaults() {
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            boolean rogue = i == 3 || i == 11;
            w.add(ann(i), "acme", "v1", "t1", 200, rogue ? 60 : (i % 2 == 0 ? 12 : 10));
        }
        AttributionConfig onlyOne = new AttributionConfig(0.01, 5, 1, 0.2, 0.6, 0.8, 0.8, 0.5, 0.5);

        assertThat(Attribution.attribute(w.get(), P0).cause()).isEqualTo(Cause.LOCALIZED);
        assertThat(Attribution.attribute(w.get(), P0, onlyOne).cause()).isNotEqualTo(Cause.LOCALIZED);
    }

    @Test
    void shouldRejectBaselineWhenOutsideUnitInterval() {
        Map<Dimension, Breakdown> w = Map.of(Dimension.ANNOTATOR, new Breakdown().add("a", 1, 0));

        assertThatThrownBy(() -> Attribution.attribute(w, 0.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attribution.attribute(w, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AttributionConfig(0.0, 5, 3, 0.2, 0.6, 0.8, 0.8, 0.5, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAllowFewerTopAnnotatorsWhenTeamIsSmall() {
        AttributionConfig cfg = AttributionConfig.defaults();

        assertThat(cfg.localizedAllowance(20)).isEqualTo(3);
        assertThat(cfg.localizedAllowance(10)).isEqualTo(2);
        assertThat(cfg.localizedAllowance(3)).isEqualTo(1);
    }

    /**
     * The version mix of the baseline: {@value VersionMix#ESTABLISHED_AFTER} in-control windows of 20 annotators on
     * guideline v1 and tool t1, so both are established.
     */
    private static VersionMix baselineOnV1() {
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            w.add(ann(i), i % 2 == 0 ? "acme" : "globex", "v1", "t1", 200, 10);
        }
        VersionMix mix = new VersionMix();
        for (int k = 0; k < VersionMix.ESTABLISHED_AFTER; k++) {
            mix.record(w.get());
        }
        return mix;
    }

    @Test
    void shouldNameTheNewVendorWhenATeamOnboardedSinceTheBaselineCarriesTheExcessOfASmallChart() {
        // A rare class: acme and globex review 20 labels each at the baseline rate (1 defect each), the new team
        // newco 12 labels with 8 defects over four annotators. 10 defects in 52 against 2.6 expected is an excess
        // (p < 0.001), but the expected counts are too small for a vendor chi-square, and no single newco annotator
        // (3 labels, 2 defects: p = 0.007) is significant after Bonferroni over 6 annotators (0.01 / 6).
        Window w = new Window();
        w.add("acme/a01", "acme", "v1", "t1", 20, 1);
        w.add("globex/a01", "globex", "v1", "t1", 20, 1);
        for (int i = 1; i <= 4; i++) {
            w.add("newco/a0" + i, "newco", "v1", "t1", 3, 2);
        }
        VersionMix baseline = new VersionMix();
        Window before =
                new Window().add("acme/a01", "acme", "v1", "t1", 20, 1).add("globex/a01", "globex", "v1", "t1", 20, 1);
        for (int k = 0; k < VersionMix.ESTABLISHED_AFTER; k++) {
            baseline.record(before.get());
        }

        AttributionResult withBaseline = Attribution.attribute(w.get(), P0, baseline, AttributionConfig.defaults());
        AttributionResult withinWindowOnly = Attribution.attribute(w.get(), P0, AttributionConfig.defaults());

        assertThat(withBaseline.cause()).isEqualTo(Cause.LOCALIZED);
        assertThat(withBaseline.finding()).isEqualTo("vendor newco, new since the baseline");
        assertThat(withBaseline.topContributors()).singleElement().satisfies(c -> {
            assertThat(c.dimension()).isEqualTo(Dimension.VENDOR);
            assertThat(c.value()).isEqualTo("newco");
            assertThat(c.n()).isEqualTo(12);
            assertThat(c.d()).isEqualTo(8);
        });
        assertThat(withinWindowOnly.cause())
                .as("without the baseline the window alone cannot tell")
                .isNotEqualTo(Cause.LOCALIZED);
    }

    @Test
    void shouldNameTheNewGuidelineVersionWhenAFullRollOutMovesEveryone() {
        // Every review of the window is on v2, which the baseline never saw: 4000 reviews, 400 defects (10%) against
        // p0 = 5%, so the excess is 400 - 4000 * 0.05 = 200, all of it on v2.
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            w.add(ann(i), i % 2 == 0 ? "acme" : "globex", "v2", "t1", 200, 20);
        }

        AttributionResult withBaseline =
                Attribution.attribute(w.get(), P0, baselineOnV1(), AttributionConfig.defaults());
        AttributionResult withinWindowOnly = Attribution.attribute(w.get(), P0, AttributionConfig.defaults());

        assertThat(withBaseline.cause()).isEqualTo(Cause.SYSTEMIC);
        assertThat(withBaseline.topContributors()).singleElement().satisfies(c -> {
            assertThat(c.dimension()).isEqualTo(Dimension.GUIDELINE_VERSION);
            assertThat(c.value()).isEqualTo("v2");
            assertThat(c.n()).isEqualTo(4000);
            assertThat(c.d()).isEqualTo(400);
            assertThat(c.excess()).isCloseTo(200.0, within(1e-9));
            assertThat(c.share()).isCloseTo(1.0, within(1e-9));
        });
        assertThat(withBaseline.finding()).isEqualTo("lines up with guideline_version v2, new since the baseline");
        assertThat(withBaseline.reason())
                .startsWith("SYSTEMIC: lines up with guideline_version v2, new since the baseline");
        assertThat(withinWindowOnly.cause()).isEqualTo(Cause.SYSTEMIC);
        assertThat(withinWindowOnly.finding()).isNull();
        assertThat(withinWindowOnly.topContributors()).allMatch(c -> c.dimension() == Dimension.ANNOTATOR);
    }

    @Test
    void shouldNameTheNewToolVersionWhenHalfTheAnnotatorsMoveToItAndErrMore() {
        // Odd annotators (both vendors) on the new t2 at 20%, even ones on t1 at the 5% baseline; guideline unchanged.
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            boolean t2 = i % 2 == 1;
            w.add(ann(i), i % 4 < 2 ? "acme" : "globex", "v1", t2 ? "t2" : "t1", 200, t2 ? 40 : 10);
        }

        AttributionResult r = Attribution.attribute(w.get(), P0, baselineOnV1(), AttributionConfig.defaults());

        assertThat(r.cause()).isEqualTo(Cause.SYSTEMIC);
        assertThat(r.topContributors()).singleElement().satisfies(c -> {
            assertThat(c.dimension()).isEqualTo(Dimension.TOOL_VERSION);
            assertThat(c.value()).isEqualTo("t2");
            assertThat(c.n()).isEqualTo(2000);
            assertThat(c.d()).isEqualTo(400);
            assertThat(c.excess()).isCloseTo(300.0, within(1e-9));
        });
        assertThat(r.finding()).isEqualTo("lines up with tool_version t2, new since the baseline");
    }

    @Test
    void shouldStayLocalizedWhenTwoAnnotatorsCarryTheExcessOfANewGuidelineVersion() {
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            boolean rogue = i == 3 || i == 11;
            w.add(ann(i), i % 2 == 0 ? "acme" : "globex", "v2", "t1", 200, rogue ? 60 : 10);
        }

        AttributionResult r = Attribution.attribute(w.get(), P0, baselineOnV1(), AttributionConfig.defaults());

        assertThat(r.cause()).isEqualTo(Cause.LOCALIZED);
        assertThat(r.topContributors()).extracting(Contributor::value).containsExactlyInAnyOrder("a03", "a11");
        assertThat(r.finding()).isNull();
    }

    @Test
    void shouldNotCallAVersionNewWhenTheBaselineHadIt() {
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            w.add(ann(i), i % 2 == 0 ? "acme" : "globex", "v1", "t1", 200, 20);
        }

        AttributionResult r = Attribution.attribute(w.get(), P0, baselineOnV1(), AttributionConfig.defaults());

        assertThat(r.cause()).isEqualTo(Cause.SYSTEMIC);
        assertThat(r.reason()).startsWith("SYSTEMIC: excess spread across annotators");
        assertThat(r.finding()).isNull();
    }

    @Test
    void shouldNotNameANewVersionWhenItCarriesOnlyAFewOfTheReviews() {
        // v2 is new but only 2 of 20 annotators use it; the spread excess is everyone's, not v2's.
        Window w = new Window();
        for (int i = 0; i < 20; i++) {
            w.add(ann(i), i % 2 == 0 ? "acme" : "globex", i < 2 ? "v2" : "v1", "t1", 200, 20);
        }

        AttributionResult r = Attribution.attribute(w.get(), P0, baselineOnV1(), AttributionConfig.defaults());

        assertThat(r.finding()).isNull();
        assertThat(r.topContributors()).noneMatch(c -> c.dimension() == Dimension.GUIDELINE_VERSION);
    }
}
