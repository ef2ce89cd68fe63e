package io.labelwatch.agreement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Agreement of each annotator with the consensus of the <em>other</em> annotators of the same units, for per-annotator
 * scorecards.
 *
 * <p>For a unit and one of its annotators a, the consensus is the most frequent label among the other annotators of the
 * unit (a's own label is left out, so a cannot pull the consensus towards itself). The unit is <em>compared</em> for a
 * when at least {@code minOthers} others labelled it and their most frequent label is unique; a <em>agrees</em> when
 * its label equals that consensus. When the others' top labels tie, the unit is counted as tied and not compared.
 * Labels are compared as strings.
 *
 * <p>Counts add across units and windows ({@link AnnotatorAgreement#plus}), so a streaming job can keep them per
 * window and sum. Rate at 0 compared units: NaN.
 */
public final class ConsensusAgreement {

    /** Default minimum number of other annotators for a unit to count. */
    public static final int DEFAULT_MIN_OTHERS = 1;

    /**
     * One annotator's agreement with the others' consensus.
     *
     * @param annotator annotator id
     * @param unitsCompared units with a unique consensus of at least minOthers other annotators
     * @param agreements compared units where the annotator's label equals the consensus
     * @param tiedUnits units skipped because the others' most frequent labels tied
     */
    public record AnnotatorAgreement(String annotator, long unitsCompared, long agreements, long tiedUnits) {

        /** agreements / unitsCompared; NaN when no unit was compared. */
        public double rate() {
            return unitsCompared == 0 ? Double.NaN : (double) agreements / unitsCompared;
        }

        /** The sum of two counts of the same annotator. */
        public AnnotatorAgreement plus(AnnotatorAgreement other) {
            if (!annotator.equals(other.annotator)) {
                throw new IllegalArgumentException("cannot add counts of " + other.annotator + " to " + annotator);
            }
            return new AnnotatorAgreement(
                    annotator,
                    unitsCompared + other.unitsCompared,
                    agreements + other.agreements,
                    tiedUnits + other.tiedUnits);
        }
    }

    private ConsensusAgreement() {}

    /** Per-annotator agreement over units (unit id → annotator id → label), with {@link #DEFAULT_MIN_OTHERS}. */
    public static SortedMap<String, AnnotatorAgreement> compute(Map<String, ? extends Map<String, String>> units) {
        return compute(units, DEFAULT_MIN_OTHERS);
    }

    /** Per-annotator agreement over units (unit id → annotator id → label), in annotator order. */
    public static SortedMap<String, AnnotatorAgreement> compute(
            Map<String, ? extends Map<String, String>> units, int minOthers) {
        SortedMap<String, AnnotatorAgreement> result = new TreeMap<>();
        for (Map<String, String> unit : units.values()) {
            for (AnnotatorAgreement a : forUnit(unit, minOthers)) {
                result.merge(a.annotator(), a, AnnotatorAgreement::plus);
            }
        }
        return result;
    }

    /**
     * The counts one unit contributes: one entry per annotator of the unit that has at least {@code minOthers} others
     * (annotator id → label; null labels are ignored).
     */
    public static List<AnnotatorAgreement> forUnit(Map<String, String> labelsByAnnotator, int minOthers) {
        if (minOthers < 1) {
            throw new IllegalArgumentException("minOthers must be at least 1, was " + minOthers);
        }
        Map<String, Integer> counts = new HashMap<>();
        int labelled = 0;
        for (String label : labelsByAnnotator.values()) {
            if (label != null) {
                counts.merge(label, 1, Integer::sum);
                labelled++;
            }
        }
        List<AnnotatorAgreement> out = new ArrayList<>();
        if (labelled - 1 < minOthers) {
            return out;
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(labelsByAnnotator).entrySet()) {
            String own = entry.getValue();
            if (own == null) {
                continue;
            }
            String consensus = null;
            int best = 0;
            boolean tied = false;
            for (Map.Entry<String, Integer> c : counts.entrySet()) {
                int others = c.getValue() - (c.getKey().equals(own) ? 1 : 0);
                if (others > best) {
                    best = others;
                    consensus = c.getKey();
                    tied = false;
                } else if (others == best && others > 0) {
                    tied = true;
                }
            }
            if (tied) {
                out.add(new AnnotatorAgreement(entry.getKey(), 0, 0, 1));
            } else {
                out.add(new AnnotatorAgreement(entry.getKey(), 1, own.equals(consensus) ? 1 : 0, 0));
            }
        }
        return out;
    }
}
