package io.labelwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelwatch.codec.AvroTrust;
import io.labelwatch.events.ErrorType;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.Sampling;
import io.labelwatch.events.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    /** |z| bound for rates that must match: 4σ, a false failure about once in 16,000 comparisons. */
    private static final double SAME = 4.0;
    /** z a raised rate must exceed. */
    private static final double RAISED = 3.0;

    private static CollectingSink run(SimulatorConfig config, Duration total, Duration step) {
        Simulator simulator = new Simulator(config);
        CollectingSink sink = new CollectingSink();
        for (Duration done = Duration.ZERO; done.compareTo(total) < 0; done = done.plus(step)) {
            simulator.advance(step, sink);
        }
        return sink;
    }

    @Test
    void shouldEmitIdenticalEventsWhenSeedIsTheSameWhateverTheSteps() {
        SimulatorConfig config = SimulatorConfig.defaults()
                .withLabelsPerHour(4_000)
                .withScenarios(Scenario.guidelineChange(Duration.ofHours(1)), Scenario.toolBug(Duration.ofHours(2)));

        CollectingSink first = run(config, Duration.ofHours(3), Duration.ofMinutes(10));
        CollectingSink second = run(config, Duration.ofHours(3), Duration.ofMinutes(10));
        CollectingSink otherSteps = run(config, Duration.ofHours(3), Duration.ofMinutes(45));
        CollectingSink otherSeed = run(config.withSeed(7), Duration.ofHours(3), Duration.ofMinutes(10));

        assertThat(first.labels).hasSizeGreaterThan(10_000);
        assertThat(second.events).isEqualTo(first.events);
        assertThat(otherSteps.events).isEqualTo(first.events);
        assertThat(otherSeed.labels.get(0)).isNotEqualTo(first.labels.get(0));
        assertThat(otherSeed.labels.get(0).getEventId())
                .isNotEqualTo(first.labels.get(0).getEventId());
    }

    @Test
    void shouldEmitOnlyTheStepsEventsInEventTimeOrderWhenAdvanced() {
        Simulator simulator = new Simulator(SimulatorConfig.defaults().withLabelsPerHour(6_000));
        Instant before = simulator.now();
        CollectingSink sink = new CollectingSink();

        simulator.advance(Duration.ofMinutes(30), sink);
        int firstStep = sink.events.size();
        simulator.advance(Duration.ofMinutes(30), sink);

        assertThat(simulator.now()).isEqualTo(before.plus(Duration.ofHours(1)));
        assertThat(sink.times).isSorted();
        assertThat(sink.times.subList(0, firstStep)).allMatch(t -> t.isBefore(before.plus(Duration.ofMinutes(30))));
        assertThat(sink.times).allMatch(t -> !t.isBefore(before) && t.isBefore(simulator.now()));
        assertThat(simulator.labelsEmitted()).isEqualTo(sink.labels.size());
        assertThat(simulator.reviewsEmitted()).isEqualTo(sink.reviews.size());
    }

    @Test
    void shouldFollowEachLabelWithItsReviewWithinMinutesWhenReviewed() {
        CollectingSink sink =
                run(SimulatorConfig.defaults().withLabelsPerHour(6_000), Duration.ofHours(2), Duration.ofMinutes(5));
        Map<String, LabelEvent> labels = new HashMap<>();
        sink.labels.forEach(l -> labels.put(l.getEventId(), l));

        assertThat(sink.reviews).isNotEmpty().allSatisfy(review -> {
            LabelEvent label = labels.get(review.getLabelEventId());
            assertThat(label)
                    .as("label of %s emitted before it", review.getEventId())
                    .isNotNull();
            Duration lag = Duration.between(label.getLabeledAt(), review.getReviewedAt());
            assertThat(lag).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(25));
            assertThat(review.getClassLabel()).isEqualTo(label.getClassLabel());
            assertThat(review.getAnnotatorId()).isEqualTo(label.getAnnotatorId());
            assertThat(review.getToolVersion()).isEqualTo(label.getToolVersion());
            assertThat(review.getGuidelineVersion()).isEqualTo(label.getGuidelineVersion());
        });
    }

    @Test
    void shouldGiveEveryEventAUniqueIdWhenManyAreEmitted() {
        CollectingSink sink =
                run(SimulatorConfig.defaults().withLabelsPerHour(10_000), Duration.ofHours(2), Duration.ofMinutes(15));
        Set<String> ids = new HashSet<>();
        sink.labels.forEach(l -> ids.add(l.getEventId()));
        sink.reviews.forEach(r -> ids.add(r.getEventId()));

        assertThat(ids).hasSize(sink.labels.size() + sink.reviews.size());
        assertThat(sink.labels.get(0).getEventId()).startsWith("sim16-l-"); // 42 in base 36
    }

    @Test
    void shouldMatchConfiguredBaseErrorRateOfEveryClassWhenBaseline() {
        // FULL review of every label gives the most power; only single-annotator units are label-first (see Simulator).
        CollectingSink sink = run(
                SimulatorConfig.defaults().withLabelsPerHour(10_000).withRandomSamplingRate(1.0),
                Duration.ofHours(12),
                Duration.ofHours(1));
        Set<String> single = new HashSet<>();
        sink.labels.stream().filter(l -> l.getExpectedAnnotations() == 1).forEach(l -> single.add(l.getEventId()));
        Map<String, Rate> byClass = new HashMap<>();
        sink.reviews.stream()
                .filter(r -> single.contains(r.getLabelEventId()))
                .forEach(r -> byClass.computeIfAbsent(r.getClassLabel(), k -> new Rate())
                        .add(r));

        assertThat(sink.reviews).allMatch(r -> r.getSampling() == Sampling.FULL && r.getSamplingRate() == 1.0);
        assertThat(byClass.keySet()).hasSize(TaxonomyCatalog.leaves().size());
        for (ClassProfile cls : TaxonomyCatalog.leaves()) {
            Rate rate = byClass.get(cls.classLabel());
            assertThat(Math.abs(rate.z(cls.baseErrorRate())))
                    .as("%s: %s against %.3f", cls.classLabel(), rate, cls.baseErrorRate())
                    .isLessThan(SAME);
        }
        // Pooled over classes the test sees a 10 % miscalibration that no single class can.
        double excess = 0;
        double variance = 0;
        for (ClassProfile cls : TaxonomyCatalog.leaves()) {
            Rate rate = byClass.get(cls.classLabel());
            excess += rate.defects - rate.n * cls.baseErrorRate();
            variance += rate.n * cls.baseErrorRate() * (1 - cls.baseErrorRate());
        }
        assertThat(Math.abs(excess / Math.sqrt(variance))).as("pooled z").isLessThan(SAME);
    }

    @Test
    void shouldSampleAboutTheConfiguredShareAtRandomWhenDefaultRateIsUsed() {
        CollectingSink sink =
                run(SimulatorConfig.defaults().withLabelsPerHour(10_000), Duration.ofHours(3), Duration.ofHours(1));
        // Reviews come up to 25 minutes after their label: judge labels whose reviews have all been emitted.
        Instant cutoff = SimulatorConfig.DEFAULT_START.plus(Duration.ofHours(2));
        Set<String> early = new HashSet<>();
        sink.labels.stream().filter(l -> l.getLabeledAt().isBefore(cutoff)).forEach(l -> early.add(l.getEventId()));
        long random = sink.reviews.stream()
                .filter(r -> early.contains(r.getLabelEventId()) && r.getSampling() == Sampling.RANDOM)
                .peek(r -> assertThat(r.getSamplingRate()).isEqualTo(0.2))
                .count();
        double share = (double) random / early.size();

        assertThat(Math.abs(share - 0.2) / Math.sqrt(0.2 * 0.8 / early.size()))
                .as("RANDOM share %.4f", share)
                .isLessThan(SAME);
    }

    @Test
    void shouldMarkTargetedReviewsAndFindMoreErrorsInThemWhenBaseline() {
        CollectingSink sink =
                run(SimulatorConfig.defaults().withLabelsPerHour(20_000), Duration.ofHours(4), Duration.ofHours(1));
        Rate random = new Rate();
        Rate targeted = new Rate();
        Set<String> reviewedLabels = new HashSet<>();
        for (ReviewEvent review : sink.reviews) {
            assertThat(reviewedLabels.add(review.getLabelEventId()))
                    .as("one review per label")
                    .isTrue();
            assertThat(review.getSamplingRate()).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
            (review.getSampling() == Sampling.TARGETED ? targeted : random).add(review);
        }

        assertThat(targeted.n).isGreaterThan(500);
        assertThat(random.n + targeted.n).isEqualTo(sink.reviews.size());
        assertThat(targeted.value()).isGreaterThan(3 * random.value());
    }

    @Test
    void shouldGiveOverlappedUnitsThreeDistinctAnnotatorsWhenExpectedAnnotationsIsThree() {
        CollectingSink sink =
                run(SimulatorConfig.defaults().withLabelsPerHour(10_000), Duration.ofHours(3), Duration.ofMinutes(30));
        Map<String, List<LabelEvent>> byUnit = new HashMap<>();
        sink.labels.forEach(l ->
                byUnit.computeIfAbsent(l.getUnitId(), k -> new ArrayList<>()).add(l));
        // An overlapped unit's labels span up to 90 minutes: judge the units that arrived in the first hour.
        Instant cutoff = SimulatorConfig.DEFAULT_START.plus(Duration.ofHours(1));
        long overlapped = 0;
        long disagreeing = 0;
        long gold = 0;
        for (List<LabelEvent> unit : byUnit.values()) {
            LabelEvent first = unit.get(0);
            if (!first.getLabeledAt().isBefore(cutoff)) {
                continue;
            }
            assertThat(unit).allMatch(l -> l.getExpectedAnnotations() == first.getExpectedAnnotations());
            assertThat(unit).allMatch(l -> l.getItemId().equals(first.getItemId()));
            assertThat(unit).hasSize(first.getExpectedAnnotations());
            if (first.getExpectedAnnotations() == 3) {
                overlapped++;
                assertThat(unit).extracting(LabelEvent::getAnnotatorId).doesNotHaveDuplicates();
                assertThat(unit).allMatch(l -> l.getGoldLabel() == null);
                if (unit.stream().map(LabelEvent::getClassLabel).distinct().count() > 1) {
                    disagreeing++;
                }
            } else {
                assertThat(first.getExpectedAnnotations()).isEqualTo(1);
                if (first.getGoldLabel() != null) {
                    gold++;
                }
            }
        }

        assertThat(overlapped).isGreaterThan(500);
        assertThat(disagreeing).isPositive().isLessThan(overlapped / 5);
        assertThat(gold).isGreaterThan(200);
    }

    @Test
    void shouldRecordWrongClassWithTheTrueClassWhenReviewerCorrectsIt() {
        CollectingSink sink = run(
                SimulatorConfig.defaults().withLabelsPerHour(10_000).withRandomSamplingRate(1.0),
                Duration.ofHours(2),
                Duration.ofHours(1));
        Map<String, LabelEvent> labels = new HashMap<>();
        sink.labels.forEach(l -> labels.put(l.getEventId(), l));

        List<ReviewEvent> wrongClass = sink.reviews.stream()
                .filter(r -> r.getErrorTypes().contains(ErrorType.WRONG_CLASS))
                .toList();
        assertThat(wrongClass).hasSizeGreaterThan(50).allSatisfy(r -> {
            assertThat(r.getVerdict()).isEqualTo(Verdict.CORRECTED);
            assertThat(r.getCorrectedClass()).isNotNull().isNotEqualTo(r.getClassLabel());
            LabelEvent label = labels.get(r.getLabelEventId());
            if (label.getGoldLabel() != null) {
                assertThat(label.getGoldLabel()).isEqualTo(r.getCorrectedClass());
            }
        });
        assertThat(sink.reviews)
                .filteredOn(r -> r.getVerdict() == Verdict.ACCEPTED)
                .allMatch(r -> r.getErrorTypes().isEmpty() && r.getCorrectedClass() == null);
        assertThat(sink.reviews)
                .filteredOn(r -> r.getVerdict() != Verdict.ACCEPTED)
                .allMatch(r -> r.getErrorTypes().size() == 1);
        assertThat(wrongClass)
                .filteredOn(r -> r.getClassLabel().equals("vehicle.car"))
                .allMatch(r -> r.getCorrectedClass().equals("vehicle.truck"));
    }

    @Test
    void shouldBuildRecordsValidForTheirSchemaWhenRoundTrippedThroughAvroBinary() throws IOException {
        AvroTrust.trustLabelwatchEvents();
        CollectingSink sink = run(
                SimulatorConfig.defaults()
                        .withLabelsPerHour(2_000)
                        .withScenarios(
                                Scenario.guidelineChange(Duration.ofMinutes(20)),
                                Scenario.rogueAnnotator(Duration.ofMinutes(20)),
                                Scenario.vendorOnboarding(Duration.ofMinutes(20)),
                                Scenario.toolBug(Duration.ofMinutes(20))),
                Duration.ofHours(1),
                Duration.ofMinutes(10));
        List<SpecificRecord> records = new ArrayList<>(sink.events);
        records.addAll(TaxonomyCatalog.classes());

        assertThat(sink.reviews).isNotEmpty();
        for (SpecificRecord record : records) {
            assertThat(roundTrip(record)).isEqualTo(record);
        }
    }

    @Test
    void shouldRejectNegativeStepWhenAdvanced() {
        Simulator simulator = new Simulator(SimulatorConfig.defaults());

        assertThatThrownBy(() -> simulator.advance(Duration.ofSeconds(-1), new CollectingSink()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T roundTrip(T record) throws IOException {
        Class<T> type = (Class<T>) record.getClass();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(type).write(record, encoder);
        encoder.flush();
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null);
        return new SpecificDatumReader<>(type).read(null, decoder);
    }
}
