package io.labelwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerAuthTest {
    private static int statusOf(BearerAuth auth, String header) {
        try {
            auth.check(header);
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }

    @Test
    void shouldAnswer401WithoutTokenAnd403WithWrongOneWhenTokenIsConfigured() {
        BearerAuth auth = new BearerAuth("s3cret", false);
        assertThat(statusOf(auth, null)).isEqualTo(401);
        assertThat(statusOf(auth, "Basic czNjcmV0")).isEqualTo(401);
        assertThat(statusOf(auth, "Bearer wrong")).isEqualTo(403);
        assertThat(statusOf(auth, "Bearer s3cret")).isEqualTo(200);
        assertThat(statusOf(auth, "bearer s3cret")).isEqualTo(200);
    }

    @Test
    void shouldRefuseEveryProtectedCallWhenNoTokenIsConfigured() {
        BearerAuth auth = new BearerAuth(null, false);
        assertThatThrownBy(() -> auth.check("Bearer anything"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessageContaining("no token configured");
        assertThat(statusOf(new BearerAuth("", false), "Bearer ")).isEqualTo(403);
    }

    @Test
    void shouldProtectReadsOnlyWhenAskedTo() {
        assertThat(new BearerAuth("t", false).protects("GET")).isFalse();
        assertThat(new BearerAuth("t", false).protects("POST")).isTrue();
        assertThat(new BearerAuth("t", true).protects("GET")).isTrue();
        assertThatCode(() -> new BearerAuth("t", true).check("Bearer t")).doesNotThrowAnyException();
    }
}
