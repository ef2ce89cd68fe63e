package io.labelwatch.topology.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** An alert that is FIRING, as a chart's state remembers it: its id and lifecycle counters. */
public final class OpenAlert {
    public final String alertId;
    public final long firstFiredAt;
    public int occurrences;
    public int inControlRun;
    /** The clamped z of the last in-control windows, oldest first ({@link io.labelwatch.spc.Recovery}). */
    public double[] recentZ = new double[0];

    public OpenAlert(String alertId, long firstFiredAt, int occurrences, int inControlRun) {
        this.alertId = alertId;
        this.firstFiredAt = firstFiredAt;
        this.occurrences = occurrences;
        this.inControlRun = inControlRun;
    }

    /** Writes {@code alert} (null allowed): presence, id, first-fired time, counters, the quiet run's z. */
    public static void write(DataOutputStream out, OpenAlert alert) throws IOException {
        out.writeBoolean(alert != null);
        if (alert != null) {
            out.writeUTF(alert.alertId);
            out.writeLong(alert.firstFiredAt);
            out.writeInt(alert.occurrences);
            out.writeInt(alert.inControlRun);
            out.writeInt(alert.recentZ.length);
            for (double z : alert.recentZ) {
                out.writeDouble(z);
            }
        }
    }

    /**
     * Reads what {@link #write} wrote, or, with {@code recentZ} false, the older layout without the quiet run's z
     * (read as none).
     */
    public static OpenAlert read(DataInputStream in, boolean recentZ) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        OpenAlert alert = new OpenAlert(in.readUTF(), in.readLong(), in.readInt(), in.readInt());
        if (recentZ) {
            alert.recentZ = new double[in.readInt()];
            for (int i = 0; i < alert.recentZ.length; i++) {
                alert.recentZ[i] = in.readDouble();
            }
        }
        return alert;
    }
}
