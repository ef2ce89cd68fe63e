package io.labelwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.registry.AvroSerde;
import io.labelwatch.testing.EmbeddedKafkaExtension;
import io.labelwatch.topology.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code labelwatch run} starts beside the topology ({@link SlackNotifier#startIfConfigured}): with a webhook
 * configured, a notifier that reads {@code quality.alerts} from a real broker and posts to Slack (a loopback stub);
 * with {@code labelwatch.notifier.enabled=false}, nothing, although the webhook is set.
 */
@ExtendWith(EmbeddedKafkaExtension.class)
class NotifierStartIT {
    private final EmbeddedKafkaBroker broker;
    private final String scope = "notifier-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final SlackStub slack;
    private Optional<SlackNotifier> started = Optional.empty();

    NotifierStartIT(EmbeddedKafkaBroker broker) throws Exception {
        io.labelwatch.codec.AvroTrust.trustLabelwatchEvents();
        this.broker = broker;
        this.slack = new SlackStub();
    }

    @AfterEach
    void stop() {
        started.ifPresent(SlackNotifier::close);
        slack.close();
    }

    private LabelwatchConfig config(boolean enabled) {
        Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", broker.bootstrapServers());
        values.put("schema.registry.url", "mock://" + scope);
        values.put("application.id", scope);
        values.put("labelwatch.notifier.enabled", Boolean.toString(enabled));
        values.put("labelwatch.notifier.group-id", scope + "-notifier");
        values.put("labelwatch.notifier.group-wait", "PT0S");
        values.put("labelwatch.notifier.slack.webhook-url", slack.url());
        for (String topic : List.of("labels", "reviews", "taxonomy", "chart-points", "alerts", "dlq", "commands")) {
            values.put("labelwatch.topic." + topic, scope + "." + topic);
        }
        return LabelwatchConfig.of(values);
    }

    @Test
    void shouldPostAnAlertOfTheTopicWhenRunStartsTheNotifierWithAWebhookConfigured() {
        LabelwatchConfig config = config(true);
        TopicNames topics = TopicNames.from(config);
        broker.createTopics(topics.specs(1, (short) 1));

        started = SlackNotifier.startIfConfigured(config, Map.of());
        assertThat(started).as("notifier started").isPresent();
        publish(config, topics.alerts(), TestAlerts.alert("alert-" + scope));

        await("the alert posted to the webhook")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() ->
                        assertThat(slack.bodies()).singleElement().asString().contains("alert-" + scope));
    }

    @Test
    void shouldStartNoNotifierWhenDisabledAlthoughAWebhookIsConfigured() {
        started = SlackNotifier.startIfConfigured(config(false), Map.of("SLACK_WEBHOOK_URL", slack.url()));

        assertThat(started).isEmpty();
    }

    @Test
    void shouldStartNoNotifierWhenNoWebhookIsConfigured() {
        Map<String, String> values = new HashMap<>();
        values.put("bootstrap.servers", broker.bootstrapServers());
        values.put("schema.registry.url", "mock://" + scope);
        values.put("application.id", scope);

        started = SlackNotifier.startIfConfigured(LabelwatchConfig.of(values), Map.of());

        assertThat(started).isEmpty();
    }

    private static void publish(LabelwatchConfig config, String topic, QualityAlert alert) {
        Map<String, Object> props = new HashMap<>(config.registryProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (KafkaProducer<String, QualityAlert> producer = new KafkaProducer<>(
                props,
                new StringSerializer(),
                AvroSerde.specific(QualityAlert.class, props, false).serializer())) {
            producer.send(new ProducerRecord<>(topic, alert.getAlertId(), alert));
            producer.flush();
        }
    }
}
