package io.labelwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.topology.TopologyFixture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * No meter may carry a tag whose values are unbounded (annotator, unit or event ids): a Prometheus series per
 * annotator would grow without limit. Reviews, overlap and gold labels, a replaced label, duplicates and records for
 * the DLQ go through the whole topology; tags are restricted to bounded names, no tag value may be one of the ids
 * that went through, and every meter is documented in the README's metrics table. The live application's full
 * registry (Kafka client metrics included) is checked the same way by {@code DashboardQueriesIT}.
 */
class MetricsCardinalityTest {
    private static final String PIPE = "pipe";

    @Test
    void shouldTagOnlyByBoundedDimensionsWhenReviewsLabelsDuplicatesAndDeadLettersFlowThrough() {
        Set<String> ids = new HashSet<>();
        try (TopologyFixture fx = trafficThrough(ids)) {
            assertThat(fx.alerts.readValuesToList()).isNotEmpty();
            assertThat(outcomes(fx)).contains("accepted", "duplicate", "dlq");
            assertThat(fx.meters.find("labelwatch.agreement.units").counters()).isNotEmpty();
            assertThat(fx.meters.find(LabelwatchMetrics.AGREEMENT_ALPHA).gauges())
                    .isNotEmpty();

            assertThat(MeterChecks.unboundedTags(fx.meters.getMeters(), MeterChecks.LABELWATCH_TAGS, ids))
                    .isEmpty();
        }
    }

    @Test
    void shouldDocumentEveryLabelwatchMeterInTheReadmeWhenEveryKindOfTrafficRegisteredOne() {
        try (TopologyFixture fx = trafficThrough(new HashSet<>())) {
            assertThat(fx.meters.find("labelwatch.agreement.labels.replaced").counters())
                    .isNotEmpty();
            List<String> names = fx.meters.getMeters().stream()
                    .map(MetricsCardinalityTest::prometheusName)
                    .distinct()
                    .toList();

            assertThat(MeterChecks.undocumented(names))
                    .as("metrics missing from README's metrics table (Operations → Metrics)")
                    .isEmpty();
        }
    }

    /** The name /metrics gives a meter of these types: dots to underscores, counters with {@code _total}. */
    private static String prometheusName(Meter meter) {
        String name = meter.getId().getName().replace('.', '_');
        return meter instanceof Counter ? name + "_total" : name;
    }

    private static Set<String> outcomes(TopologyFixture fx) {
        Set<String> out = new HashSet<>();
        fx.meters
                .find(LabelwatchMetrics.EVENTS)
                .counters()
                .forEach(c -> out.add(c.getId().getTag("outcome")));
        return out;
    }

    /**
     * Four hourly windows of reviews by 50 annotators (a shift in the last), overlap units labelled by three
     * annotators, gold labels, one label replaced by its annotator, a repeated review, an undecodable review and one
     * with sampling_rate 1.5; every id that went in is added to {@code ids}.
     */
    private static TopologyFixture trafficThrough(Set<String> ids) {
        TopologyFixture fx = new TopologyFixture(Map.of(
                "labelwatch.spc.baseline.windows", "2",
                "labelwatch.spc.min-sample-size", "10",
                "labelwatch.agreement.min-units", "5"));
        for (int k = 0; k < 4; k++) {
            Instant hour = TopologyFixture.T0.plus(Duration.ofHours(k));
            for (int a = 0; a < 50; a++) {
                String annotator = "vendor-x/ann-" + a;
                ReviewEvent review = fx.review(
                                hour.plusSeconds(a), PIPE, "vehicle.car", annotator, a % 7 == 0 || (k == 3 && a < 30))
                        .build();
                ids.add(annotator);
                remember(ids, review);
                fx.send(review);
            }
            for (int u = 0; u < 12; u++) {
                String unit = "unit-" + k + "-" + u;
                for (int a = 0; a < 3; a++) {
                    String cls = u % 5 == 0 && a == 2 ? "vehicle.truck" : "vehicle.car";
                    LabelEvent label = fx.label(hour.plusSeconds(100 + u * 3L + a), PIPE, unit, "labeler-" + a, cls, 3)
                            .build();
                    remember(ids, label);
                    fx.send(label);
                }
                LabelEvent gold = fx.label(hour.plusSeconds(200 + u), PIPE, "gold-" + k + "-" + u, "gold-ann", "x", 1)
                        .setGoldLabel(u % 4 == 0 ? "y" : "x")
                        .build();
                remember(ids, gold);
                fx.send(gold);
            }
        }
        Instant last = TopologyFixture.T0.plus(Duration.ofHours(3)).plusSeconds(300);
        LabelEvent first = fx.label(last, PIPE, "unit-replaced", "labeler-0", "vehicle.car", 2)
                .build();
        LabelEvent again = fx.label(last.plusSeconds(1), PIPE, "unit-replaced", "labeler-0", "vehicle.truck", 2)
                .build();
        ReviewEvent twice =
                fx.review(last, PIPE, "vehicle.car", "vendor-x/ann-1", false).build();
        ReviewEvent outOfRange = fx.review(last, PIPE, "vehicle.car", "vendor-x/ann-2", false)
                .setSamplingRate(1.5)
                .build();
        List.of(first, again).forEach(l -> {
            remember(ids, l);
            fx.send(l);
        });
        List.of(twice, twice, outOfRange).forEach(r -> {
            remember(ids, r);
            fx.send(r);
        });
        fx.rawReviews.pipeInput(
                new TestRecord<>("unit-undecodable", "not avro".getBytes(StandardCharsets.UTF_8), last));
        ids.add("unit-undecodable");
        Instant later = TopologyFixture.T0.plus(Duration.ofHours(6));
        fx.send(fx.label(later, PIPE, "unit-tick", "labeler-0", "vehicle.car", 1)
                .build());
        fx.advanceStreamTime(later, PIPE, "vehicle.car");
        return fx;
    }

    private static void remember(Set<String> ids, ReviewEvent review) {
        ids.add(review.getEventId());
        ids.add(review.getUnitId());
        ids.add(review.getAnnotatorId());
    }

    private static void remember(Set<String> ids, LabelEvent label) {
        ids.add(label.getEventId());
        ids.add(label.getUnitId());
        ids.add(label.getAnnotatorId());
    }
}
