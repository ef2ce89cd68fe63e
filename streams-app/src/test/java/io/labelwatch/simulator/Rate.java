package io.labelwatch.simulator;

import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.Verdict;

/** Defects among reviews, with the binomial z-score against an expected rate. */
final class Rate {
    long n;
    long defects;

    void add(ReviewEvent review) {
        n++;
        if (review.getVerdict() != Verdict.ACCEPTED) {
            defects++;
        }
    }

    double value() {
        return (double) defects / n;
    }

    /** (p̂ − p) / √(p(1−p)/n): the normal approximation to the binomial. */
    double z(double expected) {
        return (value() - expected) / Math.sqrt(expected * (1 - expected) / n);
    }

    @Override
    public String toString() {
        return defects + "/" + n;
    }
}
