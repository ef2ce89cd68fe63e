package io.labelwatch.topology;

import io.labelwatch.events.TaxonomyClass;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code annotation.taxonomy} → global store {@value StoreNames#TAXONOMY} (every instance holds every class).
 *
 * <p>Keyed {@code taxonomy_version/class_label}; a tombstone removes a class. Read by validation (unknown or
 * deprecated classes go to the DLQ) and by the charts (a class's safety criticality is its alerts' severity).
 */
public final class TaxonomyTopology {
    private final TopicNames topics;
    private final EventSerdes serdes;

    public TaxonomyTopology(TopicNames topics, EventSerdes serdes) {
        this.topics = topics;
        this.serdes = serdes;
    }

    public void addTo(StreamsBuilder builder) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore(StoreNames.TAXONOMY), Serdes.String(), serdes.taxonomy())
                        .withLoggingDisabled(),
                topics.taxonomy(),
                Consumed.with(Serdes.String(), serdes.taxonomy()).withName("taxonomy-source"),
                () -> new Updater());
    }

    private static final class Updater implements Processor<String, TaxonomyClass, Void, Void> {
        private KeyValueStore<String, TaxonomyClass> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(StoreNames.TAXONOMY);
        }

        @Override
        public void process(Record<String, TaxonomyClass> record) {
            TaxonomyClass value = record.value();
            String key = record.key();
            if (value != null) {
                key = value.getTaxonomyVersion() + "/" + value.getClassLabel();
                store.put(key, value);
            } else if (key != null) {
                store.delete(key);
            }
        }
    }
}
