package io.labelwatch.cli;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.notifier.SlackNotifier;
import io.labelwatch.notifier.SlackRouter;
import io.labelwatch.topology.EventSerdes;
import java.util.concurrent.Callable;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code labelwatch notify}: runs the Slack notifier alone until Ctrl-C. The config is loaded and the webhook routes are
 * checked before anything connects, so a bad key or a missing webhook fails at once with a one-line message.
 */
@Command(name = "notify", mixinStandardHelpOptions = true, description = "Posts alerts from quality.alerts to Slack.")
final class NotifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Override
    public Integer call() {
        LabelwatchConfig config = options.load();
        SlackRouter router;
        try {
            router = SlackRouter.from(config, System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UserException("notify: " + e.getMessage());
        }
        if (!router.isConfigured()) {
            throw new UserException("notify: no Slack webhook configured: set labelwatch.notifier.slack.webhook-url,"
                    + " a labelwatch.notifier.slack.route.* key or SLACK_WEBHOOK_URL");
        }
        Deserializer<QualityAlert> alerts =
                EventSerdes.forType(config, QualityAlert.class).deserializer();
        try (SlackNotifier notifier =
                SlackNotifier.create(config, System.getenv(), alerts, new ByteArraySerializer())) {
            Thread hook = new Thread(notifier::close, "notifier-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            spec.commandLine().getOut().println("labelwatch notify: posting alerts to " + router.webhooks());
            spec.commandLine().getOut().flush();
            notifier.run();
        }
        return 0;
    }
}
