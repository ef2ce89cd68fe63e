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
     * The serdes named by {@code labelwatch.serde.class}: Labelwatch's own registry serde by default, or any
     * {@code Serde} class with a no-argument constructor that reads specific records (Confluent's
     * {@code io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde} where its jars are on the classpath), configured
     * with the registry settings and {@code specific.avro.reader=true}.
     */
    public static EventSerdes fromConfig(io.labelwatch.config.LabelwatchConfig config) {
        String serdeClass = config.string(io.labelwatch.config.ConfigKeys.SERDE_CLASS);
        Map<String, Object> registry = new java.util.HashMap<>(config.registryProperties());
        if (serdeClass.equals(AvroSerde.class.getName())) {
            return fromConfig(registry);
        }
        registry.put("specific.avro.reader", true);
        return new EventSerdes(
                custom(serdeClass, registry),
                custom(serdeClass, registry),
                custom(serdeClass, registry),
                custom(serdeClass, registry),
                custom(serdeClass, registry));
    }

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> custom(String className, Map<String, Object> registry) {
        try {
            Serde<T> serde =
                    (Serde<T>) Class.forName(className).getDeclaredConstructor().newInstance();
            serde.configure(registry, false);
            return serde;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new io.labelwatch.config.ConfigException("invalid value '" + className
                    + "' for config key 'labelwatch.serde.class': not a Serde class with a public no-argument"
                    + " constructor on the classpath (" + e.getClass().getSimpleName() + ")");
        }
    }

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
