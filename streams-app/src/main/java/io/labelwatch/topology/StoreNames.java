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

    /** Overlap units still being assembled (unit_id → labels so far), plus the task's unit stream time. */
    public static final String AGREEMENT_UNITS = "agreement-units-open";

    /** Open agreement windows: chart key + window start → coincidence matrix, consensus and gold counts. */
    public static final String AGREEMENT_WINDOWS = "agreement-aggregates-window";

    /** Coincidence matrices of the last closed windows per chart key, summed for the exact rolling alpha. */
    public static final String AGREEMENT_MATRICES = "agreement-matrices-window";

    /** Agreement and gold chart state per pipeline: the monitors, open alerts, annotator outlier trackers. */
    public static final String AGREEMENT_CHARTS = "agreement-charts-state";

    /** Recent agreement and gold-accuracy chart points per chart key and window start, for the HTTP API. */
    public static final String AGREEMENT_POINTS = "agreement-points-history";

    /** Per-window agreement detail (JSON): rolling alpha, per-class agreement, top confusions, annotators, gold. */
    public static final String AGREEMENT_SUMMARY = "agreement-summary-window";

    /** Latest state of every agreement and gold-accuracy alert raised by this task, keyed by alert_id. */
    public static final String AGREEMENT_ALERTS = "agreement-alerts-latest-state";

    /** Repartition of closed overlap units by agreement chart key. */
    public static final String AGREEMENT_REPARTITION = "agreement-units-by-chart";

    public static final List<String> ALL_STORES = List.of(
            TAXONOMY,
            DEDUP_REVIEWS,
            DEDUP_LABELS,
            ERROR_RATE_WINDOWS,
            ERROR_RATE_CHARTS,
            ERROR_RATE_POINTS,
            ERROR_RATE_FUNNEL,
            ALERTS,
            AGREEMENT_UNITS,
            AGREEMENT_WINDOWS,
            AGREEMENT_MATRICES,
            AGREEMENT_CHARTS,
            AGREEMENT_POINTS,
            AGREEMENT_SUMMARY,
            AGREEMENT_ALERTS);
}
