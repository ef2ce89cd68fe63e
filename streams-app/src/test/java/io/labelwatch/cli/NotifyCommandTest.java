package io.labelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldNameTheRouteKeyButNotTheUrlWhenARouteIsInvalid() throws Exception {
        Path config = Files.writeString(
                dir.resolve("lw.properties"), "labelwatch.notifier.slack.route.cam.HIGH=mailto:team-secret-token\n");

        int exit = run("notify", "--config", config.toString());

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString())
                .contains("labelwatch.notifier.slack.route.cam.HIGH")
                .doesNotContain("team-secret-token")
                .doesNotContain("Exception");
    }

    @Test
    void shouldSayHowToConfigureSlackWhenNoWebhookIsConfigured() throws Exception {
        Path config = Files.writeString(dir.resolve("lw.properties"), "labelwatch.http.port=0\n");

        int exit = run("notify", "--config", config.toString());

        assertThat(exit).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString())
                .contains("no Slack webhook configured")
                .contains("SLACK_WEBHOOK_URL")
                .doesNotContain("Exception");
    }
}
