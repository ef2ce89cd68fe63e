package io.labelwatch.topology.errorrate;

import io.labelwatch.attribution.ConsecutiveOutliers;
import io.labelwatch.attribution.VersionMix;
import io.labelwatch.spc.ProportionChartConfig;
import io.labelwatch.spc.ProportionMonitor;
import io.labelwatch.topology.state.BinaryState;
import io.labelwatch.topology.state.OpenAlert;
import java.util.Map;
import java.util.TreeMap;

/** Everything the error-rate chart of one (pipeline, class) remembers between windows. */
final class ChartState {
    /**
     * Format 3 added {@link OpenAlert#recentZ}; format 2 added {@link #versions}. Formats 2 and 1 are still read
     * (no quiet-run values, and an empty mix for format 1).
     */
    private static final byte FORMAT = 3;

    private static final byte FORMAT_WITHOUT_RUN_Z = 2;
    private static final byte FORMAT_WITHOUT_VERSIONS = 1;

    ProportionMonitor monitor;
    String taxonomyVersion;
    OpenAlert chartAlert;
    ConsecutiveOutliers outliers;
    final Map<String, OpenAlert> annotatorAlerts = new TreeMap<>();
    long windows;
    /** The guideline/tool version mix of the usable in-control windows since the last (re-)baseline. */
    VersionMix versions = new VersionMix();

    static ChartState fresh(ProportionChartConfig config, int annotatorFireAfter) {
        ChartState s = new ChartState();
        s.monitor = new ProportionMonitor(config);
        s.outliers = new ConsecutiveOutliers(
                annotatorFireAfter, ConsecutiveOutliers.DEFAULT_RESOLVE_AFTER, ConsecutiveOutliers.DEFAULT_MAX_TRACKED);
        return s;
    }

    /** Starts a new baseline: Phase I again and a new version mix. */
    void rebaseline() {
        monitor.rebaseline();
        versions.clear();
    }

    byte[] toBytes() {
        return BinaryState.encode(out -> {
            out.writeByte(FORMAT);
            BinaryState.writeBytes(out, monitor.toBytes());
            BinaryState.writeNullableString(out, taxonomyVersion);
            OpenAlert.write(out, chartAlert);
            BinaryState.writeBytes(out, outliers.toBytes());
            out.writeInt(annotatorAlerts.size());
            for (Map.Entry<String, OpenAlert> e : annotatorAlerts.entrySet()) {
                out.writeUTF(e.getKey());
                OpenAlert.write(out, e.getValue());
            }
            out.writeLong(windows);
            BinaryState.writeBytes(out, versions.toBytes());
        });
    }

    /** Reads a stored state under the current configuration: chart settings and the annotator fire-after. */
    static ChartState fromBytes(ProportionChartConfig config, int annotatorFireAfter, byte[] data) {
        return BinaryState.decode(data, in -> {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_WITHOUT_RUN_Z && format != FORMAT_WITHOUT_VERSIONS) {
                throw new java.io.IOException("unknown ChartState format " + format);
            }
            ChartState s = new ChartState();
            s.monitor = ProportionMonitor.fromBytes(config, BinaryState.readBytes(in));
            s.taxonomyVersion = BinaryState.readNullableString(in);
            boolean runZ = format == FORMAT;
            s.chartAlert = OpenAlert.read(in, runZ);
            s.outliers =
                    ConsecutiveOutliers.fromBytes(BinaryState.readBytes(in)).withFireAfter(annotatorFireAfter);
            int alerts = in.readInt();
            for (int i = 0; i < alerts; i++) {
                s.annotatorAlerts.put(in.readUTF(), OpenAlert.read(in, runZ));
            }
            s.windows = in.readLong();
            if (format != FORMAT_WITHOUT_VERSIONS) {
                s.versions = VersionMix.fromBytes(BinaryState.readBytes(in));
            }
            return s;
        });
    }
}
