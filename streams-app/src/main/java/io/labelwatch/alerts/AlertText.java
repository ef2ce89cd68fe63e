package io.labelwatch.alerts;

import java.util.List;
import java.util.Locale;

/** One-line alert summaries a person can act on. */
public final class AlertText {
    private AlertText() {}

    /** A contributor as the summary names it. */
    public record Named(String dimension, String value, double share) {}

    /**
     * E.g. {@code vehicle.bicycle error rate 14.2% in camera-2d-boxes above UCL 9.1% (centre 4.0%, n=412, NELSON_1) —
     * SYSTEMIC: lines up with guideline_version g-2026.2, new since the baseline (91% of excess)}: with a {@code
     * finding} the summary states it and the first contributor's share; without one it names up to three
     * contributors.
     */
    public static String errorRate(
            String pipeline,
            String classLabel,
            double observed,
            Double center,
            Double lcl,
            Double ucl,
            long n,
            List<String> rules,
            String cause,
            String finding,
            List<Named> top) {
        StringBuilder s = new StringBuilder();
        s.append(classLabel)
                .append(" error rate ")
                .append(percent(observed))
                .append(" in ")
                .append(pipeline);
        if (ucl != null && observed > ucl) {
            s.append(" above UCL ").append(percent(ucl));
        } else if (lcl != null && observed < lcl) {
            s.append(" below LCL ").append(percent(lcl));
        } else {
            s.append(" out of control");
        }
        s.append(" (centre ").append(center == null ? "n/a" : percent(center));
        s.append(", n=").append(n);
        if (!rules.isEmpty()) {
            s.append(", ").append(String.join("+", rules));
        }
        s.append(") — ").append(cause);
        if (finding != null) {
            s.append(": ").append(finding);
            if (!top.isEmpty() && Double.isFinite(top.get(0).share())) {
                s.append(" (").append(Math.round(top.get(0).share() * 100)).append("% of excess)");
            }
        } else {
            s.append(describe(top));
        }
        return s.toString();
    }

    /** E.g. {@code annotator kestrel-ai/ann-07 error rate 31.0% on vehicle.car in camera-2d-boxes, above funnel limit}. */
    public static String annotator(
            String pipeline, String classLabel, String annotator, double rate, double upper, long n, int windows) {
        return String.format(
                Locale.ROOT,
                "annotator %s error rate %s on %s in %s above funnel limit %s (n=%d) for %d consecutive windows"
                        + " — LOCALIZED: one annotator",
                annotator,
                percent(rate),
                classLabel,
                pipeline,
                percent(upper),
                n,
                windows);
    }

    private static String describe(List<Named> top) {
        if (top.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(": ");
        for (int i = 0; i < Math.min(3, top.size()); i++) {
            Named c = top.get(i);
            if (i > 0) {
                s.append(", ");
            }
            s.append(c.dimension()).append(' ').append(c.value());
            if (Double.isFinite(c.share())) {
                s.append(" (").append(Math.round(c.share() * 100)).append("% of excess)");
            }
        }
        return s.toString();
    }

    public static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100);
    }

    /**
     * E.g. {@code "the last 3 windows combine to z = 0.42"}: the Stouffer combination of the quiet windows that let an
     * alert resolve ({@link io.labelwatch.spc.Recovery}), so a RESOLVED page whose last window still looks high says
     * why it is back.
     */
    public static String combinedZ(double[] recentZ) {
        return String.format(
                Locale.ROOT,
                "the last %d %s combine to z = %.2f",
                recentZ.length,
                recentZ.length == 1 ? "window" : "windows",
                io.labelwatch.spc.Recovery.combined(recentZ));
    }
}
