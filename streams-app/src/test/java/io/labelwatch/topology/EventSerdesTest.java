package io.labelwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.registry.AvroSerde;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventSerdesTest {

    @Test
    void shouldReadTopologyInputsThroughTheConfiguredClassWhenSerdeClassIsSet() {
        try (TopologyFixture fixture =
                new TopologyFixture(Map.of("labelwatch.serde.class", CountingSerde.class.getName()))) {
            long before = CountingSerde.deserialized(fixture.registryUrl());

            fixture.send(fixture.review(TopologyFixture.T0, "camera-2d-boxes", "vehicle.car", "vendor-a/ann-1", false)
                    .build());

            assertThat(CountingSerde.deserialized(fixture.registryUrl())).isGreaterThan(before);
        }
    }

    @Test
    void shouldGiveEveryTypeTheConfiguredClassWhenSerdeClassIsSet() {
        LabelwatchConfig config = LabelwatchConfig.of(Map.of(
                "labelwatch.serde.class", CountingSerde.class.getName(), "schema.registry.url", "mock://serdes-test"));

        assertThat(EventSerdes.forType(config, ReviewEvent.class)).isInstanceOf(CountingSerde.class);
        assertThat(EventSerdes.fromConfig(config).chartPoints()).isInstanceOf(CountingSerde.class);
    }

    @Test
    void shouldUseLabelwatchsAvroSerdeWhenSerdeClassIsNotSet() {
        LabelwatchConfig config = LabelwatchConfig.of(Map.of("schema.registry.url", "mock://serdes-test"));

        assertThat(EventSerdes.forType(config, ChartPoint.class)).isInstanceOf(AvroSerde.class);
    }
}
