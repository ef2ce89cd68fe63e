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
    private static final byte FORMAT = 1;

    /** An alert that is FIRING: its id and lifecycle counters. */
    static final class OpenAlert {
        final String alertId;
        final long firstFiredAt;
        int occurrences;
        int inControlRun;

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
            if (format != FORMAT) {
                throw new IOException("unknown AgreementState format " + format);
            }
            AgreementState s = new AgreementState();
            s.alpha = IndividualsMonitor.fromBytes(alphaConfig, BinaryState.readBytes(in));
            s.gold = ProportionMonitor.fromBytes(goldConfig, BinaryState.readBytes(in));
            s.alphaAlert = readAlert(in);
            s.goldAlert = readAlert(in);
            s.agreementOutliers = ConsecutiveOutliers.fromBytes(BinaryState.readBytes(in));
            s.goldOutliers = ConsecutiveOutliers.fromBytes(BinaryState.readBytes(in));
            int alerts = in.readInt();
            for (int i = 0; i < alerts; i++) {
                s.annotatorAlerts.put(in.readUTF(), readAlert(in));
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
        }
    }

    private static OpenAlert readAlert(DataInputStream in) throws IOException {
        return in.readBoolean() ? new OpenAlert(in.readUTF(), in.readLong(), in.readInt(), in.readInt()) : null;
    }
}
