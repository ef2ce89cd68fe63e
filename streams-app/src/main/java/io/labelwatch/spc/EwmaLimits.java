package io.labelwatch.spc;

/** EWMA control limits: exact time-varying, or their asymptote. */
public enum EwmaLimits {
    /** L·σ·sqrt(λ/(2-λ)·(1-(1-λ)^(2i))) at step i (Montgomery, ISQC 6th ed., eq. 9.24). */
    EXACT,
    /** L·σ·sqrt(λ/(2-λ)), the limit of the exact form as i grows (Montgomery eq. 9.26). */
    ASYMPTOTIC
}
