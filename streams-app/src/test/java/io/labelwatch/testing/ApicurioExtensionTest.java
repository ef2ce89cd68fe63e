package io.labelwatch.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ApicurioExtensionTest {

    @Test
    void shouldSkipWithTheReasonWhenTheRegistryIsUnavailableOutsideCi() {
        assertThatThrownBy(() -> ApicurioExtension.requireAvailable(Optional.of("no Java 21+ runtime found"), null))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("no Java 21+ runtime found");
    }

    @Test
    void shouldFailWhenTheRegistryIsUnavailableOnCi() {
        assertThatThrownBy(() -> ApicurioExtension.requireAvailable(Optional.of("no distribution"), "TRUE"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("no distribution")
                .hasMessageContaining("CI=true");
    }

    @Test
    void shouldPassWhenTheRegistryIsAvailableOnCi() {
        assertThatCode(() -> ApicurioExtension.requireAvailable(Optional.empty(), "true"))
                .doesNotThrowAnyException();
    }
}
