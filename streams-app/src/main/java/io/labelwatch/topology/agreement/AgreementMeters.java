package io.labelwatch.topology.agreement;

import io.labelwatch.metrics.LabelwatchMetrics;
import io.micrometer.core.instrument.Counter;
import java.util.Locale;

/**
 * Counters of unit assembly: {@value #UNITS} by outcome (complete, partial, evicted, unpaired, late) and
 * {@value #REPLACED} and {@value #SKIPPED}. Tags are a fixed set, never an id.
 */
final class AgreementMeters {
    static final String UNITS = "labelwatch.agreement.units";
    static final String REPLACED = "labelwatch.agreement.labels.replaced";
    static final String SKIPPED = "labelwatch.agreement.values.skipped";

    /** What happened to one overlap unit. */
    enum UnitOutcome {
        /** Closed with all expected annotators. */
        COMPLETE,
        /** Timed out with at least 2 (but fewer than expected) annotators: counts, reported partial. */
        PARTIAL,
        /** Closed early at the open-unit cap (counts when it has at least 2 labels). */
        EVICTED,
        /** Closed with fewer than 2 labels: nothing to compare. */
        UNPAIRED,
        /** Its agreement window had already closed: dropped. */
        LATE
    }

    private final LabelwatchMetrics metrics;

    AgreementMeters(LabelwatchMetrics metrics) {
        this.metrics = metrics;
    }

    void unit(UnitOutcome outcome) {
        Counter.builder(UNITS)
                .description("Overlap units by how their assembly ended")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(metrics.registry())
                .increment();
    }

    void skippedValue() {
        Counter.builder(SKIPPED)
                .description("Labels without a usable value of their pipeline's agreement attribute (missing, or not"
                        + " a number where the level needs one): missing values for agreement")
                .register(metrics.registry())
                .increment();
    }

    void replaced() {
        Counter.builder(REPLACED)
                .description("Labels that replaced an earlier label of the same annotator on the same unit")
                .register(metrics.registry())
                .increment();
    }
}
