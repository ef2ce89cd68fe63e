package io.labelwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.topology.TopologyFixture;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No meter may carry a tag whose values are unbounded (annotator, unit or event ids): a Prometheus series per
 * annotator would grow without limit. Tags are restricted to bounded names, and no tag value may be one of the ids
 * that went through the topology.
 */
class MetricsCardinalityTest {
    private static final Set<String> BOUNDED_TAGS =
            Set.of("pipeline", "class", "metric", "severity", "cause", "topic", "outcome", "state");

    @Test
    void shouldTagOnlyByBoundedDimensionsWhenManyAnnotatorsAndUnitsFlowThrough() {
        Set<String> ids = new HashSet<>();
        try (TopologyFixture fx = new TopologyFixture(
                Map.of("labelwatch.spc.baseline.windows", "2", "labelwatch.spc.min-sample-size", "10"))) {
            for (int k = 0; k < 4; k++) {
                for (int a = 0; a < 50; a++) {
                    String annotator = "vendor-x/ann-" + a;
                    Instant at = TopologyFixture.T0.plus(Duration.ofHours(k)).plusSeconds(a);
                    var review = fx.review(at, "pipe", "vehicle.car", annotator, a % 7 == 0 || (k == 3 && a < 30))
                            .build();
                    ids.add(annotator);
                    ids.add(review.getUnitId());
                    ids.add(review.getEventId());
                    fx.send(review);
                }
            }
            fx.advanceStreamTime(TopologyFixture.T0.plus(Duration.ofHours(6)), "pipe", "vehicle.car");
            assertThat(fx.alerts.readValuesToList()).isNotEmpty();

            assertThat(fx.meters.getMeters()).isNotEmpty();
            for (Meter meter : fx.meters.getMeters()) {
                for (Tag tag : meter.getId().getTags()) {
                    assertThat(BOUNDED_TAGS)
                            .as("tag %s on %s", tag.getKey(), meter.getId().getName())
                            .contains(tag.getKey());
                    assertThat(ids)
                            .as("value of %s on %s", tag.getKey(), meter.getId().getName())
                            .doesNotContain(tag.getValue());
                }
            }
        }
    }
}
