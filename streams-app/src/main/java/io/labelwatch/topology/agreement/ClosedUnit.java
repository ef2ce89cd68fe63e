package io.labelwatch.topology.agreement;

import io.labelwatch.topology.state.BinaryState;
import java.util.Collections;
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
 */
record ClosedUnit(
        String unitId,
        String pipeline,
        String taxonomyVersion,
        long eventTime,
        int expected,
        ClosedBy closedBy,
        String goldLabel,
        SortedMap<String, String> labels)
        implements AgreementInput {

    private static final byte FORMAT = 1;

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
    }

    /** Whether the unit has fewer labels than planned (it still counts when it has at least 2). */
    boolean partial() {
        return labels.size() < expected;
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
            out.writeInt(labels.size());
            for (var e : labels.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        });
    }

    static ClosedUnit fromBytes(byte[] data) {
        return BinaryState.decode(data, in -> {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new java.io.IOException("unknown ClosedUnit format " + format);
            }
            String unitId = in.readUTF();
            String pipeline = in.readUTF();
            String taxonomy = BinaryState.readNullableString(in);
            long time = in.readLong();
            int expected = in.readInt();
            ClosedBy closedBy = ClosedBy.values()[in.readByte()];
            String gold = BinaryState.readNullableString(in);
            int size = in.readInt();
            SortedMap<String, String> labels = new TreeMap<>();
            for (int i = 0; i < size; i++) {
                labels.put(in.readUTF(), in.readUTF());
            }
            return new ClosedUnit(unitId, pipeline, taxonomy, time, expected, closedBy, gold, labels);
        });
    }
}
