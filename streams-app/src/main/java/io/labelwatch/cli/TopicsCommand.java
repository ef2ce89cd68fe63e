package io.labelwatch.cli;

import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.embedded.TopicCreation;
import io.labelwatch.topology.TopicNames;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
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

    /**
     * Creates the topics that do not exist yet and waits until every partition answers (KAFKA-15591); prints one line
     * per topic.
     */
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
        List<NewTopic> specs = names.specs(partitions, replication);
        Map<String, Boolean> created;
        try (Admin admin = Admin.create(adminConfig)) {
            created = TopicCreation.createAndAwait(admin, specs, timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(config, timeout);
            }
            if (e.getCause() instanceof InvalidReplicationFactorException) {
                throw new UserException("cannot create the topics with labelwatch.topic.replication=" + replication
                        + ": " + e.getCause().getMessage());
            }
            throw new UserException(
                    "cannot create the topics on " + config.bootstrapServers() + ": "
                            + e.getCause().getMessage(),
                    Main.EXIT_UNAVAILABLE);
        } catch (TimeoutException e) {
            throw unreachable(config, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted", 130);
        } catch (KafkaException e) {
            throw ClientFailures.classify(
                    e,
                    new UserException("Kafka client failed: " + ClientFailures.rootMessage(e), Main.EXIT_UNAVAILABLE));
        }
        for (NewTopic topic : specs) {
            if (created.get(topic.name())) {
                out.printf(
                        "created %s (%d partitions, replication %d)%n",
                        topic.name(), topic.numPartitions(), topic.replicationFactor());
            } else {
                out.printf("exists  %s%n", topic.name());
            }
        }
    }

    private static UserException unreachable(LabelwatchConfig config, Duration timeout) {
        return new UserException(
                "Kafka at " + config.bootstrapServers() + " did not answer within " + timeout, Main.EXIT_UNAVAILABLE);
    }
}
