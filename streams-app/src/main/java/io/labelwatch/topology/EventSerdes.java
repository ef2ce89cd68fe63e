package io.labelwatch.topology;

import io.labelwatch.config.ConfigException;
import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.TaxonomyClass;
import io.labelwatch.registry.AvroSerde;
import io.labelwatch.registry.AvroSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
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
    public static EventSerdes fromConfig(LabelwatchConfig config) {
        return new EventSerdes(
                forType(config, LabelEvent.class),
                forType(config, ReviewEvent.class),
                forType(config, TaxonomyClass.class),
                forType(config, ChartPoint.class),
                forType(config, QualityAlert.class));
    }

    /**
     * The value serde of one record type, of the class named by {@code labelwatch.serde.class} (see
     * {@link #fromConfig(LabelwatchConfig)}): every producer and consumer of an Avro topic (the topology, the CLI, the
     * notifier, the simulator) gets its serde here, so one setting swaps the serde everywhere.
     */
    public static <T extends SpecificRecord> Serde<T> forType(LabelwatchConfig config, Class<T> type) {
        String serdeClass = config.string(ConfigKeys.SERDE_CLASS);
        Map<String, Object> registry = new HashMap<>(config.registryProperties());
        if (serdeClass.equals(AvroSerde.class.getName())) {
            return AvroSerde.specific(type, registry, false);
        }
        registry.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        return custom(serdeClass, registry);
    }

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> custom(String className, Map<String, Object> registry) {
        Serde<T> serde;
        try {
            serde = (Serde<T>) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new ConfigException("invalid value '" + className
                    + "' for config key 'labelwatch.serde.class': not a Serde class with a public no-argument"
                    + " constructor on the classpath (" + e.getClass().getSimpleName() + ")");
        }
        serde.configure(registry, false);
        return serde;
    }
}
