package io.labelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.testing.EmbeddedKafkaExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code labelwatch topics create} against the in-process broker: the documented topics, and idempotent. */
@ExtendWith(EmbeddedKafkaExtension.class)
class TopicsCommandIT {
    private static final List<String> TOPICS =
            List.of("labels", "reviews", "taxonomy", "chart-points", "alerts", "dlq", "commands");

    private final EmbeddedKafkaBroker broker;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    TopicsCommandIT(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    private String name(String topic) {
        return "it-" + suffix + "-" + topic;
    }

    private Path config() throws IOException {
        StringBuilder text = new StringBuilder("labelwatch.topic.partitions=3\n");
        TOPICS.forEach(t -> text.append("labelwatch.topic.")
                .append(t)
                .append('=')
                .append(name(t))
                .append('\n'));
        return Files.writeString(dir.resolve("topics.properties"), text);
    }

    @Test
    void shouldCreateEveryTopicWithItsDocumentedSettingsAndLeaveThemAloneWhenRunAgain() throws Exception {
        Path config = config();
        String[] args = {"topics", "create", "-c", config.toString(), "-b", broker.bootstrapServers()};

        Cli first = Cli.run(args);
        Cli second = Cli.run(args);

        assertThat(first.code()).as(first.err()).isZero();
        List<String> created = new ArrayList<>();
        TOPICS.forEach(t -> created.add("created " + name(t) + " ("
                + (t.equals("taxonomy") || t.equals("commands") ? 1 : 3) + " partitions, replication 1)"));
        assertThat(first.out().strip().lines()).containsExactlyElementsOf(created);
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out().strip().lines())
                .containsExactlyElementsOf(
                        TOPICS.stream().map(t -> "exists  " + name(t)).toList());

        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            List<String> names = TOPICS.stream().map(this::name).toList();
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<String, Integer> partitions = new TreeMap<>();
            described.forEach((n, d) -> partitions.put(n, d.partitions().size()));
            assertThat(partitions)
                    .containsEntry(name("labels"), 3)
                    .containsEntry(name("reviews"), 3)
                    .containsEntry(name("taxonomy"), 1)
                    .containsEntry(name("chart-points"), 3)
                    .containsEntry(name("alerts"), 3)
                    .containsEntry(name("dlq"), 3)
                    .containsEntry(name("commands"), 1);
            assertThat(described.values())
                    .allSatisfy(d -> assertThat(d.partitions())
                            .allSatisfy(p -> assertThat(p.replicas()).hasSize(1)));

            Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                            .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
            assertThat(cleanupPolicy(configs, name("taxonomy"))).isEqualTo("compact");
            assertThat(cleanupPolicy(configs, name("alerts"))).isEqualTo("compact,delete");
            assertThat(cleanupPolicy(configs, name("reviews"))).isEqualTo("delete");
            assertThat(cleanupPolicy(configs, name("labels"))).isEqualTo("delete");

            // Created means usable: every partition answers listOffsets (KAFKA-15591) when the command returns.
            Map<TopicPartition, OffsetSpec> all = new java.util.HashMap<>();
            described
                    .values()
                    .forEach(d -> d.partitions()
                            .forEach(p -> all.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            assertThat(admin.listOffsets(all).all().get(5, TimeUnit.SECONDS)).hasSize(all.size());
        }
    }

    private static String cleanupPolicy(Map<ConfigResource, Config> configs, String topic) {
        return configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .get("cleanup.policy")
                .value();
    }
}
