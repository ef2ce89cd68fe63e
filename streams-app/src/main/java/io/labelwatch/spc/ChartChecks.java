package io.labelwatch.spc;

/** Argument checks shared by the chart configs. */
final class ChartChecks {
    private ChartChecks() {}

    static void positive(String name, double v) {
        if (!(v > 0.0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, was " + v);
        }
    }

    static void nonNegative(String name, double v) {
        if (!(v >= 0.0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a non-negative finite number, was " + v);
        }
    }

    static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, was " + v);
        }
    }

    static void atLeast(String name, long v, long min) {
        if (v < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + v);
        }
    }

    static void lambda(double lambda) {
        if (!(lambda > 0.0 && lambda <= 1.0)) {
            throw new IllegalArgumentException("ewmaLambda must be in (0, 1], was " + lambda);
        }
    }
}
