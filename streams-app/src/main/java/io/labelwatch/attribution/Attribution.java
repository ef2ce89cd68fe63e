package io.labelwatch.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.math3.special.Beta;

/**
 * Attributes a signalled window to a {@link Cause}: LOCALIZED (a few annotators or one vendor),
 * SYSTEMIC (a guideline or tool version, or everyone) or UNDETERMINED.
 *
 * <p>Evidence per dimension: a chi-square homogeneity test of the defect rate across its values
 * ({@link Homogeneity}, small values pooled to expected counts ≥ 5) and each value's excess defects
 * eᵢ = dᵢ − nᵢ·p₀ over the baseline p₀, with its share eᵢ / Σ max(0, eⱼ) of the positive excess.
 *
 * <p>Decision rule, first match wins (thresholds in {@link AttributionConfig}, defaults in brackets):
 *
 * <ol>
 *   <li>UNDETERMINED when there is no significant excess: the window's d is not above n·p₀ with a
 *       one-sided exact binomial p-value &lt; alpha [0.01]. There is nothing to attribute.
 *   <li>LOCALIZED (annotators) when the annotator test is significant (p &lt; alpha), or every carrier's exact
 *       binomial excess is significant at alpha / annotators (the chi-square pools small annotators away), and at most m
 *       annotators carry ≥ localizedShare [60%] of the positive excess, m = min(topK [3],
 *       max(1, ⌊topFraction [0.2] · annotators⌋)).
 *   <li>LOCALIZED (vendor) when the vendor test is significant, there are ≥ 2 vendors and one
 *       carries ≥ vendorShare [80%] of the positive excess; or when the vendor carrying ≥ vendorShare is <em>new since
 *       the baseline</em> (not established in the {@link VersionMix}, as versions below) and its own exact binomial
 *       excess is significant at alpha — a team onboarded since, whose excess one window's vendor test cannot see.
 *   <li>SYSTEMIC (version), guideline_version first, then tool_version, when one version carries ≥ versionShare
 *       [80%] of the positive excess and either its rate is high against the other versions in the window (the
 *       version test is significant) or it is <em>new since the baseline</em> — not yet established in the {@link
 *       VersionMix} of the chart's in-control windows (seen in fewer than {@value VersionMix#ESTABLISHED_AFTER} of
 *       them) — carries more than newVersionFraction [50%] of the window's reviews, and its
 *       own exact binomial excess is significant at alpha. The second case is the full roll-out: every review of the
 *       window is on the new version, so no test within the window can see it. The verdict names the version and
 *       says whether it is new ({@link AttributionResult#finding()}).
 *   <li>SYSTEMIC (spread) when there are ≥ 2 annotators, the top m carry &lt; localizedShare of the
 *       positive excess, and ≥ spreadFraction [50%] of the annotator reviews (weighted by n) come from
 *       annotators whose rate is above p₀.
 *   <li>UNDETERMINED otherwise.
 * </ol>
 *
 * Concentration is checked before versions: when a version is used by only the few annotators who
 * carry the excess, the marginal breakdowns cannot tell the two apart and the verdict names the
 * people, whom a reviewer can ask. The {@link Breakdown#OTHER} bucket counts in every total but is
 * never named as a carrier. Window totals (n, d) come from the first dimension present in {@link
 * Dimension} order.
 */
public final class Attribution {

    private Attribution() {}

    /**
     * Attributes one window.
     *
     * @param window breakdowns of the window's reviews by dimension; absent dimensions are skipped
     * @param baselineRate p₀ in (0, 1), the in-control defect rate
     * @param baseline the guideline/tool version mix of the chart's in-control windows; null or empty when unknown,
     *     and then no version counts as new
     * @param cfg thresholds
     * @throws IllegalArgumentException when p₀ is outside (0, 1) or NaN
     */
    public static AttributionResult attribute(
            Map<Dimension, Breakdown> window, double baselineRate, VersionMix baseline, AttributionConfig cfg) {
        if (!(baselineRate > 0 && baselineRate < 1)) {
            throw new IllegalArgumentException("baselineRate must be in (0,1), got " + baselineRate);
        }
        Map<Dimension, DimensionResult> dims = new EnumMap<>(Dimension.class);
        long n = 0;
        long d = 0;
        boolean totalsSet = false;
        for (Dimension dim : Dimension.values()) {
            Breakdown b = window.get(dim);
            if (b == null) {
                continue;
            }
            dims.put(dim, evaluate(dim, b, baselineRate, cfg.minExpected()));
            if (!totalsSet) {
                n = b.totalN();
                d = b.totalD();
                totalsSet = true;
            }
        }
        double excess = d - n * baselineRate;
        double pExcess = excessPValue(n, d, baselineRate);
        String head = String.format(
                Locale.ROOT,
                "%d defects in %d reviews (%s vs baseline %s, excess %.1f, p=%s)",
                d,
                n,
                pct(n == 0 ? Double.NaN : (double) d / n),
                pct(baselineRate),
                excess,
                p(pExcess));

        DimensionResult annotators = dims.get(Dimension.ANNOTATOR);
        int allowance = annotators == null ? cfg.topK() : cfg.localizedAllowance(annotators.namedValues());
        List<Contributor> topAnnotators = annotators == null ? List.of() : annotators.topNamed(allowance);

        if (!(pExcess < cfg.alpha())) {
            return new AttributionResult(
                    Cause.UNDETERMINED,
                    "no significant excess: " + head,
                    null,
                    baselineRate,
                    n,
                    d,
                    excess,
                    pExcess,
                    topAnnotators,
                    dims);
        }
        if (annotators != null) {
            List<Contributor> carriers = annotators.carriers(allowance, cfg.localizedShare());
            boolean chiSquare = annotators.test().significant(cfg.alpha());
            if (!carriers.isEmpty()
                    && (chiSquare || individuallySignificant(carriers, baselineRate, annotators, cfg))) {
                return new AttributionResult(
                        Cause.LOCALIZED,
                        String.format(
                                Locale.ROOT,
                                "LOCALIZED: %d of %d annotators (%s) carry %s of the excess; %s; %s",
                                carriers.size(),
                                annotators.namedValues(),
                                names(carriers),
                                pct(shareOf(carriers)),
                                chiSquare
                                        ? "annotator chi-square p=" + p(annotators.pValue())
                                        : "each carrier's exact binomial excess significant after Bonferroni over "
                                                + annotators.namedValues() + " annotators",
                                head),
                        null,
                        baselineRate,
                        n,
                        d,
                        excess,
                        pExcess,
                        carriers,
                        dims);
            }
        }
        DimensionResult vendors = dims.get(Dimension.VENDOR);
        if (vendors != null && vendors.namedValues() >= 2) {
            List<Contributor> carriers = vendors.carriers(1, cfg.vendorShare());
            Contributor c = carriers.isEmpty() ? null : carriers.get(0);
            boolean tested = vendors.test().significant(cfg.alpha());
            // A vendor that joined since the baseline: within one window of a small chart the vendor test lacks the
            // power to see it, but a newcomer carrying the excess with a significant excess of its own is the finding.
            double ownP = c == null ? Double.NaN : excessPValue(c.n(), c.d(), baselineRate);
            boolean newcomer = c != null && isNew(Dimension.VENDOR, c.value(), baseline) && ownP < cfg.alpha();
            if (c != null && (tested || newcomer)) {
                String reason = tested
                        ? String.format(
                                Locale.ROOT,
                                "LOCALIZED: vendor %s carries %s of the excess; vendor chi-square p=%s; %s",
                                c.value(),
                                pct(c.share()),
                                p(vendors.pValue()),
                                head)
                        : String.format(
                                Locale.ROOT,
                                "LOCALIZED: vendor %s, new since the baseline, carries %s of the excess; its own excess"
                                        + " p=%s; %s",
                                c.value(),
                                pct(c.share()),
                                p(ownP),
                                head);
                return new AttributionResult(
                        Cause.LOCALIZED,
                        reason,
                        tested ? null : "vendor " + c.value() + ", new since the baseline",
                        baselineRate,
                        n,
                        d,
                        excess,
                        pExcess,
                        carriers,
                        dims);
            }
        }
        for (Dimension version : VersionMix.DIMENSIONS) {
            DimensionResult r = dims.get(version);
            Contributor c = r == null ? null : versionCarrier(r, baselineRate, baseline, cfg);
            if (c != null) {
                boolean isNew = isNew(version, c.value(), baseline);
                String finding = "lines up with " + version.fieldName() + " " + c.value()
                        + (isNew ? ", new since the baseline" : "");
                return new AttributionResult(
                        Cause.SYSTEMIC,
                        String.format(
                                Locale.ROOT,
                                "SYSTEMIC: %s: %s of the window's reviews, rate %s, carries %s of the excess; %s"
                                        + " chi-square p=%s; %s",
                                finding,
                                pct((double) c.n()
                                        / r.contributors().stream()
                                                .mapToLong(Contributor::n)
                                                .sum()),
                                pct(c.rate()),
                                pct(c.share()),
                                version.fieldName(),
                                p(r.pValue()),
                                head),
                        finding,
                        baselineRate,
                        n,
                        d,
                        excess,
                        pExcess,
                        List.of(c),
                        dims);
            }
        }
        if (annotators != null && annotators.namedValues() >= 2) {
            double topShare = annotators.topShare(allowance);
            double above = reviewFractionAbove(annotators, baselineRate);
            String spread = String.format(
                    Locale.ROOT,
                    "top %d annotators carry %s of the excess (annotator chi-square p=%s); %s of reviews from annotators above baseline",
                    allowance,
                    pct(topShare),
                    p(annotators.pValue()),
                    pct(above));
            if (topShare < cfg.localizedShare() && above >= cfg.spreadFraction()) {
                return new AttributionResult(
                        Cause.SYSTEMIC,
                        "SYSTEMIC: excess spread across annotators: " + spread + "; " + head,
                        null,
                        baselineRate,
                        n,
                        d,
                        excess,
                        pExcess,
                        topAnnotators,
                        dims);
            }
            return new AttributionResult(
                    Cause.UNDETERMINED,
                    "UNDETERMINED: neither concentrated nor spread: " + spread + "; " + head,
                    null,
                    baselineRate,
                    n,
                    d,
                    excess,
                    pExcess,
                    topAnnotators,
                    dims);
        }
        return new AttributionResult(
                Cause.UNDETERMINED,
                "UNDETERMINED: no dimension explains the excess; " + head,
                null,
                baselineRate,
                n,
                d,
                excess,
                pExcess,
                topAnnotators,
                dims);
    }

    /** Attributes without a baseline version mix: no version counts as new. */
    public static AttributionResult attribute(
            Map<Dimension, Breakdown> window, double baselineRate, AttributionConfig cfg) {
        return attribute(window, baselineRate, null, cfg);
    }

    /** Attributes with {@link AttributionConfig#defaults()} and no baseline version mix. */
    public static AttributionResult attribute(Map<Dimension, Breakdown> window, double baselineRate) {
        return attribute(window, baselineRate, AttributionConfig.defaults());
    }

    /**
     * The version of one dimension the excess lines up with, or null: the top named version by excess, carrying at
     * least versionShare of the positive excess, whose rate is high against the other versions of the window (the
     * chi-square is significant), or which is new since the baseline, carries more than newVersionFraction of the
     * window's reviews and has an exact binomial excess of its own significant at alpha.
     */
    private static Contributor versionCarrier(
            DimensionResult r, double baselineRate, VersionMix baseline, AttributionConfig cfg) {
        List<Contributor> top = r.carriers(1, cfg.versionShare());
        if (top.isEmpty()) {
            return null;
        }
        Contributor c = top.get(0);
        if (r.test().significant(cfg.alpha())) {
            return c;
        }
        long reviews = r.contributors().stream().mapToLong(Contributor::n).sum();
        boolean mostly = reviews > 0 && (double) c.n() / reviews > cfg.newVersionFraction();
        boolean ownExcess = excessPValue(c.n(), c.d(), baselineRate) < cfg.alpha();
        return isNew(r.dimension(), c.value(), baseline) && mostly && ownExcess ? c : null;
    }

    private static boolean isNew(Dimension dimension, String version, VersionMix baseline) {
        return baseline != null && !baseline.isEmpty(dimension) && !baseline.isEstablished(dimension, version);
    }

    /**
     * With few reviews per annotator per window the chi-square test pools most annotators away and cannot see one
     * rogue annotator. The exact one-sided binomial test of each carrier's excess (P(X ≥ d | n, p₀)), at a
     * Bonferroni-corrected level alpha / (annotators in the window), still can: a carrier counts only when its own
     * excess is that unlikely under the baseline.
     */
    private static boolean individuallySignificant(
            List<Contributor> carriers, double baselineRate, DimensionResult annotators, AttributionConfig cfg) {
        double level = cfg.alpha() / Math.max(1, annotators.namedValues());
        for (Contributor c : carriers) {
            if (!(excessPValue(c.n(), c.d(), baselineRate) < level)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Evidence for one dimension: the homogeneity test and every value's excess over p₀, sorted by
     * excess descending.
     */
    public static DimensionResult evaluate(Dimension dimension, Breakdown b, double baselineRate, double minExpected) {
        Homogeneity.Result test = Homogeneity.test(b, minExpected);
        double positive = 0;
        for (Breakdown.Counts c : b.values().values()) {
            positive += Math.max(0, c.d() - c.n() * baselineRate);
        }
        List<Contributor> contributors = new ArrayList<>(b.size());
        for (Map.Entry<String, Breakdown.Counts> e : b.values().entrySet()) {
            Breakdown.Counts c = e.getValue();
            double ex = c.d() - c.n() * baselineRate;
            double share = ex > 0 && positive > 0 ? ex / positive : 0;
            contributors.add(new Contributor(dimension, e.getKey(), c.n(), c.d(), c.rate(), ex, share));
        }
        contributors.sort(
                Comparator.comparingDouble(Contributor::excess).reversed().thenComparing(Contributor::value));
        return new DimensionResult(dimension, test, positive, contributors);
    }

    /**
     * One-sided exact binomial p-value P(X ≥ d) for X ~ Bin(n, p₀), computed as the regularized
     * incomplete beta I_p₀(d, n − d + 1) (commons-math3 {@link Beta}), which keeps precision for tiny
     * p-values. NaN when n = 0; 1 when d = 0.
     */
    public static double excessPValue(long n, long d, double p0) {
        if (n == 0) {
            return Double.NaN;
        }
        if (d == 0) {
            return 1.0;
        }
        return Beta.regularizedBeta(p0, d, n - d + 1.0);
    }

    private static double reviewFractionAbove(DimensionResult r, double p0) {
        long total = 0;
        long above = 0;
        for (Contributor c : r.contributors()) {
            if (Breakdown.OTHER.equals(c.value())) {
                continue;
            }
            total += c.n();
            if (c.n() > 0 && c.rate() > p0) {
                above += c.n();
            }
        }
        return total == 0 ? 0 : (double) above / total;
    }

    private static double shareOf(List<Contributor> cs) {
        return cs.stream().mapToDouble(Contributor::share).sum();
    }

    private static String names(List<Contributor> cs) {
        return cs.stream().map(Contributor::value).collect(Collectors.joining(", "));
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String p(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2g", v);
    }
}
