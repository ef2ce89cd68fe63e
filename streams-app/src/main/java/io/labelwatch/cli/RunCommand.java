package io.labelwatch.cli;

import io.labelwatch.app.LabelwatchApp;
import io.labelwatch.app.UnavailableException;
import io.labelwatch.config.ConfigException;
import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.notifier.SlackNotifier;
import io.labelwatch.notifier.SlackRouter;
import io.labelwatch.registry.SchemaRegistryClients;
import io.labelwatch.registry.SchemaRegistryException;
import io.labelwatch.topology.EventSerdes;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the Labelwatch service against a Kafka cluster: the topologies, the HTTP server (/metrics, health,",
            "API, status page) and, when a Slack webhook is configured, the notifier. Run N instances with the same",
            "application.id to share the work."
        })
final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        LabelwatchConfig config = options.load();
        checkRegistry(config);
        LabelwatchApp app;
        try {
            app = LabelwatchApp.start(config, Clock.systemUTC());
        } catch (ConfigException e) {
            throw new UserException(e.getMessage());
        } catch (UnavailableException e) {
            throw new UserException(e.getMessage(), Main.EXIT_UNAVAILABLE);
        }
        SlackNotifier notifier = startNotifier(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (notifier != null) {
                                notifier.close();
                            }
                            app.close();
                            stopped.countDown();
                        },
                        "labelwatch-shutdown"));
        spec.commandLine()
                .getOut()
                .println("Labelwatch running; status page and API at " + app.httpUrl() + ", metrics at " + app.httpUrl()
                        + "/metrics");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    /**
     * The registry is asked once at start ({@code GET /subjects}), so an unreachable one fails the start naming it,
     * within {@code schema.registry.retries.total.timeout.ms}, instead of failing the first record; the in-memory
     * registry always answers.
     */
    static void checkRegistry(LabelwatchConfig config) {
        try {
            SchemaRegistryClients.fromConfig(config.registryProperties()).subjects();
        } catch (SchemaRegistryException e) {
            if (e.status() == 401 || e.status() == 403) {
                throw new UserException("schema registry at " + e.url() + " refused the credentials (HTTP " + e.status()
                        + "): check basic.auth.credentials.source and basic.auth.user.info");
            }
            throw ClientFailures.registryFailure(e).orElseThrow();
        } catch (RuntimeException e) {
            throw ClientFailures.badSetting(e).orElseThrow(() -> e);
        }
    }

    /** The notifier runs beside the topology (never inside it) when enabled and a webhook is configured. */
    static SlackNotifier startNotifier(LabelwatchConfig config) {
        if (!config.flag(ConfigKeys.NOTIFIER_ENABLED)
                || !SlackRouter.from(config, System.getenv()).isConfigured()) {
            return null;
        }
        SlackNotifier notifier = SlackNotifier.create(
                config,
                System.getenv(),
                EventSerdes.forType(config, QualityAlert.class).deserializer(),
                new ByteArraySerializer());
        Thread thread = new Thread(notifier, "labelwatch-notifier");
        thread.setDaemon(true);
        thread.start();
        return notifier;
    }
}
