package io.labelwatch.spc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Incremental proportion chart for one error-rate series: one call to {@link #update(long, long)} per closed window.
 * p, Laney p' or AUTO (see {@link ProportionChart}), plus EWMA and tabular CUSUM on the standardized values and the
 * configured run rules. Not thread-safe; state fits a Kafka Streams store via {@link #toBytes()}.
 *
 * <p>Lifecycle: Phase I buffers the first K usable windows ({@link ProportionChartConfig#baselineSubgroups()}), and
 * more while they hold fewer than {@link ProportionChartConfig#baselineMinDefects()} defects (up to {@link
 * ProportionChartConfig#maxBaselineSubgroups()}); each
 * Phase I point carries the limits of the p chart estimated so far (centre null until 2 usable windows) and never
 * signals. The window that completes the baseline triggers the Phase I estimation ({@link ProportionChart#estimateBaseline}); its
 * point carries the final limits, is still marked PHASE_I and does not signal; the buffered windows are replayed
 * through the EWMA, CUSUM and run-rule history (so Phase II equals the batch {@link ProportionChart#analyze}). Every
 * later window is Phase II. With a known p0 the monitor is in Phase II from the start. Windows with n below
 * {@link ProportionChartConfig#minSampleSize()} (and n = 0) are recorded with limits but never signal, and feed
 * neither the baseline nor the EWMA, CUSUM or run rules.
 *
 * <p>State is bounded: at most {@link ProportionChartConfig#maxBaselineSubgroups()} buffered (n, d) pairs plus {@link
 * RunRule#MAX_WINDOW} standardized values.
 */
public final class ProportionMonitor {
    private static final byte FORMAT_VERSION = 1;

    private final ProportionChartConfig config;
    private final SignalSettings settings;
    private ProportionBaseline baseline;
    private long[] bufferN;
    private long[] bufferD;
    private int bufferSize;
    private SignalState signals;

    public ProportionMonitor(ProportionChartConfig config) {
        this.config = config;
        this.settings = config.signalSettings();
        this.bufferN = new long[config.baselineSubgroups()];
        this.bufferD = new long[config.baselineSubgroups()];
        // Grows (up to maxBaselineSubgroups) only while a sparse chart waits for its baseline's defects.
        this.signals = new SignalState();
        this.baseline = config.p0() == null ? null : ProportionBaseline.known(config.p0());
    }

    /**
     * Judges one window.
     *
     * @param n reviews in the window (subgroup size), &gt;= 0
     * @param defects defective reviews, in [0, n]
     * @throws IllegalArgumentException on invalid counts
     */
    public SubgroupResult update(long n, long defects) {
        ProportionChart.checkCount(n, defects);
        boolean below = !ProportionChart.usable(config, n);
        if (baseline != null) {
            if (below) {
                return ProportionChart.point(
                        config,
                        n,
                        defects,
                        baseline.centre(),
                        baseline,
                        Phase.PHASE_II,
                        true,
                        null,
                        signals.peek(settings));
            }
            double z = zOf(n, defects);
            return ProportionChart.point(
                    config,
                    n,
                    defects,
                    baseline.centre(),
                    baseline,
                    Phase.PHASE_II,
                    false,
                    z,
                    signals.step(z, settings, true));
        }
        if (below) {
            return ProportionChart.point(
                    config, n, defects, provisionalCentre(), null, Phase.PHASE_I, true, null, signals.peek(settings));
        }
        if (bufferSize >= config.maxBaselineSubgroups()) {
            // Config changed between restarts; keep the newest windows.
            int keep = config.maxBaselineSubgroups() - 1;
            System.arraycopy(bufferN, bufferSize - keep, bufferN, 0, keep);
            System.arraycopy(bufferD, bufferSize - keep, bufferD, 0, keep);
            bufferSize = keep;
        }
        if (bufferSize == bufferN.length) {
            int grown = Math.min(config.maxBaselineSubgroups(), Math.max(1, bufferN.length * 2));
            bufferN = java.util.Arrays.copyOf(bufferN, grown);
            bufferD = java.util.Arrays.copyOf(bufferD, grown);
        }
        bufferN[bufferSize] = n;
        bufferD[bufferSize] = defects;
        bufferSize++;
        if (!config.baselineComplete(bufferSize, bufferedDefects())) {
            Double centre = provisionalCentre();
            Double z = centre == null ? null : ProportionChart.score(config, n, defects, centre, 1.0);
            return ProportionChart.point(
                    config, n, defects, centre, null, Phase.PHASE_I, false, z, SignalState.Step.EMPTY);
        }
        long[] bn = java.util.Arrays.copyOf(bufferN, bufferSize);
        long[] bd = java.util.Arrays.copyOf(bufferD, bufferSize);
        baseline = ProportionChart.estimateBaseline(bn, bd, config);
        signals.reset();
        SignalState.Step step = SignalState.Step.EMPTY;
        for (int i = 0; i < bn.length; i++) {
            step = signals.step(zOf(bn[i], bd[i]), settings, false);
        }
        bufferSize = 0;
        return ProportionChart.point(
                config,
                n,
                defects,
                baseline.centre(),
                baseline,
                Phase.PHASE_I,
                false,
                zOf(n, defects),
                new SignalState.Step(step.ewma(), step.ewmaLimit(), step.cusumHi(), step.cusumLo(), null, List.of()));
    }

    private double zOf(long n, long d) {
        return ProportionChart.score(config, n, d, baseline.centre(), baseline.sigmaZ());
    }

    private long bufferedDefects() {
        long sum = 0;
        for (int i = 0; i < bufferSize; i++) {
            sum += bufferD[i];
        }
        return sum;
    }

    private Double provisionalCentre() {
        if (bufferSize < 2) {
            return null;
        }
        long sumN = 0;
        long sumD = 0;
        for (int i = 0; i < bufferSize; i++) {
            sumN += bufferN[i];
            sumD += bufferD[i];
        }
        return (double) sumD / sumN;
    }

    /** Starts Phase I again (after a deliberate process change). With a known p0 only the EWMA/CUSUM/rules reset. */
    public void rebaseline() {
        baseline = config.p0() == null ? null : ProportionBaseline.known(config.p0());
        bufferSize = 0;
        signals.reset();
    }

    public Phase phase() {
        return baseline == null ? Phase.PHASE_I : Phase.PHASE_II;
    }

    /** The Phase II centre line, or the provisional Phase I centre (null until 2 usable windows). */
    public Double center() {
        return baseline != null ? Double.valueOf(baseline.centre()) : provisionalCentre();
    }

    /** The Phase I outcome; null while in Phase I. */
    public ProportionBaseline baseline() {
        return baseline;
    }

    public ProportionChartConfig config() {
        return config;
    }

    /** The state as bytes: a format-version byte, then the fields (DataOutputStream, big-endian). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 16 * bufferSize);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeBoolean(baseline != null);
            if (baseline != null) {
                out.writeDouble(baseline.centre());
                out.writeDouble(baseline.sigmaZ());
                out.writeByte(baseline.chartType().ordinal());
                out.writeUTF(baseline.reason());
                out.writeInt(baseline.subgroups());
                out.writeInt(baseline.dropped());
                out.writeInt(baseline.rounds());
            }
            out.writeInt(bufferSize);
            for (int i = 0; i < bufferSize; i++) {
                out.writeLong(bufferN[i]);
                out.writeLong(bufferD[i]);
            }
            signals.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a monitor written by {@link #toBytes()}. If the config's longest Phase I is now shorter than the buffer,
     * the oldest buffered windows are dropped.
     *
     * @throws IllegalArgumentException when the bytes are not a state of a known format version
     */
    public static ProportionMonitor fromBytes(ProportionChartConfig config, byte[] bytes) {
        ProportionMonitor m = new ProportionMonitor(config);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown ProportionMonitor state format version " + version);
            }
            if (in.readBoolean()) {
                double centre = in.readDouble();
                double sigmaZ = in.readDouble();
                ChartType type = ChartType.values()[in.readUnsignedByte()];
                String reason = in.readUTF();
                m.baseline =
                        new ProportionBaseline(centre, sigmaZ, type, reason, in.readInt(), in.readInt(), in.readInt());
            } else {
                m.baseline = null;
            }
            int size = in.readInt();
            if (size < 0 || size > 1_000_000) {
                throw new IllegalArgumentException("corrupt ProportionMonitor state: buffer size " + size);
            }
            long[] n = new long[size];
            long[] d = new long[size];
            for (int i = 0; i < size; i++) {
                n[i] = in.readLong();
                d[i] = in.readLong();
            }
            // Keep the newest windows that fit this config's longest Phase I.
            int keep = Math.min(size, config.maxBaselineSubgroups());
            if (keep > m.bufferN.length) {
                m.bufferN = new long[keep];
                m.bufferD = new long[keep];
            }
            System.arraycopy(n, size - keep, m.bufferN, 0, keep);
            System.arraycopy(d, size - keep, m.bufferD, 0, keep);
            m.bufferSize = keep;
            m.signals = SignalState.read(in);
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("corrupt ProportionMonitor state: " + e.getMessage(), e);
        }
        return m;
    }
}
