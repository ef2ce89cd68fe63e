package io.labelwatch.topology.errorrate;

import io.labelwatch.events.Metric;

/** Chart keys: {@code <METRIC>/<pipeline>/<class_label>} ({@code *} for a pipeline-wide chart). */
public final class ChartKeys {
    /**
     * Prefix of a chart's vendor funnel in the funnel store ({@code VENDOR/<chart key>@<window>}), beside its annotator
     * funnel ({@code <chart key>@<window>}); never a chart key itself, so scans of one chart's windows do not meet it.
     */
    public static final String VENDOR_FUNNEL_PREFIX = "VENDOR/";

    private ChartKeys() {}

    public static String of(Metric metric, String pipeline, String classLabel) {
        return metric.name() + "/" + pipeline + "/" + (classLabel == null ? "*" : classLabel);
    }

    /** Store key of one window of a chart: sorts by chart, then by window start. */
    static String windowKey(String chartKey, long windowStart) {
        return chartKey + "@" + String.format(java.util.Locale.ROOT, "%020d", windowStart);
    }

    static String chartKeyOfWindow(String windowKey) {
        return windowKey.substring(0, windowKey.lastIndexOf('@'));
    }

    static long windowStartOf(String windowKey) {
        return Long.parseLong(windowKey.substring(windowKey.lastIndexOf('@') + 1));
    }
}
