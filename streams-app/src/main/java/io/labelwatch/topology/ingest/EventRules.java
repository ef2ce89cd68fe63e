package io.labelwatch.topology.ingest;

import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.TaxonomyClass;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The semantic checks of the event contract that Avro's schema cannot express: non-blank identifiers, a sampling
 * rate in (0, 1], an event time not far in the future, and a class that its taxonomy version defines and has not
 * deprecated (checked only once the taxonomy topic has defined that version).
 *
 * @param <T> the event type
 */
public interface EventRules<T> {

    String eventId(T event);

    Instant eventTime(T event);

    /** The first problem found, worded as a reason for the dead-letter topic, or empty when the event is valid. */
    Optional<String> problem(T event, Instant now, TaxonomyLookup taxonomy);

    static EventRules<ReviewEvent> reviews(Duration maxFutureSkew) {
        return new EventRules<>() {
            @Override
            public String eventId(ReviewEvent e) {
                return e.getEventId();
            }

            @Override
            public Instant eventTime(ReviewEvent e) {
                return e.getReviewedAt();
            }

            @Override
            public Optional<String> problem(ReviewEvent e, Instant now, TaxonomyLookup taxonomy) {
                return firstBlank(
                                "event_id", e.getEventId(),
                                "unit_id", e.getUnitId(),
                                "pipeline", e.getPipeline(),
                                "taxonomy_version", e.getTaxonomyVersion(),
                                "class_label", e.getClassLabel(),
                                "annotator_id", e.getAnnotatorId(),
                                "label_event_id", e.getLabelEventId())
                        .or(() -> !(e.getSamplingRate() > 0 && e.getSamplingRate() <= 1)
                                ? Optional.of("sampling_rate " + e.getSamplingRate() + " is outside (0, 1]")
                                : Optional.empty())
                        .or(() -> future("reviewed_at", e.getReviewedAt(), now, maxFutureSkew))
                        .or(() -> classProblem(e.getTaxonomyVersion(), e.getClassLabel(), taxonomy));
            }
        };
    }

    static EventRules<LabelEvent> labels(Duration maxFutureSkew) {
        return new EventRules<>() {
            @Override
            public String eventId(LabelEvent e) {
                return e.getEventId();
            }

            @Override
            public Instant eventTime(LabelEvent e) {
                return e.getLabeledAt();
            }

            @Override
            public Optional<String> problem(LabelEvent e, Instant now, TaxonomyLookup taxonomy) {
                return firstBlank(
                                "event_id", e.getEventId(),
                                "unit_id", e.getUnitId(),
                                "pipeline", e.getPipeline(),
                                "taxonomy_version", e.getTaxonomyVersion(),
                                "class_label", e.getClassLabel(),
                                "annotator_id", e.getAnnotatorId())
                        .or(() -> e.getExpectedAnnotations() < 1
                                ? Optional.of("expected_annotations " + e.getExpectedAnnotations() + " is below 1")
                                : Optional.empty())
                        .or(() -> future("labeled_at", e.getLabeledAt(), now, maxFutureSkew))
                        .or(() -> classProblem(e.getTaxonomyVersion(), e.getClassLabel(), taxonomy));
            }
        };
    }

    private static Optional<String> firstBlank(String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value == null || value.isBlank()) {
                return Optional.of("missing required field '" + namesAndValues[i] + "'");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> future(String field, Instant time, Instant now, Duration skew) {
        return time.isAfter(now.plus(skew))
                ? Optional.of(field + " " + time + " is more than " + skew + " ahead of the clock (" + now + ")")
                : Optional.empty();
    }

    private static Optional<String> classProblem(String version, String classLabel, TaxonomyLookup taxonomy) {
        Optional<TaxonomyClass> known = taxonomy.find(version, classLabel);
        if (known.isPresent()) {
            return known.get().getDeprecated()
                    ? Optional.of("class '" + classLabel + "' is deprecated in taxonomy version '" + version + "'")
                    : Optional.empty();
        }
        return taxonomy.knowsVersion(version)
                ? Optional.of("class '" + classLabel + "' is not in taxonomy version '" + version + "'")
                : Optional.empty();
    }
}
