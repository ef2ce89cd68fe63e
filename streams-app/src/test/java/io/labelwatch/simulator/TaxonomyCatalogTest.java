package io.labelwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelwatch.events.SafetyCriticality;
import io.labelwatch.events.TaxonomyClass;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TaxonomyCatalogTest {

    @Test
    void shouldGiveSafetyCriticalityOfTheIssueWhenClassesArePublished() {
        Map<String, TaxonomyClass> byLabel = TaxonomyCatalog.classes().stream()
                .collect(Collectors.toMap(TaxonomyClass::getClassLabel, Function.identity()));

        assertThat(byLabel.get("vehicle.car").getSafetyCriticality()).isEqualTo(SafetyCriticality.MEDIUM);
        assertThat(byLabel.get("vehicle.bicycle").getSafetyCriticality()).isEqualTo(SafetyCriticality.HIGH);
        assertThat(byLabel.get("human.pedestrian.child").getSafetyCriticality()).isEqualTo(SafetyCriticality.CRITICAL);
        assertThat(byLabel.get("movable_object.trafficcone").getSafetyCriticality())
                .isEqualTo(SafetyCriticality.LOW);
        assertThat(byLabel.get("human").getSafetyCriticality()).isEqualTo(SafetyCriticality.CRITICAL);
        assertThat(byLabel.get("human.pedestrian.adult").getParent()).isEqualTo("human.pedestrian");
        assertThat(byLabel.get("vehicle").getParent()).isNull();
        assertThat(TaxonomyCatalog.classes())
                .allMatch(c -> c.getTaxonomyVersion().equals("nuscenes-v1.0") && !c.getDeprecated())
                .allMatch(c -> c.getParent() == null || byLabel.containsKey(c.getParent()));
    }

    @Test
    void shouldKeepFrequenciesAndErrorRatesPlausibleWhenLeavesAreListed() {
        double total = TaxonomyCatalog.leaves().stream()
                .mapToDouble(ClassProfile::frequency)
                .sum();

        assertThat(total).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(TaxonomyCatalog.leaves())
                .allMatch(c -> c.baseErrorRate() >= 0.01 && c.baseErrorRate() <= 0.06)
                .allMatch(c -> !c.confusableWith().equals(c.classLabel()))
                .allSatisfy(c -> TaxonomyCatalog.profile(c.confusableWith()));
        for (String[] pair : new String[][] {
            {"vehicle.car", "vehicle.truck"},
            {"human.pedestrian.adult", "human.pedestrian.child"},
            {"vehicle.bicycle", "vehicle.motorcycle"}
        }) {
            assertThat(TaxonomyCatalog.profile(pair[0]).confusableWith()).isEqualTo(pair[1]);
            assertThat(TaxonomyCatalog.profile(pair[1]).confusableWith()).isEqualTo(pair[0]);
        }
    }

    @Test
    void shouldNameTheLabelWhenItIsNotAClass() {
        assertThatThrownBy(() -> TaxonomyCatalog.profile("vehicle"))
                .hasMessageContaining("vehicle")
                .hasMessageContaining("nuscenes-v1.0");
        assertThat(Set.copyOf(TaxonomyCatalog.leaves()))
                .hasSize(TaxonomyCatalog.leaves().size());
    }
}
