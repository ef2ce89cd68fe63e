package io.labelwatch.topology.agreement;

import io.labelwatch.attribution.ConsecutiveOutliers;
import io.labelwatch.spc.IndividualsChartConfig;
import io.labelwatch.spc.IndividualsMonitor;
import io.labelwatch.spc.ProportionChartConfig;
import io.labelwatch.spc.ProportionMonitor;
import io.labelwatch.topology.state.BinaryState;
import io.labelwatch.topology.state.OpenAlert;
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
            OpenAlert.write(out, alphaAlert);
            OpenAlert.write(out, goldAlert);
            BinaryState.writeBytes(out, agreementOutliers.toBytes());
            BinaryState.writeBytes(out, goldOutliers.toBytes());
            out.writeInt(annotatorAlerts.size());
            for (Map.Entry<String, OpenAlert> e : annotatorAlerts.entrySet()) {
                out.writeUTF(e.getKey());
                OpenAlert.write(out, e.getValue());
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
            s.alphaAlert = OpenAlert.read(in, runZ);
            s.goldAlert = OpenAlert.read(in, runZ);
            s.agreementOutliers = ConsecutiveOutliers.fromBytes(BinaryState.readBytes(in));
            s.goldOutliers = ConsecutiveOutliers.fromBytes(BinaryState.readBytes(in));
            int alerts = in.readInt();
            for (int i = 0; i < alerts; i++) {
                s.annotatorAlerts.put(in.readUTF(), OpenAlert.read(in, runZ));
            }
            s.windows = in.readLong();
            return s;
        });
    }
}
