package io.labelwatch.spc;

/** The part of a chart config that turns standardized values into signals. */
record SignalSettings(
        double limitSigmas,
        RuleSet rules,
        boolean ewmaEnabled,
        double ewmaLambda,
        double ewmaL,
        EwmaLimits ewmaLimits,
        boolean cusumEnabled,
        double cusumK,
        double cusumH) {}
