package io.labelwatch.topology;

import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.TaxonomyClass;
import io.labelwatch.registry.AvroSerde;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/** The value serdes of Labelwatch's Avro topics, created once per application and passed to every sub-topology. */
public record EventSerdes(
        Serde<LabelEvent> labels,
        Serde<ReviewEvent> reviews,
        Serde<TaxonomyClass> taxonomy,
        Serde<ChartPoint> chartPoints,
        Serde<QualityAlert> alerts) {

    /**
     * Confluent-framed Avro serdes on the configured schema registry ({@code schema.registry.url}; {@code mock://NAME}
     * for an in-memory one).
     */
    public static EventSerdes fromConfig(Map<String, ?> registryConfig) {
        return new EventSerdes(
                AvroSerde.specific(LabelEvent.class, registryConfig, false),
                AvroSerde.specific(ReviewEvent.class, registryConfig, false),
                AvroSerde.specific(TaxonomyClass.class, registryConfig, false),
                AvroSerde.specific(ChartPoint.class, registryConfig, false),
                AvroSerde.specific(QualityAlert.class, registryConfig, false));
    }
}
