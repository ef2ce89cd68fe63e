package io.labelwatch.topology.agreement;

import io.labelwatch.topology.state.BinaryState;
import java.util.SortedMap;
import java.util.TreeMap;

/** A unit being assembled: its labels so far, one per distinct annotator (a later label of an annotator replaces). */
final class OpenUnit {
    private static final byte FORMAT = 1;

    String pipeline;
    String taxonomyVersion;
    int expected;
    long lastLabelAt = Long.MIN_VALUE;
    String goldLabel;
    final SortedMap<String, String> labels = new TreeMap<>();

    long deadline(long timeoutMillis) {
        return lastLabelAt + timeoutMillis;
    }

    ClosedUnit close(String unitId, long eventTime, ClosedUnit.ClosedBy by) {
        return new ClosedUnit(unitId, pipeline, taxonomyVersion, eventTime, expected, by, goldLabel, labels);
    }

    byte[] toBytes() {
        return BinaryState.encode(out -> {
            out.writeByte(FORMAT);
            out.writeUTF(pipeline);
            BinaryState.writeNullableString(out, taxonomyVersion);
            out.writeInt(expected);
            out.writeLong(lastLabelAt);
            BinaryState.writeNullableString(out, goldLabel);
            out.writeInt(labels.size());
            for (var e : labels.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        });
    }

    static OpenUnit fromBytes(byte[] data) {
        return BinaryState.decode(data, in -> {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new java.io.IOException("unknown OpenUnit format " + format);
            }
            OpenUnit u = new OpenUnit();
            u.pipeline = in.readUTF();
            u.taxonomyVersion = BinaryState.readNullableString(in);
            u.expected = in.readInt();
            u.lastLabelAt = in.readLong();
            u.goldLabel = BinaryState.readNullableString(in);
            int size = in.readInt();
            for (int i = 0; i < size; i++) {
                u.labels.put(in.readUTF(), in.readUTF());
            }
            return u;
        });
    }
}
