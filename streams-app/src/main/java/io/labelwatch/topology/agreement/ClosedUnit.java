package io.labelwatch.topology.agreement;

import io.labelwatch.topology.state.BinaryState;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An overlap unit whose assembly is over, as the agreement repartition carries it (key: agreement chart key).
 *
 * @param unitId the unit
 * @param pipeline its pipeline
 * @param taxonomyVersion taxonomy version of its latest label
 * @param eventTime the event time it closed at, which picks its agreement window: the completing label's time, the
 *     idle deadline (last label + unit timeout) on a timeout, or the task's stream time on an early eviction
 * @param expected the annotators planned for the unit
 * @param closedBy why assembly ended
 * @param goldLabel the known answer on a gold unit, else null
 * @param labels annotator id → class_label, one label per distinct annotator (the latest one)
 * @param values annotator id → the value compared for agreement: the class label, or the pipeline's agreement
 *     attribute (annotators whose label lacks a usable value are missing)
 */
record ClosedUnit(
        String unitId,
        String pipeline,
        String taxonomyVersion,
        long eventTime,
        int expected,
        ClosedBy closedBy,
        String goldLabel,
        SortedMap<String, String> labels,
        SortedMap<String, String> values)
        implements AgreementInput {

    /** Format 1 had no compared values (they were the class labels); format 2 adds them when they differ. */
    private static final byte FORMAT = 2;

    /** Why a unit stopped collecting labels. */
    enum ClosedBy {
        /** The expected number of distinct annotators labelled it. */
        COMPLETE,
        /** The unit timeout passed after its last label. */
        TIMEOUT,
        /** Closed early because the task held the maximum number of open units. */
        EVICTED,
        /** A label without overlap (expected_annotations 1), passed on only for its gold check. */
        SINGLE
    }

    ClosedUnit {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        values = values.equals(labels) ? labels : Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    /** Whether the unit has fewer labels than planned (it still counts when it has at least 2). */
    boolean partial() {
        return labels.size() < expected;
    }

    /** Whether at least two annotators gave a value to compare. */
    boolean pairable() {
        return values.size() >= 2;
    }

    /**
     * The taxonomy top-level class of a unit (the first segment of the dotted class_label), for its per-class
     * agreement chart: the top level most of its labels share; when its labels split evenly, the first such top level
     * in name order. So a unit labelled vehicle.car, vehicle.truck, human.pedestrian counts for {@code vehicle}, and
     * one labelled vehicle.car, human.pedestrian for {@code human}.
     */
    static String topLevelClass(Collection<String> classLabels) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String label : classLabels) {
            int dot = label.indexOf('.');
            counts.merge(dot < 0 ? label : label.substring(0, dot), 1, Integer::sum);
        }
        String best = null;
        int most = 0;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    byte[] toBytes() {
        return BinaryState.encode(out -> {
            out.writeByte(FORMAT);
            out.writeUTF(unitId);
            out.writeUTF(pipeline);
            BinaryState.writeNullableString(out, taxonomyVersion);
            out.writeLong(eventTime);
            out.writeInt(expected);
            out.writeByte(closedBy.ordinal());
            BinaryState.writeNullableString(out, goldLabel);
            OpenUnit.writeMap(out, labels);
            boolean own = !values.equals(labels);
            out.writeBoolean(own);
            if (own) {
                OpenUnit.writeMap(out, values);
            }
        });
    }

    static ClosedUnit fromBytes(byte[] data) {
        return BinaryState.decode(data, in -> {
            byte format = in.readByte();
            if (format != 1 && format != FORMAT) {
                throw new IOException("unknown ClosedUnit format " + format);
            }
            String unitId = in.readUTF();
            String pipeline = in.readUTF();
            String taxonomy = BinaryState.readNullableString(in);
            long time = in.readLong();
            int expected = in.readInt();
            ClosedBy closedBy = ClosedBy.values()[in.readByte()];
            String gold = BinaryState.readNullableString(in);
            SortedMap<String, String> labels = OpenUnit.readMap(in);
            SortedMap<String, String> values = format == FORMAT && in.readBoolean() ? OpenUnit.readMap(in) : labels;
            return new ClosedUnit(unitId, pipeline, taxonomy, time, expected, closedBy, gold, labels, values);
        });
    }
}
