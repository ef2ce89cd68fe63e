package io.labelwatch.cli;

import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.topology.TopicNames;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Manages the topics Labelwatch uses.",
        subcommands = {TopicsCommand.Create.class})
final class TopicsCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Creates every topic Labelwatch uses (idempotent: existing topics are left as they are).")
    static final class Create implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--timeout", defaultValue = "PT30S", description = "How long to wait for the cluster.")
        Duration timeout;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LabelwatchConfig config = options.load();
            TopicNames names = TopicNames.from(config);
            int partitions = config.integer(ConfigKeys.TOPIC_PARTITIONS);
            short replication = (short) config.integer(ConfigKeys.TOPIC_REPLICATION);
            PrintWriter out = spec.commandLine().getOut();
            create(config, names, partitions, replication, timeout, out);
            return 0;
        }
    }

    /** Creates the topics that do not exist yet; prints one line per topic. */
    static void create(
            LabelwatchConfig config,
            TopicNames names,
            int partitions,
            short replication,
            Duration timeout,
            PrintWriter out) {
        Map<String, Object> adminConfig = new java.util.HashMap<>(config.kafkaProperties());
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        adminConfig.keySet().retainAll(AdminClientConfig.configNames());
        try (Admin admin = Admin.create(adminConfig)) {
            for (NewTopic topic : names.specs(partitions, replication)) {
                try {
                    admin.createTopics(java.util.List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    out.printf(
                            "created %s (%d partitions, replication %d)%n",
                            topic.name(), topic.numPartitions(), topic.replicationFactor());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        out.printf("exists  %s%n", topic.name());
                    } else {
                        throw new UserException(
                                "cannot create topic " + topic.name() + ": "
                                        + e.getCause().getMessage(),
                                Main.EXIT_UNAVAILABLE);
                    }
                } catch (TimeoutException e) {
                    throw new UserException(
                            "Kafka at " + config.bootstrapServers() + " did not answer within " + timeout,
                            Main.EXIT_UNAVAILABLE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UserException("interrupted", 130);
                }
            }
        }
    }
}
