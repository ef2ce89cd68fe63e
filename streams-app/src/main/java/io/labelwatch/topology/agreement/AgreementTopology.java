package io.labelwatch.topology.agreement;

import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.topology.EventSerdes;
import io.labelwatch.topology.StoreNames;
import io.labelwatch.topology.TopicNames;
import io.labelwatch.topology.errorrate.ChartOutput;
import io.labelwatch.topology.state.AvroStateSerde;
import io.labelwatch.topology.watermark.MulticastPartitioner;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Inter-annotator agreement per pipeline and per (pipeline, top-level class), gold accuracy per pipeline, their control
 * charts and alerts.
 *
 * <pre>
 * valid labels (unit_id) ──► agreement-assemble-units   store: agreement-units-open
 *   ──► closed units, re-keyed AGREEMENT/&lt;pipeline&gt;/* and AGREEMENT/&lt;pipeline&gt;/&lt;top-level&gt;,
 *       + watermarks to every partition
 *   ──► repartition agreement-units-by-chart
 *   ──► agreement-chart
 *         stores: agreement-aggregates-window, agreement-matrices-window, agreement-charts-state,
 *                 agreement-points-history, agreement-summary-window, agreement-alerts-latest-state
 *   ──► quality.chart-points (AGREEMENT/&lt;pipeline&gt;/*, AGREEMENT/&lt;pipeline&gt;/&lt;top-level&gt;,
 *                             GOLD_ACCURACY/&lt;pipeline&gt;/*)
 *   ──► quality.alerts       (metric AGREEMENT or GOLD_ACCURACY, key alert_id)
 * </pre>
 *
 * <p>The label input is keyed by unit_id (the event contract), so all labels of a unit meet in one task without a
 * repartition.
 */
public final class AgreementTopology {
    private final TopicNames topics;
    private final EventSerdes serdes;
    private final AgreementSettings settings;
    private final LabelwatchMetrics metrics;

    public AgreementTopology(
            TopicNames topics, EventSerdes serdes, AgreementSettings settings, LabelwatchMetrics metrics) {
        this.topics = topics;
        this.serdes = serdes;
        this.settings = settings;
        this.metrics = metrics;
    }

    public void addTo(StreamsBuilder builder, KStream<String, LabelEvent> validLabels) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.AGREEMENT_UNITS), Serdes.String(), Serdes.ByteArray()));
        for (String store :
                new String[] {StoreNames.AGREEMENT_WINDOWS, StoreNames.AGREEMENT_MATRICES, StoreNames.AGREEMENT_CHARTS
                }) {
            builder.addStateStore(Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.ByteArray()));
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.AGREEMENT_POINTS),
                Serdes.String(),
                AvroStateSerde.of(ChartPoint.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.AGREEMENT_SUMMARY), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(StoreNames.AGREEMENT_ALERTS),
                Serdes.String(),
                AvroStateSerde.of(QualityAlert.class)));

        validLabels
                .process(
                        () -> new UnitAssemblyProcessor(settings, metrics, topics.labels()),
                        Named.as("agreement-assemble-units"),
                        StoreNames.AGREEMENT_UNITS)
                .repartition(Repartitioned.with(Serdes.String(), AgreementInput.serde())
                        .withName(StoreNames.AGREEMENT_REPARTITION)
                        .withStreamPartitioner(
                                new MulticastPartitioner<AgreementInput>(v -> v instanceof AgreementInput.Watermark)))
                .process(
                        () -> new AgreementProcessor(settings, metrics),
                        Named.as("agreement-chart"),
                        StoreNames.AGREEMENT_WINDOWS,
                        StoreNames.AGREEMENT_MATRICES,
                        StoreNames.AGREEMENT_CHARTS,
                        StoreNames.AGREEMENT_POINTS,
                        StoreNames.AGREEMENT_SUMMARY,
                        StoreNames.AGREEMENT_ALERTS)
                .split(Named.as("agreement-output-"))
                .branch(
                        (key, out) -> out instanceof ChartOutput.Point,
                        Branched.withConsumer(
                                points -> points.mapValues(
                                                out -> ((ChartOutput.Point) out).point(),
                                                Named.as("agreement-unwrap-points"))
                                        .to(
                                                topics.chartPoints(),
                                                Produced.with(Serdes.String(), serdes.chartPoints())
                                                        .withName("agreement-sink-chart-points")),
                                "points"))
                .defaultBranch(Branched.withConsumer(
                        alerts -> alerts.mapValues(
                                        out -> ((ChartOutput.Alert) out).alert(), Named.as("agreement-unwrap-alerts"))
                                .to(
                                        topics.alerts(),
                                        Produced.with(Serdes.String(), serdes.alerts())
                                                .withName("agreement-sink-alerts")),
                        "alerts"));
    }
}
