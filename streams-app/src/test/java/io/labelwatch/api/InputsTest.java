package io.labelwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputsTest {
    @Test
    void shouldReadEpochMillisAndIsoInstantsWhenParsingTimes() {
        assertThat(Inputs.instant("1700000000000", "from")).isEqualTo(1_700_000_000_000L);
        assertThat(Inputs.instant("2023-11-14T22:13:20Z", "from")).isEqualTo(1_700_000_000_000L);
        assertThat(Inputs.instant(null, "from")).isNull();
        assertThat(Inputs.instant(" ", "from")).isNull();
    }

    @Test
    void shouldAnswer400WhenTimeIsNeitherMillisNorIso() {
        assertThatThrownBy(() -> Inputs.instant("yesterday", "from"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("from=yesterday");
        assertThatThrownBy(() -> Inputs.instant("99999999999999999999", "to"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void shouldAnswer400WhenRangeIsReversed() {
        assertThatThrownBy(() -> Inputs.range("2000", "1000"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("after");
        assertThat(Inputs.range(null, null)).containsExactly(0L, Long.MAX_VALUE);
        assertThat(Inputs.range("1000", "1000")).containsExactly(1000L, 1000L);
    }

    @Test
    void shouldAcceptOnlyAlertIdsOfTheDeterministicShape() {
        assertThat(Inputs.alertId("error-rate-27b57a3bf0b62e12")).isEqualTo("error-rate-27b57a3bf0b62e12");
        for (String bad : new String[] {"", "ERROR-RATE-27b57a3bf0b62e12", "error-rate-27b57a3b", "x/../y", null}) {
            assertThatThrownBy(() -> Inputs.alertId(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void shouldRejectSeparatorsAndControlCharactersWhenNamesArePartOfChartKeys() {
        assertThat(Inputs.name("camera-2d-boxes", "pipeline", false)).isEqualTo("camera-2d-boxes");
        assertThat(Inputs.name("vendor-a/ann-01", "annotator", true)).isEqualTo("vendor-a/ann-01");
        for (String bad : new String[] {"a/b", "a@b", "a\nb", " ", "x".repeat(201)}) {
            assertThatThrownBy(() -> Inputs.name(bad, "pipeline", false))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
