package io.labelwatch.spc;

import java.util.ArrayList;
import java.util.List;

/**
 * Batch run rules, EWMA and CUSUM over a whole series of standardized values, written over arrays with {@link Ewma}
 * and {@link Cusum} (independently of the incremental {@link SignalState}, so that tests can compare the two).
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
        Ewma.Result ewma = Ewma.chart(finite, 0.0, 1.0, s.ewmaLambda(), s.ewmaL(), s.ewmaLimits());
        Cusum.Result cusum = Cusum.chart(finite, 0.0, 1.0, s.cusumK(), s.cusumH());
        List<SignalState.Step> out = new ArrayList<>(m);
        int lastFinite = -1;
        int j = 0;
        for (int i = 0; i < m; i++) {
            boolean isFinite = Double.isFinite(z[i]);
            if (isFinite) {
                lastFinite = j++;
            }
            List<String> signals = new ArrayList<>(s.rules().firing(z, i, s.limitSigmas()));
            Double e = null;
            Double limit = null;
            if (s.ewmaEnabled() && lastFinite >= 0) {
                e = ewma.ewma()[lastFinite];
                limit = ewma.ucl()[lastFinite];
                if (isFinite && ewma.high()[lastFinite]) {
                    signals.add("EWMA_HIGH");
                } else if (isFinite && ewma.low()[lastFinite]) {
                    signals.add("EWMA_LOW");
                }
            }
            Double hi = null;
            Double lo = null;
            Double shift = null;
            if (s.cusumEnabled()) {
                hi = lastFinite >= 0 ? cusum.upper()[lastFinite] : 0.0;
                lo = lastFinite >= 0 ? cusum.lower()[lastFinite] : 0.0;
                if (isFinite && cusum.high()[lastFinite]) {
                    signals.add("CUSUM_HIGH");
                    shift = cusum.newMean()[lastFinite];
                }
                if (isFinite && cusum.low()[lastFinite]) {
                    signals.add("CUSUM_LOW");
                    shift = cusum.newMean()[lastFinite];
                }
            }
            java.util.Collections.sort(signals);
            out.add(new SignalState.Step(e, limit, hi, lo, shift, signals));
        }
        return out;
    }
}
