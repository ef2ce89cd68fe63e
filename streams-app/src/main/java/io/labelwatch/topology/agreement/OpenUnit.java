package io.labelwatch.topology.agreement;

import io.labelwatch.topology.state.BinaryState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A unit being assembled: its labels so far, one per distinct annotator (a later label of an annotator replaces), and
 * the values compared for agreement when the pipeline compares an attribute rather than the class label.
 */
final class OpenUnit {
    /** Format 1 had no compared values (they were the class labels); format 2 adds them. */
    private static final byte FORMAT = 2;

    String pipeline;
    String taxonomyVersion;
    int expected;
    long lastLabelAt = Long.MIN_VALUE;
    String goldLabel;
    /** Annotator → class_label. */
    final SortedMap<String, String> labels = new TreeMap<>();
    /** Annotator → the attribute value compared for agreement; null when the class labels are compared. */
    SortedMap<String, String> values;

    long deadline(long timeoutMillis) {
        return lastLabelAt + timeoutMillis;
    }

    /** The values compared for agreement: the attribute values, or the class labels. */
    SortedMap<String, String> compared() {
        return values == null ? labels : values;
    }

    ClosedUnit close(String unitId, long eventTime, ClosedUnit.ClosedBy by) {
        return new ClosedUnit(
                unitId, pipeline, taxonomyVersion, eventTime, expected, by, goldLabel, labels, compared());
    }

    byte[] toBytes() {
        return BinaryState.encode(out -> {
            out.writeByte(FORMAT);
            out.writeUTF(pipeline);
            BinaryState.writeNullableString(out, taxonomyVersion);
            out.writeInt(expected);
            out.writeLong(lastLabelAt);
            BinaryState.writeNullableString(out, goldLabel);
            writeMap(out, labels);
            out.writeBoolean(values != null);
            if (values != null) {
                writeMap(out, values);
            }
        });
    }

    static OpenUnit fromBytes(byte[] data) {
        return BinaryState.decode(data, in -> {
            byte format = in.readByte();
            if (format != 1 && format != FORMAT) {
                throw new IOException("unknown OpenUnit format " + format);
            }
            OpenUnit u = new OpenUnit();
            u.pipeline = in.readUTF();
            u.taxonomyVersion = BinaryState.readNullableString(in);
            u.expected = in.readInt();
            u.lastLabelAt = in.readLong();
            u.goldLabel = BinaryState.readNullableString(in);
            u.labels.putAll(readMap(in));
            if (format == FORMAT && in.readBoolean()) {
                u.values = readMap(in);
            }
            return u;
        });
    }

    /** Writes a string map as its size, then key and value of each entry. */
    static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (var e : map.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    static SortedMap<String, String> readMap(DataInputStream in) throws IOException {
        int size = in.readInt();
        SortedMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            map.put(in.readUTF(), in.readUTF());
        }
        return map;
    }
}
