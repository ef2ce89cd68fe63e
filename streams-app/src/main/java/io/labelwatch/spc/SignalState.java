package io.labelwatch.spc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Incremental EWMA, tabular CUSUM and run-rule history over standardized values. Bounded: it keeps only the last
 * {@link RunRule#MAX_WINDOW} standardized values.
 *
 * <p>After a signal the signalling statistic restarts from the target (EWMA at 0, CUSUM sums and run counters at 0), as
 * Montgomery recommends once the signal has been acted on (Introduction to SQC, 6th ed., §9.1.3 and §9.2.2): a
 * lasting shift signals again within a few subgroups, and a removed one stops signalling at once, so an alert can
 * resolve. The reported values are those at the signal, before the restart.
 *
 * <p>Non-finite values (±Infinity, when sigma is 0) enter the run-rule history but do not move the EWMA or the CUSUM;
 * NaN is ignored entirely.
 */
final class SignalState {
    private double ewma;
    private long ewmaSteps;
    private double cusumHi;
    private double cusumLo;
    /** The values the last step reported (before any restart), which a peek repeats. */
    private double shownEwma;

    private double shownHi;
    private double shownLo;
    private int runsHi;
    private int runsLo;
    private final double[] history = new double[RunRule.MAX_WINDOW];
    private int historySize;

    void reset() {
        ewma = 0.0;
        ewmaSteps = 0;
        cusumHi = 0.0;
        cusumLo = 0.0;
        shownEwma = 0.0;
        shownHi = 0.0;
        shownLo = 0.0;
        runsHi = 0;
        runsLo = 0;
        historySize = 0;
    }

    /** Feeds one standardized value; returns the statistics after it and, if {@code emit}, the signals. */
    Step step(double z, SignalSettings s, boolean emit) {
        List<String> signals = new ArrayList<>(2);
        if (!Double.isNaN(z)) {
            if (historySize == history.length) {
                System.arraycopy(history, 1, history, 0, history.length - 1);
                historySize--;
            }
            history[historySize++] = z;
            if (emit) {
                signals.addAll(s.rules().firing(history, historySize - 1, s.limitSigmas()));
            }
        }
        boolean finite = Double.isFinite(z);
        Double ewmaOut = null;
        Double ewmaLimit = null;
        if (s.ewmaEnabled()) {
            if (finite) {
                ewma = s.ewmaLambda() * z + (1.0 - s.ewmaLambda()) * ewma;
                ewmaSteps++;
            }
            if (ewmaSteps > 0) {
                ewmaOut = ewma;
                shownEwma = ewma;
                ewmaLimit = Ewma.limitFactor(s.ewmaLambda(), s.ewmaL(), ewmaSteps, s.ewmaLimits());
                if (finite) {
                    boolean high = ewma > ewmaLimit;
                    boolean low = ewma < -ewmaLimit;
                    if (emit && high) {
                        signals.add("EWMA_HIGH");
                    } else if (emit && low) {
                        signals.add("EWMA_LOW");
                    }
                    if (high || low) {
                        ewma = 0.0;
                    }
                }
            }
        }
        Double hiOut = null;
        Double loOut = null;
        Double shift = null;
        if (s.cusumEnabled()) {
            if (finite) {
                cusumHi = Math.max(0.0, z - s.cusumK() + cusumHi);
                cusumLo = Math.max(0.0, -s.cusumK() - z + cusumLo);
                runsHi = cusumHi > 0.0 ? runsHi + 1 : 0;
                runsLo = cusumLo > 0.0 ? runsLo + 1 : 0;
            }
            hiOut = cusumHi;
            loOut = cusumLo;
            shownHi = cusumHi;
            shownLo = cusumLo;
            if (finite) {
                boolean high = cusumHi > s.cusumH();
                boolean low = cusumLo > s.cusumH();
                if (high) {
                    shift = s.cusumK() + cusumHi / runsHi;
                }
                if (low) {
                    shift = -(s.cusumK() + cusumLo / runsLo);
                }
                if (emit && high) {
                    signals.add("CUSUM_HIGH");
                }
                if (emit && low) {
                    signals.add("CUSUM_LOW");
                }
                if (!emit) {
                    shift = null;
                }
                if (high || low) {
                    cusumHi = 0.0;
                    cusumLo = 0.0;
                    runsHi = 0;
                    runsLo = 0;
                }
            }
        }
        Collections.sort(signals);
        return new Step(ewmaOut, ewmaLimit, hiOut, loOut, shift, signals);
    }

    /** Current statistics without feeding a value (for subgroups below the minimum sample size). */
    Step peek(SignalSettings s) {
        Double ewmaOut = s.ewmaEnabled() && ewmaSteps > 0 ? shownEwma : null;
        Double ewmaLimit = s.ewmaEnabled() && ewmaSteps > 0
                ? Ewma.limitFactor(s.ewmaLambda(), s.ewmaL(), ewmaSteps, s.ewmaLimits())
                : null;
        return new Step(
                ewmaOut,
                ewmaLimit,
                s.cusumEnabled() ? shownHi : null,
                s.cusumEnabled() ? shownLo : null,
                null,
                List.of());
    }

    void write(DataOutputStream out) throws IOException {
        out.writeDouble(ewma);
        out.writeLong(ewmaSteps);
        out.writeDouble(cusumHi);
        out.writeDouble(cusumLo);
        out.writeDouble(shownEwma);
        out.writeDouble(shownHi);
        out.writeDouble(shownLo);
        out.writeInt(runsHi);
        out.writeInt(runsLo);
        out.writeByte(historySize);
        for (int i = 0; i < historySize; i++) {
            out.writeDouble(history[i]);
        }
    }

    static SignalState read(DataInputStream in) throws IOException {
        SignalState s = new SignalState();
        s.ewma = in.readDouble();
        s.ewmaSteps = in.readLong();
        s.cusumHi = in.readDouble();
        s.cusumLo = in.readDouble();
        s.shownEwma = in.readDouble();
        s.shownHi = in.readDouble();
        s.shownLo = in.readDouble();
        s.runsHi = in.readInt();
        s.runsLo = in.readInt();
        int size = in.readUnsignedByte();
        if (size > s.history.length) {
            throw new IOException("run-rule history of " + size + " values exceeds " + s.history.length);
        }
        for (int i = 0; i < size; i++) {
            s.history[i] = in.readDouble();
        }
        s.historySize = size;
        return s;
    }

    /** Statistics after one step; signals sorted. */
    record Step(
            Double ewma, Double ewmaLimit, Double cusumHi, Double cusumLo, Double cusumShift, List<String> signals) {
        static final Step EMPTY = new Step(null, null, null, null, null, List.of());
    }
}
