package io.labelwatch.topology.agreement;

import io.labelwatch.attribution.ConsecutiveOutliers;
import io.labelwatch.spc.IndividualsChartConfig;
import io.labelwatch.spc.IndividualsMonitor;
import io.labelwatch.spc.ProportionChartConfig;
import io.labelwatch.spc.ProportionMonitor;
import io.labelwatch.topology.state.BinaryState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the agreement and gold charts of one pipeline remember between windows: the individuals monitor of
 * alpha, the p chart of gold errors, their open alerts, and one funnel-outlier tracker per metric with its open
 * annotator alerts (keyed {@code <METRIC>|<annotator>}).
 */
final class AgreementState {
    /** Format 2 added {@link OpenAlert#recentZ}; format 1 is still read, with no quiet-run values. */
    private static final byte FORMAT = 2;

    private static final byte FORMAT_WITHOUT_RUN_Z = 1;

    /** An alert that is FIRING: its id and lifecycle counters. */
    static final class OpenAlert {
        final String alertId;
        final long firstFiredAt;
        int occurrences;
        int inControlRun;
        /** The clamped z of the last in-control windows, oldest first ({@link io.labelwatch.spc.Recovery}). */
        double[] recentZ = new double[0];

        OpenAlert(String alertId, long firstFiredAt, int occurrences, int inControlRun) {
            this.alertId = alertId;
            this.firstFiredAt = firstFiredAt;
            this.occurrences = occurrences;
            this.inControlRun = inControlRun;
        }
    }

    IndividualsMonitor alpha;
    ProportionMonitor gold;
    OpenAlert alphaAlert;
    OpenAlert goldAlert;
    ConsecutiveOutliers agreementOutliers;
    ConsecutiveOutliers goldOutliers;
    final Map<String, OpenAlert> annotatorAlerts = new TreeMap<>();
    long windows;

    static AgreementState fresh(IndividualsChartConfig alphaConfig, ProportionChartConfig goldConfig) {
        AgreementState s = new AgreementState();
        s.alpha = new IndividualsMonitor(alphaConfig);
        s.gold = new ProportionMonitor(goldConfig);
        s.agreementOutliers = new ConsecutiveOutliers();
        s.goldOutliers = new ConsecutiveOutliers();
        return s;
    }

    byte[] toBytes() {
        return BinaryState.encode(out -> {
            out.writeByte(FORMAT);
            BinaryState.writeBytes(out, alpha.toBytes());
            BinaryState.writeBytes(out, gold.toBytes());
            writeAlert(out, alphaAlert);
            writeAlert(out, goldAlert);
            BinaryState.writeBytes(out, agreementOutliers.toBytes());
            BinaryState.writeBytes(out, goldOutliers.toBytes());
            out.writeInt(annotatorAlerts.size());
            for (Map.Entry<String, OpenAlert> e : annotatorAlerts.entrySet()) {
                out.writeUTF(e.getKey());
                writeAlert(out, e.getValue());
            }
            out.writeLong(windows);
        });
    }

    static AgreementState fromBytes(IndividualsChartConfig alphaConfig, ProportionChartConfig goldConfig, byte[] data) {
        return BinaryState.decode(data, in -> {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_WITHOUT_RUN_Z) {
                throw new IOException("unknown AgreementState format " + format);
            }
            AgreementState s = new AgreementState();
            s.alpha = IndividualsMonitor.fromBytes(alphaConfig, BinaryState.readBytes(in));
            s.gold = ProportionMonitor.fromBytes(goldConfig, BinaryState.readBytes(in));
            boolean runZ = format == FORMAT;
            s.alphaAlert = readAlert(in, runZ);
            s.goldAlert = readAlert(in, runZ);
            s.agreementOutliers = ConsecutiveOutliers.fromBytes(BinaryState.readBytes(in));
            s.goldOutliers = ConsecutiveOutliers.fromBytes(BinaryState.readBytes(in));
            int alerts = in.readInt();
            for (int i = 0; i < alerts; i++) {
                s.annotatorAlerts.put(in.readUTF(), readAlert(in, runZ));
            }
            s.windows = in.readLong();
            return s;
        });
    }

    private static void writeAlert(DataOutputStream out, OpenAlert alert) throws IOException {
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

    private static OpenAlert readAlert(DataInputStream in, boolean runZ) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        OpenAlert alert = new OpenAlert(in.readUTF(), in.readLong(), in.readInt(), in.readInt());
        if (runZ) {
            alert.recentZ = new double[in.readInt()];
            for (int i = 0; i < alert.recentZ.length; i++) {
                alert.recentZ[i] = in.readDouble();
            }
        }
        return alert;
    }
}
