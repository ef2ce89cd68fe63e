package io.labelwatch.cli;

import io.labelwatch.app.LabelwatchApp;
import io.labelwatch.config.ConfigException;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.notifier.SlackNotifier;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
        LabelwatchApp app;
        try {
            app = LabelwatchApp.start(config, Clock.systemUTC());
        } catch (ConfigException e) {
            throw new UserException(e.getMessage());
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

    /** The notifier runs beside the topology (never inside it) when enabled and a webhook is configured. */
    static SlackNotifier startNotifier(LabelwatchConfig config) {
        return SlackNotifier.startIfConfigured(config, System.getenv()).orElse(null);
    }
}
