package io.labelwatch.simulator;

import io.labelwatch.events.SafetyCriticality;
import java.util.Objects;

/**
 * One leaf class of the simulated taxonomy with how the simulated operation treats it.
 *
 * @param classLabel dotted taxonomy path, e.g. {@code vehicle.bicycle}
 * @param criticality safety criticality (also the severity of its alerts)
 * @param frequency share of labelled objects of this class, in (0, 1); the catalog's frequencies sum to 1
 * @param baseErrorRate probability that a label of this class (as labelled) is defective, for an annotator of
 *     average skill and with no fault injected
 * @param confusableWith the class this one is most often mistaken for (car and truck, adult and child, bicycle and
 *     motorcycle); a wrong-class error swaps the two
 * @param size typical size in metres, for the generated geometry
 * @param definition one-line definition, as in the guideline
 */
public record ClassProfile(
        String classLabel,
        SafetyCriticality criticality,
        double frequency,
        double baseErrorRate,
        String confusableWith,
        Size size,
        String definition) {

    public ClassProfile {
        Objects.requireNonNull(classLabel, "classLabel");
        Objects.requireNonNull(criticality, "criticality");
        Objects.requireNonNull(confusableWith, "confusableWith");
        Objects.requireNonNull(definition, "definition");
        if (!(frequency > 0 && frequency < 1)) {
            throw new IllegalArgumentException("frequency of " + classLabel + " must be in (0,1): " + frequency);
        }
        if (!(baseErrorRate > 0 && baseErrorRate < 1)) {
            throw new IllegalArgumentException(
                    "baseErrorRate of " + classLabel + " must be in (0,1): " + baseErrorRate);
        }
        Objects.requireNonNull(size, "size");
    }

    /** Parent path: everything before the last dot. */
    public String parent() {
        return classLabel.substring(0, classLabel.lastIndexOf('.'));
    }

    /** Typical object size in metres. */
    public record Size(double length, double width, double height) {}
}
