package io.labelwatch.topology.ingest;

import io.labelwatch.events.TaxonomyClass;
import java.util.Optional;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** {@link TaxonomyLookup} over the global taxonomy store, keyed {@code taxonomy_version/class_label}. */
public final class StoreTaxonomyLookup implements TaxonomyLookup {
    private static final StringSerializer KEYS = new StringSerializer();
    private final KeyValueStore<String, TaxonomyClass> store;

    public StoreTaxonomyLookup(KeyValueStore<String, TaxonomyClass> store) {
        this.store = store;
    }

    @Override
    public Optional<TaxonomyClass> find(String taxonomyVersion, String classLabel) {
        return Optional.ofNullable(store.get(taxonomyVersion + "/" + classLabel));
    }

    @Override
    public boolean knowsVersion(String taxonomyVersion) {
        try (KeyValueIterator<String, TaxonomyClass> classes = store.prefixScan(taxonomyVersion + "/", KEYS)) {
            return classes.hasNext();
        }
    }
}
