package io.labelwatch.topology;

import java.util.List;

/**
 * Names of every state store, repartition topic and processor of Labelwatch's topologies, in one place.
 *
 * <p>Kebab-case, {@code <capability>-<entity>-<window>}. A store's name is its changelog topic's name, so renaming
 * one loses its state on the next deployment: {@code TopologyNamesTest} pins them and fails when one changes.
 */
public final class StoreNames {
    private StoreNames() {}

    /** Global store of taxonomy classes, keyed {@code taxonomy_version/class_label}. */
    public static final String TAXONOMY = "taxonomy-classes-global";

    /** event_id → event time of reviews seen within the dedup horizon. */
    public static final String DEDUP_REVIEWS = "ingest-dedup-reviews";

    /** event_id → event time of labels seen within the dedup horizon. */
    public static final String DEDUP_LABELS = "ingest-dedup-labels";

    /** Open error-rate windows: chart key + window start → aggregate, plus the task's event-time watermark. */
    public static final String ERROR_RATE_WINDOWS = "error-rate-aggregates-window";

    /** Chart state per chart key: the SPC monitor, the current alert, the annotator outlier tracker. */
    public static final String ERROR_RATE_CHARTS = "error-rate-charts-state";

    /** Recent chart points per chart key and window start, for the HTTP API. */
    public static final String ERROR_RATE_POINTS = "error-rate-points-history";

    /** Annotator funnel per chart key and window start, for the HTTP API. */
    public static final String ERROR_RATE_FUNNEL = "error-rate-funnel-window";

    /** Latest state of every alert raised by this task, keyed by alert_id, for the HTTP API. */
    public static final String ALERTS = "alerts-latest-state";

    /** Repartition of reviews (and operator commands) by chart key. */
    public static final String ERROR_RATE_REPARTITION = "error-rate-input-by-chart";

    public static final List<String> ALL_STORES = List.of(
            TAXONOMY,
            DEDUP_REVIEWS,
            DEDUP_LABELS,
            ERROR_RATE_WINDOWS,
            ERROR_RATE_CHARTS,
            ERROR_RATE_POINTS,
            ERROR_RATE_FUNNEL,
            ALERTS);
}
