package io.labelwatch.topology.errorrate;

import io.labelwatch.attribution.Breakdown;
import io.labelwatch.attribution.Dimension;
import io.labelwatch.events.ErrorType;
import io.labelwatch.topology.state.BinaryState;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one (pipeline, class) in one event-time window.
 *
 * <p>Memory is bounded: each attribution breakdown keeps at most {@link Breakdown#DEFAULT_MAX_VALUES} distinct values
 * (later ones fold into "(other)", totals stay exact) and at most {@link #MAX_CONFUSIONS} distinct confusion pairs are
 * kept (later pairs are counted under "(other)").
 */
public final class WindowAggregate {
    public static final int MAX_CONFUSIONS = 50;
    /** Format 2 added Σw²; format 1 is still read (see {@link #fromBytes}). */
    private static final byte FORMAT = 2;

    private static final byte FORMAT_WITHOUT_SQUARES = 1;

    final String pipeline;
    final String classLabel;
    final long windowStart;
    final long windowEnd;
    String taxonomyVersion;
    long latestEventTime = Long.MIN_VALUE;
    /** Charted (RANDOM + FULL) reviews and their defects. */
    long n;

    long defects;
    /** TARGETED and GOLD reviews: counted, never charted. */
    long targeted;

    long targetedDefects;
    /** Horvitz–Thompson weighted totals of the charted reviews (weights 1/sampling_rate). */
    WeightedCounts weighted = WeightedCounts.EMPTY;

    final Map<String, Long> defectsByErrorType = new TreeMap<>();
    final Map<String, Long> confusions = new LinkedHashMap<>();
    final Map<Dimension, Breakdown> breakdowns = new EnumMap<>(Dimension.class);

    WindowAggregate(String pipeline, String classLabel, long windowStart, long windowEnd) {
        this.pipeline = pipeline;
        this.classLabel = classLabel;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
        for (Dimension d : Dimension.values()) {
            breakdowns.put(d, new Breakdown());
        }
    }

    void add(ChartInput.Observation o) {
        if (o.eventTime() >= latestEventTime) {
            latestEventTime = o.eventTime();
            taxonomyVersion = o.taxonomyVersion();
        }
        boolean defect = o.defect();
        if (!o.charted()) {
            targeted++;
            if (defect) {
                targetedDefects++;
            }
            return;
        }
        n++;
        weighted = weighted.plus(o.samplingRate(), defect);
        if (defect) {
            defects++;
            for (ErrorType type : o.errorTypes()) {
                defectsByErrorType.merge(type.name(), 1L, Long::sum);
            }
            if (o.correctedClass() != null && !o.correctedClass().equals(o.classLabel())) {
                String pair = o.classLabel() + " -> " + o.correctedClass();
                if (confusions.containsKey(pair) || confusions.size() < MAX_CONFUSIONS) {
                    confusions.merge(pair, 1L, Long::sum);
                } else {
                    confusions.merge("(other)", 1L, Long::sum);
                }
            }
        }
        breakdowns.get(Dimension.ANNOTATOR).addReview(o.annotator(), defect);
        breakdowns.get(Dimension.VENDOR).addReview(o.vendor(), defect);
        breakdowns.get(Dimension.GUIDELINE_VERSION).addReview(o.guidelineVersion(), defect);
        breakdowns.get(Dimension.TOOL_VERSION).addReview(o.toolVersion(), defect);
    }

    byte[] toBytes() {
        return BinaryState.encode(out -> {
            out.writeByte(FORMAT);
            out.writeUTF(pipeline);
            out.writeUTF(classLabel);
            out.writeLong(windowStart);
            out.writeLong(windowEnd);
            BinaryState.writeNullableString(out, taxonomyVersion);
            out.writeLong(latestEventTime);
            out.writeLong(n);
            out.writeLong(defects);
            out.writeLong(targeted);
            out.writeLong(targetedDefects);
            out.writeDouble(weighted.sumWeights());
            out.writeDouble(weighted.sumWeightedDefects());
            out.writeDouble(weighted.sumSquaredWeights());
            BinaryState.writeCounts(out, defectsByErrorType);
            BinaryState.writeCounts(out, confusions);
            for (Dimension d : Dimension.values()) {
                BinaryState.writeBytes(out, breakdowns.get(d).toBytes());
            }
        });
    }

    static WindowAggregate fromBytes(byte[] data) {
        return BinaryState.decode(data, in -> {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_WITHOUT_SQUARES) {
                throw new java.io.IOException("unknown WindowAggregate format " + format);
            }
            WindowAggregate a = new WindowAggregate(in.readUTF(), in.readUTF(), in.readLong(), in.readLong());
            a.taxonomyVersion = BinaryState.readNullableString(in);
            a.latestEventTime = in.readLong();
            a.n = in.readLong();
            a.defects = in.readLong();
            a.targeted = in.readLong();
            a.targetedDefects = in.readLong();
            double sumWeights = in.readDouble();
            double sumWeightedDefects = in.readDouble();
            // A window opened before Σw² was kept (format 1) charts as if its weights were equal, so n_eff = n.
            double sumSquares =
                    format == FORMAT_WITHOUT_SQUARES ? (a.n == 0 ? 0 : sumWeights * sumWeights / a.n) : in.readDouble();
            a.weighted = new WeightedCounts(sumWeights, sumWeightedDefects, sumSquares);
            a.defectsByErrorType.putAll(BinaryState.readCounts(in));
            a.confusions.putAll(BinaryState.readCounts(in));
            for (Dimension d : Dimension.values()) {
                a.breakdowns.put(d, Breakdown.fromBytes(BinaryState.readBytes(in)));
            }
            return a;
        });
    }
}
