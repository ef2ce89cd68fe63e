package io.labelwatch.simulator;

import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.ReviewEvent;

/**
 * Where the simulator delivers its events, in event-time order. A Kafka producer, a file writer or a test collector
 * implements it; the simulator itself knows nothing about transport.
 */
public interface EventSink {

    /** A label event, for {@code annotation.labels} (key: {@code unit_id}). */
    void label(LabelEvent event);

    /** A review event, for {@code annotation.reviews} (key: {@code unit_id}). */
    void review(ReviewEvent event);

    /**
     * A scenario has started: called in event-time order, before the first label it affects. The runner prints
     * {@link GroundTruth#description()}; the default does nothing.
     */
    default void scenarioStarted(GroundTruth truth) {}
}
