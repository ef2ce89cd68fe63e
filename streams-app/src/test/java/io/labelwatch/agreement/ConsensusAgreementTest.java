package io.labelwatch.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class ConsensusAgreementTest {

    @Test
    void shouldCompareEachAnnotatorWithTheOthersOnly() {
        Map<String, Map<String, String>> units = new LinkedHashMap<>();
        units.put("u1", Map.of("ann", "car", "bob", "car", "cat", "bus"));
        units.put("u2", Map.of("ann", "bus", "bob", "car", "cat", "car"));
        units.put("u3", Map.of("ann", "car", "bob", "car"));
        SortedMap<String, ConsensusAgreement.AnnotatorAgreement> result = ConsensusAgreement.compute(units);

        // ann: u1 others {car, bus} tie -> tied; u2 others {car, car} -> disagrees; u3 other {car} -> agrees
        assertThat(result.get("ann")).isEqualTo(new ConsensusAgreement.AnnotatorAgreement("ann", 2, 1, 1));
        // bob: u1 others {car, bus} tie; u2 others {bus, car} tie; u3 agrees
        assertThat(result.get("bob")).isEqualTo(new ConsensusAgreement.AnnotatorAgreement("bob", 1, 1, 2));
        // cat: u1 others {car, car} -> disagrees; u2 others {bus, car} tie
        assertThat(result.get("cat")).isEqualTo(new ConsensusAgreement.AnnotatorAgreement("cat", 1, 0, 1));
        assertThat(result.get("ann").rate()).isEqualTo(0.5);
    }

    @Test
    void shouldSkipUnitsWithTooFewOthers() {
        Map<String, Map<String, String>> units = Map.of("u1", Map.of("ann", "car", "bob", "car"));
        assertThat(ConsensusAgreement.compute(units, 2)).isEmpty();
        assertThat(ConsensusAgreement.compute(Map.of("u1", Map.of("ann", "car"))))
                .isEmpty();
    }

    @Test
    void shouldAddCountsAcrossWindows() {
        var a = new ConsensusAgreement.AnnotatorAgreement("ann", 3, 2, 1);
        var b = new ConsensusAgreement.AnnotatorAgreement("ann", 1, 1, 0);
        assertThat(a.plus(b)).isEqualTo(new ConsensusAgreement.AnnotatorAgreement("ann", 4, 3, 1));
        assertThat(new ConsensusAgreement.AnnotatorAgreement("x", 0, 0, 0).rate())
                .isNaN();
    }
}
