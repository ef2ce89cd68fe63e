package io.labelwatch.simulator;

import io.labelwatch.events.ErrorType;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.ReviewStage;
import io.labelwatch.events.Sampling;
import io.labelwatch.events.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A seeded, deterministic model of an autonomous-driving labeling operation that emits {@link LabelEvent}s and
 * {@link ReviewEvent}s in simulated time, with the configured {@link Scenario}s injected.
 *
 * <p><b>Model.</b> Units (objects to label) arrive as a Poisson process, half in each {@link Pipeline}. A share of
 * units is overlapped (3 distinct annotators, minutes apart), a share is gold. On an ordinary or gold unit the
 * annotator's class is drawn from the class frequencies and the label is defective with probability {@code base
 * error rate of that class × annotator skill} (plus any scenario excess): error rates are per class <i>as
 * labelled</i>, which is how the charts group reviews. A wrong-class defect's true class is the confusable partner
 * (car↔truck, adult↔child, bicycle↔motorcycle, …). On an overlapped unit the true class is drawn and each annotator's
 * label is the truth unless they make a wrong-class error, which gives the label disagreement agreement statistics
 * measure. Each label gets a RANDOM review with the configured rate (FULL at rate 1), otherwise possibly a TARGETED
 * review that prefers defective labels; reviews follow their label by 2–25 simulated minutes. Reviewers see the
 * truth: the verdict is CORRECTED or REJECTED exactly when the label is defective.
 *
 * <p><b>Determinism.</b> Every draw comes from one {@link SplittableRandom} seeded by {@link SimulatorConfig#seed()},
 * in unit-arrival order, and no draw depends on how time is cut into steps: the same seed and the same total
 * simulated time give the same events, whatever the steps. Ids are {@code sim<seed>-l-<n>} (labels),
 * {@code sim<seed>-r-<n>} (reviews) and {@code sim<seed>-u-<n>} (units), unique within a seed.
 *
 * <p>Not thread-safe: one thread calls {@link #advance}.
 */
public final class Simulator {

    private static final int OVERLAP = 3;
    private static final long MINUTE_MS = 60_000L;
    private static final long HOUR_MS = 3_600_000L;
    private static final int UNITS_PER_FRAME = 8;
    private static final int UNITS_PER_TASK = 400;
    private static final List<String> REVIEWERS = List.of(
            "qa/rev-01", "qa/rev-02", "qa/rev-03", "qa/rev-04", "qa/rev-05", "qa/rev-06", "qa/rev-07", "qa/rev-08");
    private static final double MAX_ERROR_PROBABILITY = 0.95;
    private static final ErrorType[] BASE_ERROR_TYPES = {
        ErrorType.WRONG_CLASS,
        ErrorType.GEOMETRY,
        ErrorType.ATTRIBUTE,
        ErrorType.MISSING_OBJECT,
        ErrorType.EXTRA_OBJECT,
        ErrorType.OTHER
    };
    private static final double[] BASE_ERROR_TYPE_SHARES = {0.30, 0.35, 0.15, 0.08, 0.07, 0.05};

    private final SimulatorConfig config;
    private final SplittableRandom random;
    private final Workforce workforce;
    private final List<Scenario> scenarios;
    private final long[] scenarioStartMs;
    private final List<GroundTruth> groundTruth;
    private final Map<Scenario, List<Annotator>> newTeams = new HashMap<>();
    private final Map<Long, Roster> rosters = new HashMap<>();
    private final String tag;
    private final double meanInterArrivalMs;
    private final double[] classCumulative;
    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(Comparator.comparingLong(Pending::time).thenComparingLong(Pending::sequence));

    private long nowMs;
    private double nextArrivalMs;
    private long sequence;
    private long units;
    private final long[] pipelineUnits = new long[Pipeline.values().length];
    private long labels;
    private long reviews;
    private long labelsEmitted;
    private long reviewsEmitted;

    public Simulator(SimulatorConfig config) {
        this.config = config;
        SplittableRandom root = new SplittableRandom(config.seed());
        SplittableRandom workforceRandom = root.split();
        this.random = root.split();
        this.workforce = new Workforce(workforceRandom);
        this.scenarios = config.scenarios();
        this.scenarioStartMs = new long[scenarios.size()];
        List<GroundTruth> truths = new ArrayList<>();
        this.nowMs = config.start().toEpochMilli();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            GroundTruth truth = scenario.groundTruth(config.start());
            truths.add(truth);
            scenarioStartMs[i] = truth.startsAt().toEpochMilli();
            schedule(scenarioStartMs[i], truth);
            if (scenario.type() == ScenarioType.ROGUE_ANNOTATOR) {
                workforce.annotator(scenario.subject());
            }
            if (scenario.type() == ScenarioType.VENDOR_ONBOARDING) {
                if (Workforce.BASE_VENDORS.contains(scenario.subject())) {
                    throw new IllegalArgumentException(
                            "onboarding vendor must be new, " + scenario.subject() + " is already working");
                }
                newTeams.put(
                        scenario,
                        Workforce.newTeam(
                                workforceRandom, scenario.subject(), scenario.headcount(), scenario.errorMultiplier()));
            }
        }
        this.groundTruth = List.copyOf(truths);
        this.tag = "sim" + Long.toUnsignedString(config.seed(), 36);
        double labelsPerUnit = 1 + (OVERLAP - 1) * config.overlapShare();
        this.meanInterArrivalMs = HOUR_MS * labelsPerUnit / config.labelsPerHour();
        this.classCumulative = cumulative(TaxonomyCatalog.leaves().stream()
                .mapToDouble(ClassProfile::frequency)
                .toArray());
        this.nextArrivalMs = nowMs + exponential();
    }

    /** The current simulated time: everything before it has been emitted. */
    public Instant now() {
        return Instant.ofEpochMilli(nowMs);
    }

    /**
     * Moves simulated time forward by {@code simulatedStep} and delivers to {@code sink}, in event-time order, every
     * label, review and scenario start whose time falls in {@code [now, now + step)}. A zero step emits nothing.
     */
    public void advance(Duration simulatedStep, EventSink sink) {
        if (simulatedStep.isNegative()) {
            throw new IllegalArgumentException("simulated step must not be negative: " + simulatedStep);
        }
        long endMs = Math.addExact(nowMs, simulatedStep.toMillis());
        while (nextArrivalMs < endMs) {
            generateUnit((long) Math.floor(nextArrivalMs));
            nextArrivalMs += exponential();
        }
        while (!pending.isEmpty() && pending.peek().time() < endMs) {
            Object event = pending.poll().event();
            if (event instanceof LabelEvent label) {
                labelsEmitted++;
                sink.label(label);
            } else if (event instanceof ReviewEvent review) {
                reviewsEmitted++;
                sink.review(review);
            } else {
                sink.scenarioStarted((GroundTruth) event);
            }
        }
        nowMs = endMs;
    }

    public SimulatorConfig config() {
        return config;
    }

    /** Ground truth of every configured scenario, in configuration order. */
    public List<GroundTruth> groundTruth() {
        return groundTruth;
    }

    /** The base workforce (vendors onboarded by a scenario are not in it). */
    public Workforce workforce() {
        return workforce;
    }

    /** Label events delivered so far. */
    public long labelsEmitted() {
        return labelsEmitted;
    }

    /** Review events delivered so far. */
    public long reviewsEmitted() {
        return reviewsEmitted;
    }

    private void generateUnit(long timeMs) {
        Pipeline pipeline = random.nextBoolean() ? Pipeline.CAMERA_2D_BOXES : Pipeline.LIDAR_3D_CUBOIDS;
        long pipelineUnit = pipelineUnits[pipeline.ordinal()]++;
        Unit unit = new Unit(
                pipeline,
                tag + "-u-" + units++,
                tag + "-" + pipeline.id() + "-frame-" + pipelineUnit / UNITS_PER_FRAME,
                pipeline.id() + "-task-" + pipelineUnit / UNITS_PER_TASK,
                SceneObject.draw(random));
        double kind = random.nextDouble();
        Roster roster = roster(pipeline, timeMs);
        ClassProfile drawn = TaxonomyCatalog.leaves().get(pick(classCumulative, random.nextDouble()));
        if (kind < config.overlapShare()) {
            overlappedUnit(unit, drawn, roster, timeMs);
            return;
        }
        boolean gold = kind < config.overlapShare() + config.goldShare();
        Annotator annotator = roster.draw(random);
        String tool = toolVersion(annotator, timeMs);
        Defect defect = drawDefect(pipeline, drawn, annotator, timeMs, tool);
        String truth =
                defect != null && defect.type() == ErrorType.WRONG_CLASS ? drawn.confusableWith() : drawn.classLabel();
        emitLabel(unit, annotator, tool, timeMs, 1, drawn, truth, gold ? truth : null, defect);
    }

    private void overlappedUnit(Unit unit, ClassProfile truth, Roster roster, long arrivalMs) {
        List<Annotator> chosen = new ArrayList<>(OVERLAP);
        while (chosen.size() < OVERLAP) {
            Annotator candidate = roster.draw(random);
            if (!chosen.contains(candidate)) {
                chosen.add(candidate);
            }
        }
        long timeMs = arrivalMs;
        for (Annotator annotator : chosen) {
            String tool = toolVersion(annotator, timeMs);
            Defect defect = confusion(unit.pipeline(), annotator, truth, timeMs);
            if (defect == null) {
                defect = drawDefect(unit.pipeline(), truth, annotator, timeMs, tool);
            }
            ClassProfile labelled = truth;
            if (defect != null && defect.type() == ErrorType.WRONG_CLASS) {
                labelled = TaxonomyCatalog.profile(
                        defect.confusedWith() != null ? defect.confusedWith() : truth.confusableWith());
            }
            emitLabel(unit, annotator, tool, timeMs, OVERLAP, labelled, truth.classLabel(), null, defect);
            timeMs += 2 * MINUTE_MS + random.nextLong(43 * MINUTE_MS);
        }
    }

    private void emitLabel(
            Unit unit,
            Annotator annotator,
            String tool,
            long timeMs,
            int expected,
            ClassProfile labelled,
            String truth,
            String goldLabel,
            Defect defect) {
        ErrorType errorType = defect == null ? null : defect.type();
        Pipeline pipeline = unit.pipeline();
        LabelEvent label = LabelEvent.newBuilder()
                .setEventId(tag + "-l-" + labels++)
                .setUnitId(unit.unitId())
                .setItemId(unit.itemId())
                .setPipeline(pipeline.id())
                .setModality(pipeline.modality())
                .setTaxonomyVersion(TaxonomyCatalog.TAXONOMY_VERSION)
                .setClassLabel(labelled.classLabel())
                .setAttributes(unit.object().attributes(pipeline, labelled, errorType == ErrorType.ATTRIBUTE))
                .setAnnotatorId(annotator.id())
                .setVendor(annotator.vendor())
                .setTaskId(unit.taskId())
                .setGuidelineVersion(guidelineVersion(pipeline, timeMs))
                .setToolVersion(tool)
                .setExpectedAnnotations(expected)
                .setGoldLabel(goldLabel)
                .setGeometry(unit.object().geometry(pipeline, labelled, errorType == ErrorType.GEOMETRY, random))
                .setLabeledAt(Instant.ofEpochMilli(timeMs))
                .build();
        schedule(timeMs, label);
        maybeReview(label, truth, defect, timeMs);
    }

    private void maybeReview(LabelEvent label, String truth, Defect defect, long labelledMs) {
        Sampling sampling;
        double rate;
        if (config.randomSamplingRate() >= 1.0) {
            sampling = Sampling.FULL;
            rate = 1.0;
        } else if (random.nextDouble() < config.randomSamplingRate()) {
            sampling = Sampling.RANDOM;
            rate = config.randomSamplingRate();
        } else {
            double targeted =
                    Math.min(1.0, config.targetedRate() * (defect == null ? 1.0 : config.targetedEnrichment()));
            if (!(random.nextDouble() < targeted)) {
                return;
            }
            sampling = Sampling.TARGETED;
            rate = targeted;
        }
        long reviewedMs = labelledMs + 2 * MINUTE_MS + random.nextLong(23 * MINUTE_MS);
        ReviewEvent review = ReviewEvent.newBuilder()
                .setEventId(tag + "-r-" + reviews++)
                .setLabelEventId(label.getEventId())
                .setUnitId(label.getUnitId())
                .setPipeline(label.getPipeline())
                .setModality(label.getModality())
                .setTaxonomyVersion(label.getTaxonomyVersion())
                .setClassLabel(label.getClassLabel())
                .setAnnotatorId(label.getAnnotatorId())
                .setVendor(label.getVendor())
                .setGuidelineVersion(label.getGuidelineVersion())
                .setToolVersion(label.getToolVersion())
                .setReviewerId(REVIEWERS.get(random.nextInt(REVIEWERS.size())))
                .setStage(ReviewStage.QA)
                .setSampling(sampling)
                .setSamplingRate(rate)
                .setVerdict(defect == null ? Verdict.ACCEPTED : defect.verdict())
                .setErrorTypes(defect == null ? List.of() : List.of(defect.type()))
                .setCorrectedClass(defect != null && defect.type() == ErrorType.WRONG_CLASS ? truth : null)
                .setReviewedAt(Instant.ofEpochMilli(reviewedMs))
                .build();
        schedule(reviewedMs, review);
    }

    /**
     * Whether the label of {@code cls} by {@code annotator} is defective: base rate × skill, plus each active
     * scenario's excess, capped at {@value #MAX_ERROR_PROBABILITY}. One uniform draw decides both whether and which
     * source, so the excess of a scenario carries that scenario's error type.
     */
    private Defect drawDefect(Pipeline pipeline, ClassProfile cls, Annotator annotator, long timeMs, String tool) {
        double base = cls.baseErrorRate() * annotator.errorMultiplier();
        double total = base;
        for (int i = 0; i < scenarios.size(); i++) {
            total += excess(i, pipeline, cls, annotator, timeMs, tool, base);
        }
        double scale = total > MAX_ERROR_PROBABILITY ? MAX_ERROR_PROBABILITY / total : 1.0;
        double u = random.nextDouble() / scale;
        if (!(u < total)) {
            return null;
        }
        if (u < base) {
            return baseDefect();
        }
        u -= base;
        for (int i = 0; i < scenarios.size(); i++) {
            double excess = excess(i, pipeline, cls, annotator, timeMs, tool, base);
            if (u < excess) {
                return switch (scenarios.get(i).type()) {
                    case GUIDELINE_CHANGE ->
                        new Defect(
                                random.nextBoolean() ? ErrorType.GEOMETRY : ErrorType.ATTRIBUTE,
                                Verdict.CORRECTED,
                                null);
                    case ROGUE_ANNOTATOR -> new Defect(ErrorType.WRONG_CLASS, Verdict.CORRECTED, null);
                    case TOOL_BUG -> new Defect(ErrorType.GEOMETRY, Verdict.CORRECTED, null);
                    default -> throw new IllegalStateException("no excess from " + scenarios.get(i));
                };
            }
            u -= excess;
        }
        return baseDefect();
    }

    private double excess(
            int index,
            Pipeline pipeline,
            ClassProfile cls,
            Annotator annotator,
            long timeMs,
            String tool,
            double base) {
        Scenario scenario = scenarios.get(index);
        if (timeMs < scenarioStartMs[index]
                || scenario.pipeline() != pipeline
                || !cls.classLabel().equals(scenario.classLabel())) {
            return 0.0;
        }
        boolean applies = switch (scenario.type()) {
            case GUIDELINE_CHANGE -> true;
            case ROGUE_ANNOTATOR -> annotator.id().equals(scenario.subject());
            case TOOL_BUG -> tool.equals(scenario.subject());
            default -> false;
        };
        return applies ? (scenario.errorMultiplier() - 1) * base : 0.0;
    }

    private Defect baseDefect() {
        ErrorType type = BASE_ERROR_TYPES[pickShare(BASE_ERROR_TYPE_SHARES, random.nextDouble())];
        Verdict verdict = switch (type) {
            case EXTRA_OBJECT, OTHER -> Verdict.REJECTED;
            case GEOMETRY -> random.nextDouble() < 0.2 ? Verdict.REJECTED : Verdict.CORRECTED;
            default -> Verdict.CORRECTED;
        };
        return new Defect(type, verdict, null);
    }

    /** An onboarding vendor's annotator on an overlapped unit picks a random other class now and then. */
    private Defect confusion(Pipeline pipeline, Annotator annotator, ClassProfile truth, long timeMs) {
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            if (scenario.type() == ScenarioType.VENDOR_ONBOARDING
                    && scenario.pipeline() == pipeline
                    && timeMs >= scenarioStartMs[i]
                    && annotator.vendor().equals(scenario.subject())
                    && random.nextDouble() < scenario.confusionRate()) {
                List<ClassProfile> leaves = TaxonomyCatalog.leaves();
                int other = random.nextInt(leaves.size() - 1);
                int truthIndex = leaves.indexOf(truth);
                ClassProfile confused = leaves.get(other >= truthIndex ? other + 1 : other);
                return new Defect(ErrorType.WRONG_CLASS, Verdict.CORRECTED, confused.classLabel());
            }
        }
        return null;
    }

    private String guidelineVersion(Pipeline pipeline, long timeMs) {
        String version = Scenario.GUIDELINE_VERSION;
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            if (scenario.type() == ScenarioType.GUIDELINE_CHANGE
                    && scenario.pipeline() == pipeline
                    && timeMs >= scenarioStartMs[i]) {
                version = scenario.subject();
            }
        }
        return version;
    }

    /** A tool release reaches the even-numbered annotators of every vendor (half of the workforce). */
    private String toolVersion(Annotator annotator, long timeMs) {
        String version = Scenario.TOOL_VERSION;
        for (int i = 0; i < scenarios.size(); i++) {
            if (scenarios.get(i).type() == ScenarioType.TOOL_BUG
                    && timeMs >= scenarioStartMs[i]
                    && annotator.number() % 2 == 0) {
                version = scenarios.get(i).subject();
            }
        }
        return version;
    }

    /** Who works on the pipeline at this time, weighted by throughput; cached per set of started scenarios. */
    private Roster roster(Pipeline pipeline, long timeMs) {
        long key = pipeline.ordinal();
        for (int i = 0; i < scenarios.size(); i++) {
            if (timeMs >= scenarioStartMs[i]) {
                key |= 1L << (i + 1);
            }
        }
        return rosters.computeIfAbsent(key, k -> buildRoster(pipeline, timeMs));
    }

    private Roster buildRoster(Pipeline pipeline, long timeMs) {
        List<Annotator> annotators = new ArrayList<>(workforce.base());
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario scenario = scenarios.get(i);
            if (scenario.type() == ScenarioType.VENDOR_ONBOARDING
                    && scenario.pipeline() == pipeline
                    && timeMs >= scenarioStartMs[i]) {
                annotators.addAll(newTeams.get(scenario));
            }
        }
        for (Annotator annotator : annotators) {
            double weight = annotator.throughput();
            for (int i = 0; i < scenarios.size(); i++) {
                Scenario scenario = scenarios.get(i);
                if (scenario.type() == ScenarioType.ROGUE_ANNOTATOR
                        && scenario.pipeline() == pipeline
                        && timeMs >= scenarioStartMs[i]
                        && annotator.id().equals(scenario.subject())) {
                    weight *= scenario.throughputMultiplier();
                }
            }
            weights.add(weight);
        }
        return new Roster(
                List.copyOf(annotators),
                cumulative(weights.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private void schedule(long timeMs, Object event) {
        pending.add(new Pending(timeMs, sequence++, event));
    }

    private double exponential() {
        return -meanInterArrivalMs * Math.log(1.0 - random.nextDouble());
    }

    /** Normalised cumulative sums; the last is exactly 1. */
    private static double[] cumulative(double[] weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double[] cumulative = new double[weights.length];
        double running = 0;
        for (int i = 0; i < weights.length; i++) {
            running += weights[i];
            cumulative[i] = running / total;
        }
        cumulative[weights.length - 1] = 1.0;
        return cumulative;
    }

    /** The first index whose cumulative share exceeds {@code u} in [0, 1). */
    private static int pick(double[] cumulative, double u) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    private static int pickShare(double[] shares, double u) {
        double running = 0;
        for (int i = 0; i < shares.length; i++) {
            running += shares[i];
            if (u < running) {
                return i;
            }
        }
        return shares.length - 1;
    }

    private record Unit(Pipeline pipeline, String unitId, String itemId, String taskId, SceneObject object) {}

    private record Defect(ErrorType type, Verdict verdict, String confusedWith) {}

    private record Pending(long time, long sequence, Object event) {}

    private record Roster(List<Annotator> annotators, double[] cumulative) {
        Annotator draw(SplittableRandom random) {
            return annotators.get(pick(cumulative, random.nextDouble()));
        }
    }
}
