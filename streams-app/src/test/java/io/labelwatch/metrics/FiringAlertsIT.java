package io.labelwatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.labelwatch.app.LabelwatchApp;
import io.labelwatch.deploy.DashboardTraffic;
import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.testing.EmbeddedKafkaExtension;
import io.micrometer.core.instrument.Gauge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code labelwatch_alerts_firing} follows the alert stores, not the alerts an instance happened to publish: with
 * an alert open, a second instance joins the group and exactly one of the two reports it (the owner of the task);
 * when that owner stops, the survivor restores the store and reports the alert although nothing was re-published.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class FiringAlertsIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final EmbeddedKafkaBroker broker;
    private final List<LabelwatchApp> apps = new ArrayList<>();

    @TempDir
    Path dir;

    FiringAlertsIT(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    @AfterEach
    void stop() {
        apps.forEach(LabelwatchApp::close);
    }

    @Test
    void shouldReportAnOpenAlertOnlyOnItsOwnerWhenInstancesJoinAndLeave() throws IOException {
        DashboardTraffic traffic = new DashboardTraffic(broker);
        LabelwatchApp first = start(traffic, "first");
        traffic.produce();
        await("the CRITICAL class's alert firing on the only instance")
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> firing(first) == 1.0);

        LabelwatchApp second = start(traffic, "second");
        await("both instances running, the alert reported by exactly one")
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    assertThat(first.state()).isEqualTo(KafkaStreams.State.RUNNING);
                    assertThat(second.state()).isEqualTo(KafkaStreams.State.RUNNING);
                    assertThat(List.of(firing(first), firing(second)))
                            .as("alerts firing on the first and the second instance")
                            .containsExactlyInAnyOrder(1.0, Double.NaN);
                });

        LabelwatchApp owner = firing(first) == 1.0 ? first : second;
        LabelwatchApp survivor = owner == first ? second : first;
        owner.close();
        apps.remove(owner);
        await("the survivor, now owner of every task, reports the alert from its restored store")
                .atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> firing(survivor) == 1.0);
    }

    private LabelwatchApp start(DashboardTraffic traffic, String name) throws IOException {
        Path state = Files.createDirectories(dir.resolve(name));
        LabelwatchApp app =
                LabelwatchApp.start(traffic.config().with(Map.of("state.dir", state.toString())), Clock.systemUTC());
        apps.add(app);
        return app;
    }

    /** The firing gauge of the shifted class on that instance; NaN when the instance has no such series. */
    private static double firing(LabelwatchApp app) {
        Gauge gauge = app.registry()
                .find(LabelwatchMetrics.ALERTS_FIRING)
                .tag("class", DashboardTraffic.SHIFTED_CLASS)
                .tag("metric", "ERROR_RATE")
                .gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }
}
