package io.labelwatch.topology.ingest;

import io.labelwatch.events.TaxonomyClass;
import java.util.Optional;

/** Read access to the taxonomy topic's classes. */
public interface TaxonomyLookup {

    /** The class, when the taxonomy topic defines it. */
    Optional<TaxonomyClass> find(String taxonomyVersion, String classLabel);

    /** Whether any class of this taxonomy version is known (only then is an unknown class an error). */
    boolean knowsVersion(String taxonomyVersion);

    TaxonomyLookup NONE = new TaxonomyLookup() {
        @Override
        public Optional<TaxonomyClass> find(String taxonomyVersion, String classLabel) {
            return Optional.empty();
        }

        @Override
        public boolean knowsVersion(String taxonomyVersion) {
            return false;
        }
    };
}
