package io.labelwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.SafetyCriticality;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackRouterTest {
    private static final String TEAM = "https://hooks.slack.com/services/T1/B1/team";
    private static final String TEAM_CRITICAL = "https://hooks.slack.com/services/T1/B2/team-critical";
    private static final String INCIDENT = "https://hooks.slack.com/services/T1/B3/incident";
    private static final String DEFAULT = "https://hooks.slack.com/services/T1/B4/default";
    private static final String ENV = "https://hooks.slack.com/services/T1/B5/env";

    private final SlackRouter router = SlackRouter.from(
            LabelwatchConfig.of(Map.of(
                    "labelwatch.notifier.slack.route.camera-2d-boxes", TEAM,
                    "labelwatch.notifier.slack.route.camera-2d-boxes.CRITICAL", TEAM_CRITICAL,
                    "labelwatch.notifier.slack.route.*.critical", INCIDENT,
                    "labelwatch.notifier.slack.route.lidar.v2.HIGH", TEAM,
                    "labelwatch.notifier.slack.webhook-url", DEFAULT)),
            Map.of(SlackRouter.WEBHOOK_ENV, ENV));

    private String route(String pipeline, SafetyCriticality severity) {
        return router.route(pipeline, severity).map(w -> w.uri().toString()).orElse("none");
    }

    @Test
    void shouldPreferPipelineAndSeverityThenPipelineThenSeverityThenDefault() {
        assertThat(route("camera-2d-boxes", SafetyCriticality.CRITICAL)).isEqualTo(TEAM_CRITICAL);
        assertThat(route("camera-2d-boxes", SafetyCriticality.LOW)).isEqualTo(TEAM);
        assertThat(route("radar", SafetyCriticality.CRITICAL)).isEqualTo(INCIDENT);
        assertThat(route("radar", SafetyCriticality.HIGH)).isEqualTo(DEFAULT);
    }

    @Test
    void shouldSplitAtTheLastDotWhenPipelineNamesContainDots() {
        assertThat(route("lidar.v2", SafetyCriticality.HIGH)).isEqualTo(TEAM);
        assertThat(route("lidar.v2", SafetyCriticality.MEDIUM)).isEqualTo(DEFAULT);
    }

    @Test
    void shouldFallBackToTheEnvironmentWhenNoDefaultIsConfigured() {
        SlackRouter fromEnv = SlackRouter.from(LabelwatchConfig.of(Map.of()), Map.of("SLACK_WEBHOOK_URL", ENV));

        assertThat(fromEnv.isConfigured()).isTrue();
        assertThat(fromEnv.route("any", SafetyCriticality.LOW).map(w -> w.uri().toString()))
                .contains(ENV);
    }

    @Test
    void shouldRouteNowhereWhenNothingFits() {
        SlackRouter partial = new SlackRouter(Map.of("camera-2d-boxes.CRITICAL", TEAM), null);

        assertThat(partial.route("camera-2d-boxes", SafetyCriticality.HIGH)).isEmpty();
        assertThat(new SlackRouter(Map.of(), null).isConfigured()).isFalse();
    }

    @Test
    void shouldNameTheKeyButNotTheUrlWhenARouteIsInvalid() {
        assertThatThrownBy(() -> new SlackRouter(Map.of("camera.LOW", "ftp://secret-host/T9/xyz"), null))
                .hasMessageContaining("labelwatch.notifier.slack.route.camera.LOW")
                .message()
                .doesNotContain("secret-host")
                .doesNotContain("xyz");
    }

    @Test
    void shouldShowOnlyRedactedWebhooksWhenPrinted() {
        assertThat(router.webhooks().toString())
                .contains("https://hooks.slack.com/services/T…/…")
                .doesNotContain("team")
                .doesNotContain("incident")
                .doesNotContain("B1");
    }
}
