package io.labelwatch.topology.errorrate;

import io.labelwatch.events.Metric;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.topology.EventSerdes;
import io.labelwatch.topology.StoreNames;
import io.labelwatch.topology.TopicNames;
import io.labelwatch.topology.state.AvroStateSerde;
import io.labelwatch.topology.watermark.MulticastPartitioner;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Windowed per-(pipeline, class) error rates, their control charts and alerts.
 *
 * <pre>
 * valid reviews (unit_id) ──► Observation by chart key, + Watermark to every partition ─┐
 * labelwatch.commands (chart key) ──► Command ────────────────────┴► repartition error-rate-input-by-chart
 *   ──► error-rate-chart processor
 *         stores: error-rate-aggregates-window, error-rate-charts-state, error-rate-points-history,
 *                 error-rate-funnel-window, alerts-latest-state (+ global taxonomy-classes-global)
 *   ──► quality.chart-points (ChartPoint, key chart key)
 *   ──► quality.alerts       (QualityAlert, key alert_id)
 * </pre>
 */
public final class ErrorRateTopology {
    private final TopicNames topics;
    private final EventSerdes serdes;
    private final ErrorRateSettings settings;
    private final LabelwatchMetrics metrics;

    public ErrorRateTopology(
            TopicNames topics, EventSerdes serdes, ErrorRateSettings settings, LabelwatchMetrics metrics) {
        this.topics = topics;
        this.serdes = serdes;
        this.settings = settings;
        this.metrics = metrics;
    }

    public void addTo(StreamsBuilder builder, KStream<String, ReviewEvent> validReviews) {
        KStream<String, ChartInput> observations =
                validReviews.process(() -> new ObservationProcessor(settings), Named.as("error-rate-observe"));
        KStream<String, ChartInput> commands = builder.stream(
                        topics.commands(),
                        Consumed.with(Serdes.String(), Serdes.String()).withName("error-rate-source-commands"))
                .filter(
                        (chartKey, command) -> chartKey != null
                                && chartKey.startsWith(Metric.ERROR_RATE.name() + "/")
                                && command != null,
                        Named.as("error-rate-commands-for-charts"))
                .mapValues(command -> (ChartInput) Commands.parse(command), Named.as("error-rate-parse-commands"));

        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ERROR_RATE_WINDOWS), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ERROR_RATE_CHARTS), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ERROR_RATE_POINTS),
                Serdes.String(),
                AvroStateSerde.of(io.labelwatch.events.ChartPoint.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ERROR_RATE_FUNNEL), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.ALERTS),
                Serdes.String(),
                AvroStateSerde.of(io.labelwatch.events.QualityAlert.class)));

        observations
                .merge(commands, Named.as("error-rate-merge-commands"))
                .repartition(Repartitioned.with(Serdes.String(), ChartInput.serde())
                        .withName(StoreNames.ERROR_RATE_REPARTITION)
                        .withStreamPartitioner(
                                new MulticastPartitioner<ChartInput>(v -> v instanceof ChartInput.Watermark)))
                .process(
                        () -> new ErrorRateProcessor(settings, metrics, topics.reviews()),
                        Named.as("error-rate-chart"),
                        StoreNames.ERROR_RATE_WINDOWS,
                        StoreNames.ERROR_RATE_CHARTS,
                        StoreNames.ERROR_RATE_POINTS,
                        StoreNames.ERROR_RATE_FUNNEL,
                        StoreNames.ALERTS)
                .split(Named.as("error-rate-output-"))
                .branch(
                        (key, out) -> out instanceof ChartOutput.Point,
                        Branched.withConsumer(
                                points -> points.mapValues(
                                                out -> ((ChartOutput.Point) out).point(),
                                                Named.as("error-rate-unwrap-points"))
                                        .to(
                                                topics.chartPoints(),
                                                Produced.with(Serdes.String(), serdes.chartPoints())
                                                        .withName("error-rate-sink-chart-points")),
                                "points"))
                .defaultBranch(Branched.withConsumer(
                        alerts -> alerts.mapValues(
                                        out -> ((ChartOutput.Alert) out).alert(), Named.as("error-rate-unwrap-alerts"))
                                .to(
                                        topics.alerts(),
                                        Produced.with(Serdes.String(), serdes.alerts())
                                                .withName("error-rate-sink-alerts")),
                        "alerts"));
    }
}
