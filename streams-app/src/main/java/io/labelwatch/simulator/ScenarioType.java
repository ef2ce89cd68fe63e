package io.labelwatch.simulator;

import java.time.Duration;

/** The fault scenarios the simulator can inject; each has a default {@link Scenario} built by {@link #create}. */
public enum ScenarioType {
    /** Nothing injected: every chart should stay in control. */
    BASELINE,
    /** A new guideline version raises one class's error rate for every annotator of every vendor (SYSTEMIC). */
    GUIDELINE_CHANGE,
    /** One annotator starts mislabelling one class (LOCALIZED, that annotator). */
    ROGUE_ANNOTATOR,
    /** A new vendor team joins with higher error rates and low agreement (LOCALIZED, that vendor). */
    VENDOR_ONBOARDING,
    /** A tool release given to half the annotators raises geometry errors on one class (SYSTEMIC, tool_version). */
    TOOL_BUG;

    /** The default scenario of this type, starting {@code startOffset} after the simulation start. */
    public Scenario create(Duration startOffset) {
        return switch (this) {
            case BASELINE -> Scenario.baseline();
            case GUIDELINE_CHANGE -> Scenario.guidelineChange(startOffset);
            case ROGUE_ANNOTATOR -> Scenario.rogueAnnotator(startOffset);
            case VENDOR_ONBOARDING -> Scenario.vendorOnboarding(startOffset);
            case TOOL_BUG -> Scenario.toolBug(startOffset);
        };
    }
}
