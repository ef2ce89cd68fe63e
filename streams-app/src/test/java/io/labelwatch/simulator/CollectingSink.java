package io.labelwatch.simulator;

import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.ReviewEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Keeps everything a simulator emits, in emission order, for assertions. */
final class CollectingSink implements EventSink {

    final List<LabelEvent> labels = new ArrayList<>();
    final List<ReviewEvent> reviews = new ArrayList<>();
    final List<SpecificRecord> events = new ArrayList<>();
    final List<GroundTruth> started = new ArrayList<>();
    /** Event time of each entry of {@link #events}, and of scenario starts, in emission order. */
    final List<Instant> times = new ArrayList<>();

    @Override
    public void label(LabelEvent event) {
        labels.add(event);
        events.add(event);
        times.add(event.getLabeledAt());
    }

    @Override
    public void review(ReviewEvent event) {
        reviews.add(event);
        events.add(event);
        times.add(event.getReviewedAt());
    }

    @Override
    public void scenarioStarted(GroundTruth truth) {
        started.add(truth);
        times.add(truth.startsAt());
    }
}
