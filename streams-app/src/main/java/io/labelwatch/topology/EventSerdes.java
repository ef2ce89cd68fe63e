package io.labelwatch.topology;

import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.TaxonomyClass;
import org.apache.kafka.common.serialization.Serde;

/** The value serdes of Labelwatch's Avro topics, created once per application and passed to every sub-topology. */
public record EventSerdes(
        Serde<LabelEvent> labels,
        Serde<ReviewEvent> reviews,
        Serde<TaxonomyClass> taxonomy,
        Serde<ChartPoint> chartPoints,
        Serde<QualityAlert> alerts) {}
