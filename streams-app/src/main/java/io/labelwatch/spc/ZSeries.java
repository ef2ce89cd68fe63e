package io.labelwatch.spc;

import java.util.ArrayList;
import java.util.List;

/**
 * Batch run rules, EWMA and CUSUM (restarted after each signal) over a whole series of standardized values, written
 * over arrays independently of the incremental {@link SignalState}, so that tests can compare the two.
 */
final class ZSeries {
    private ZSeries() {}

    static List<SignalState.Step> steps(double[] z, SignalSettings s) {
        int m = z.length;
        int[] finiteIndex = new int[m];
        int f = 0;
        for (int i = 0; i < m; i++) {
            if (Double.isFinite(z[i])) {
                finiteIndex[f++] = i;
            }
        }
        double[] finite = new double[f];
        for (int j = 0; j < f; j++) {
            finite[j] = z[finiteIndex[j]];
        }
        // EWMA and tabular CUSUM with restart after a signal (Montgomery §9.1.3, §9.2.2), over the finite values.
        double[] ewma = new double[f];
        double[] ewmaLimit = new double[f];
        boolean[] ewmaHigh = new boolean[f];
        boolean[] ewmaLow = new boolean[f];
        double[] upper = new double[f];
        double[] lower = new double[f];
        boolean[] cusumHigh = new boolean[f];
        boolean[] cusumLow = new boolean[f];
        double[] newMean = new double[f];
        double e = 0.0;
        double cHi = 0.0;
        double cLo = 0.0;
        int nHi = 0;
        int nLo = 0;
        for (int k = 0; k < f; k++) {
            e = s.ewmaLambda() * finite[k] + (1.0 - s.ewmaLambda()) * e;
            ewma[k] = e;
            ewmaLimit[k] = Ewma.limitFactor(s.ewmaLambda(), s.ewmaL(), k + 1, s.ewmaLimits());
            ewmaHigh[k] = e > ewmaLimit[k];
            ewmaLow[k] = !ewmaHigh[k] && e < -ewmaLimit[k];
            if (ewmaHigh[k] || ewmaLow[k]) {
                e = 0.0;
            }
            cHi = Math.max(0.0, finite[k] - s.cusumK() + cHi);
            cLo = Math.max(0.0, -s.cusumK() - finite[k] + cLo);
            nHi = cHi > 0.0 ? nHi + 1 : 0;
            nLo = cLo > 0.0 ? nLo + 1 : 0;
            upper[k] = cHi;
            lower[k] = cLo;
            cusumHigh[k] = cHi > s.cusumH();
            cusumLow[k] = cLo > s.cusumH();
            if (cusumHigh[k]) {
                newMean[k] = s.cusumK() + cHi / nHi;
            }
            if (cusumLow[k]) {
                newMean[k] = -(s.cusumK() + cLo / nLo);
            }
            if (cusumHigh[k] || cusumLow[k]) {
                cHi = 0.0;
                cLo = 0.0;
                nHi = 0;
                nLo = 0;
            }
        }
        List<SignalState.Step> out = new ArrayList<>(m);
        int lastFinite = -1;
        int j = 0;
        for (int i = 0; i < m; i++) {
            boolean isFinite = Double.isFinite(z[i]);
            if (isFinite) {
                lastFinite = j++;
            }
            List<String> signals = new ArrayList<>(s.rules().firing(z, i, s.limitSigmas()));
            Double ew = null;
            Double limit = null;
            if (s.ewmaEnabled() && lastFinite >= 0) {
                ew = ewma[lastFinite];
                limit = ewmaLimit[lastFinite];
                if (isFinite && ewmaHigh[lastFinite]) {
                    signals.add("EWMA_HIGH");
                } else if (isFinite && ewmaLow[lastFinite]) {
                    signals.add("EWMA_LOW");
                }
            }
            Double hi = null;
            Double lo = null;
            Double shift = null;
            if (s.cusumEnabled()) {
                hi = lastFinite >= 0 ? upper[lastFinite] : 0.0;
                lo = lastFinite >= 0 ? lower[lastFinite] : 0.0;
                if (isFinite && cusumHigh[lastFinite]) {
                    signals.add("CUSUM_HIGH");
                    shift = newMean[lastFinite];
                }
                if (isFinite && cusumLow[lastFinite]) {
                    signals.add("CUSUM_LOW");
                    shift = newMean[lastFinite];
                }
            }
            java.util.Collections.sort(signals);
            out.add(new SignalState.Step(ew, limit, hi, lo, shift, signals));
        }
        return out;
    }
}
