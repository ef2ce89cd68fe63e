package io.labelwatch.codec;

import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.TaxonomyClass;
import io.labelwatch.topology.TopicNames;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/** The record type carried by each Labelwatch topic, and how its key is derived from a record. */
public enum EventType {
    LABEL(LabelEvent.class, r -> ((LabelEvent) r).getUnitId()),
    REVIEW(ReviewEvent.class, r -> ((ReviewEvent) r).getUnitId()),
    TAXONOMY(TaxonomyClass.class, r -> taxonomyKey((TaxonomyClass) r)),
    CHART_POINT(ChartPoint.class, r -> ((ChartPoint) r).getChartKey()),
    ALERT(QualityAlert.class, r -> ((QualityAlert) r).getAlertId());

    private final Class<? extends SpecificRecord> recordClass;
    private final Function<SpecificRecord, String> key;

    EventType(Class<? extends SpecificRecord> recordClass, Function<SpecificRecord, String> key) {
        this.recordClass = recordClass;
        this.key = key;
    }

    public Class<? extends SpecificRecord> recordClass() {
        return recordClass;
    }

    /** The record's key on its topic: unit_id, taxonomy_version/class_label, chart_key or alert_id. */
    public String keyOf(SpecificRecord record) {
        return key.apply(record);
    }

    public static String taxonomyKey(TaxonomyClass c) {
        return c.getTaxonomyVersion() + "/" + c.getClassLabel();
    }

    /** Parses {@code label}, {@code review}, {@code taxonomy}, {@code chart-point} or {@code alert}. */
    public static Optional<EventType> parse(String name) {
        String normalized = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (EventType type : values()) {
            if (type.name().equals(normalized)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type a topic carries, or empty when the topic is not one of Labelwatch's Avro topics. */
    public static Optional<EventType> forTopic(String topic, TopicNames names) {
        if (topic.equals(names.labels())) {
            return Optional.of(LABEL);
        } else if (topic.equals(names.reviews())) {
            return Optional.of(REVIEW);
        } else if (topic.equals(names.taxonomy())) {
            return Optional.of(TAXONOMY);
        } else if (topic.equals(names.chartPoints())) {
            return Optional.of(CHART_POINT);
        } else if (topic.equals(names.alerts())) {
            return Optional.of(ALERT);
        }
        return Optional.empty();
    }
}
