package io.labelwatch.topology.errorrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.attribution.VersionMix;
import io.labelwatch.spc.ProportionChartConfig;
import io.labelwatch.topology.state.BinaryState;
import io.labelwatch.topology.state.OpenAlert;
import org.junit.jupiter.api.Test;

class ChartStateTest {
    private static final ProportionChartConfig CONFIG = ProportionChartConfig.defaults();

    @Test
    void shouldKeepAnOpenAlertsQuietRunAcrossARestart() {
        ChartState state = ChartState.fresh(CONFIG, 2);
        state.chartAlert = new OpenAlert("error-rate-1", 3_600_000L, 2, 2);
        state.chartAlert.recentZ = new double[] {1.5, 0.25};
        state.annotatorAlerts.put("vendor-a/ann-01", new OpenAlert("error-rate-2", 7_200_000L, 1, 0));
        state.windows = 9;

        ChartState back = ChartState.fromBytes(CONFIG, 2, state.toBytes());

        assertThat(back.chartAlert.alertId).isEqualTo("error-rate-1");
        assertThat(back.chartAlert.inControlRun).isEqualTo(2);
        assertThat(back.chartAlert.recentZ).containsExactly(1.5, 0.25);
        assertThat(back.annotatorAlerts.get("vendor-a/ann-01").recentZ).isEmpty();
        assertThat(back.windows).isEqualTo(9);
    }

    @Test
    void shouldReadAStateWrittenBeforeQuietRunsWereKept() {
        ChartState fresh = ChartState.fresh(CONFIG, 2);
        // Format 2, as the previous release wrote it: the open alert without its quiet-run values.
        byte[] format2 = BinaryState.encode(out -> {
            out.writeByte(2);
            BinaryState.writeBytes(out, fresh.monitor.toBytes());
            BinaryState.writeNullableString(out, "tax-7");
            out.writeBoolean(true);
            out.writeUTF("error-rate-1");
            out.writeLong(3_600_000L);
            out.writeInt(4);
            out.writeInt(1);
            BinaryState.writeBytes(out, fresh.outliers.toBytes());
            out.writeInt(0);
            out.writeLong(12);
            BinaryState.writeBytes(out, new VersionMix().toBytes());
        });

        ChartState read = ChartState.fromBytes(CONFIG, 2, format2);

        assertThat(read.taxonomyVersion).isEqualTo("tax-7");
        assertThat(read.chartAlert.occurrences).isEqualTo(4);
        assertThat(read.chartAlert.inControlRun).isEqualTo(1);
        assertThat(read.chartAlert.recentZ).isEmpty();
        assertThat(read.windows).isEqualTo(12);
    }
}
