package io.labelwatch.spc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Incremental individuals chart for one agreement series (e.g. rolling Krippendorff's alpha per window): individuals
 * limits, EWMA (and optionally CUSUM) on the standardized values, run rules, and an optional absolute floor. Same
 * lifecycle and state rules as {@link ProportionMonitor}; with both a known centre and sigma it starts in Phase II.
 * The floor ({@code BELOW_FLOOR}) signals in both phases because it does not depend on the baseline.
 */
public final class IndividualsMonitor {
    private static final byte FORMAT_VERSION = 1;

    private final IndividualsChartConfig config;
    private final SignalSettings settings;
    private IndividualsBaseline baseline;
    private double[] buffer;
    private int bufferSize;
    private SignalState signals;

    /**
     * @throws IllegalArgumentException when sigma is unknown and the baseline is shorter than 2 values
     */
    public IndividualsMonitor(IndividualsChartConfig config) {
        if (config.knownSigma() == null && config.baselineSubgroups() < 2) {
            throw new IllegalArgumentException("baselineSubgroups must be >= 2 when knownSigma is not set");
        }
        this.config = config;
        this.settings = config.signalSettings();
        this.buffer = new double[config.baselineSubgroups()];
        this.signals = new SignalState();
        this.baseline = knownBaseline();
    }

    private IndividualsBaseline knownBaseline() {
        return config.knownCentre() != null && config.knownSigma() != null
                ? IndividualsChart.estimateBaseline(new double[0], config)
                : null;
    }

    /**
     * Judges one value.
     *
     * @param value the statistic for the window (finite)
     * @param weightOrN its weight (e.g. pairable units), compared with the minimum sample size
     */
    public SubgroupResult update(double value, long weightOrN) {
        IndividualsChart.checkValue(value);
        boolean below = !IndividualsChart.usable(config, weightOrN);
        if (baseline != null) {
            if (below) {
                return point(value, weightOrN, Phase.PHASE_II, true, null, signals.peek(settings));
            }
            double z = zOf(value);
            return point(value, weightOrN, Phase.PHASE_II, false, z, signals.step(z, settings, true));
        }
        if (below) {
            return provisional(value, weightOrN, true);
        }
        if (bufferSize == buffer.length) {
            System.arraycopy(buffer, 1, buffer, 0, buffer.length - 1);
            bufferSize--;
        }
        buffer[bufferSize++] = value;
        if (bufferSize < config.baselineSubgroups()) {
            return provisional(value, weightOrN, false);
        }
        double[] bx = java.util.Arrays.copyOf(buffer, bufferSize);
        baseline = IndividualsChart.estimateBaseline(bx, config);
        signals.reset();
        SignalState.Step step = SignalState.Step.EMPTY;
        for (double v : bx) {
            step = signals.step(zOf(v), settings, false);
        }
        bufferSize = 0;
        return point(
                value,
                weightOrN,
                Phase.PHASE_I,
                false,
                zOf(value),
                new SignalState.Step(step.ewma(), step.ewmaLimit(), step.cusumHi(), step.cusumLo(), null, List.of()));
    }

    private SubgroupResult provisional(double value, long weight, boolean below) {
        Double centre = center();
        Double sigma = provisionalSigma();
        Double z = below || centre == null || sigma == null ? null : ProportionChart.standardize(value, centre, sigma);
        SubgroupResult r = IndividualsChart.point(
                config, value, weight, centre, sigma, Phase.PHASE_I, below, z, signals.peek(settings));
        return r;
    }

    private SubgroupResult point(
            double value, long weight, Phase phase, boolean below, Double z, SignalState.Step step) {
        return IndividualsChart.point(
                config, value, weight, baseline.centre(), baseline.sigma(), phase, below, z, step);
    }

    private double zOf(double value) {
        return ProportionChart.standardize(value, baseline.centre(), baseline.sigma());
    }

    private Double provisionalSigma() {
        if (config.knownSigma() != null) {
            return config.knownSigma();
        }
        if (bufferSize < 2) {
            return null;
        }
        double mr = 0.0;
        for (int i = 1; i < bufferSize; i++) {
            mr += Math.abs(buffer[i] - buffer[i - 1]);
        }
        return mr / (bufferSize - 1) / ProportionChart.D2;
    }

    /** Starts Phase I again; with a known centre and sigma only the EWMA/CUSUM/rules reset. */
    public void rebaseline() {
        baseline = knownBaseline();
        bufferSize = 0;
        signals.reset();
    }

    public Phase phase() {
        return baseline == null ? Phase.PHASE_I : Phase.PHASE_II;
    }

    /** The Phase II centre, the known centre, or the provisional Phase I mean (null until 2 usable values). */
    public Double center() {
        if (baseline != null) {
            return baseline.centre();
        }
        if (config.knownCentre() != null) {
            return config.knownCentre();
        }
        if (bufferSize < 2) {
            return null;
        }
        double sum = 0.0;
        for (int i = 0; i < bufferSize; i++) {
            sum += buffer[i];
        }
        return sum / bufferSize;
    }

    /** The Phase I outcome; null while in Phase I. */
    public IndividualsBaseline baseline() {
        return baseline;
    }

    public IndividualsChartConfig config() {
        return config;
    }

    /** The state as bytes: a format-version byte, then the fields (DataOutputStream, big-endian). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 8 * bufferSize);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeBoolean(baseline != null);
            if (baseline != null) {
                out.writeDouble(baseline.centre());
                out.writeDouble(baseline.sigma());
                out.writeInt(baseline.subgroups());
                out.writeInt(baseline.dropped());
                out.writeInt(baseline.rounds());
            }
            out.writeInt(bufferSize);
            for (int i = 0; i < bufferSize; i++) {
                out.writeDouble(buffer[i]);
            }
            signals.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a monitor written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException when the bytes are not a state of a known format version
     */
    public static IndividualsMonitor fromBytes(IndividualsChartConfig config, byte[] bytes) {
        IndividualsMonitor m = new IndividualsMonitor(config);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("unknown IndividualsMonitor state format version " + version);
            }
            m.baseline = in.readBoolean()
                    ? new IndividualsBaseline(
                            in.readDouble(), in.readDouble(), in.readInt(), in.readInt(), in.readInt())
                    : null;
            int size = in.readInt();
            if (size < 0 || size > 1_000_000) {
                throw new IllegalArgumentException("corrupt IndividualsMonitor state: buffer size " + size);
            }
            for (int i = 0; i < size; i++) {
                double v = in.readDouble();
                if (m.bufferSize == m.buffer.length) {
                    System.arraycopy(m.buffer, 1, m.buffer, 0, m.buffer.length - 1);
                    m.bufferSize--;
                }
                m.buffer[m.bufferSize++] = v;
            }
            m.signals = SignalState.read(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt IndividualsMonitor state: " + e.getMessage(), e);
        }
        return m;
    }
}
