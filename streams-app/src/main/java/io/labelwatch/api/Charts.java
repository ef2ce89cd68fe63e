package io.labelwatch.api;

import io.labelwatch.events.Metric;
import io.labelwatch.topology.StoreNames;
import io.labelwatch.topology.errorrate.ChartKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where the API finds a chart: error-rate charts ({@code ERROR_RATE/<pipeline>/<class>}) live in the error-rate
 * topology's stores, keyed and partitioned by their own chart key; agreement and gold-accuracy charts
 * ({@code AGREEMENT/<pipeline>/*}, {@code GOLD_ACCURACY/<pipeline>/*}) live in the agreement topology's stores, on the
 * task of the pipeline's agreement key, so both are owned by the instance that owns {@code AGREEMENT/<pipeline>/*}.
 */
final class Charts {
    /** Stores of chart points, one per topology. */
    static final List<String> POINT_STORES = List.of(StoreNames.ERROR_RATE_POINTS, StoreNames.AGREEMENT_POINTS);

    /** Stores of the latest state of alerts, one per topology. */
    static final List<String> ALERT_STORES = List.of(StoreNames.ALERTS, StoreNames.AGREEMENT_ALERTS);

    /** Every store the API reads; readiness checks each one this instance hosts. */
    static final List<String> API_STORES = List.of(
            StoreNames.ERROR_RATE_POINTS,
            StoreNames.ERROR_RATE_FUNNEL,
            StoreNames.ALERTS,
            StoreNames.AGREEMENT_POINTS,
            StoreNames.AGREEMENT_SUMMARY,
            StoreNames.AGREEMENT_ALERTS);

    private Charts() {}

    /**
     * One chart.
     *
     * @param metric what it charts
     * @param pipeline pipeline
     * @param classLabel class, {@code *} for the pipeline-wide agreement and gold charts
     * @param chartKey the chart key
     * @param store the store of its points
     * @param routingKey the key whose owner holds the chart
     */
    record Ref(Metric metric, String pipeline, String classLabel, String chartKey, String store, String routingKey) {}

    /** The chart of {@code metric} for the path's pipeline and class; 404 for a per-class agreement chart. */
    static Ref ref(Metric metric, String pipeline, String classLabel) {
        if (metric == Metric.ERROR_RATE) {
            String key = ChartKeys.of(metric, pipeline, classLabel);
            return new Ref(metric, pipeline, classLabel, key, StoreNames.ERROR_RATE_POINTS, key);
        }
        if (!classLabel.equals("*")) {
            throw ApiException.notFound(
                    metric.name() + " charts are per pipeline, not per class: ask for /api/v1/charts/" + pipeline
                            + "/*?metric=" + metric.name());
        }
        return new Ref(
                metric,
                pipeline,
                classLabel,
                ChartKeys.of(metric, pipeline, null),
                StoreNames.AGREEMENT_POINTS,
                agreementKey(pipeline));
    }

    /** The key by which the agreement topology partitions a pipeline: its agreement chart key. */
    static String agreementKey(String pipeline) {
        return ChartKeys.of(Metric.AGREEMENT, pipeline, null);
    }

    /** {@code ?metric=} as a Metric (any case); {@code fallback} when absent; 400 naming the allowed values. */
    static Metric metric(String value, Metric fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Metric.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("metric must be one of " + Arrays.toString(Metric.values()) + ", not '"
                    + Inputs.printable(value) + "'");
        }
    }
}
