package io.labelwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.events.SafetyCriticality;
import io.labelwatch.events.TaxonomyClass;
import io.labelwatch.registry.AvroSerde;
import io.labelwatch.testing.EmbeddedKafkaExtension;
import io.labelwatch.topology.CountingSerde;
import io.labelwatch.topology.TopicNames;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The running service reads its topics through the serde class that {@code labelwatch.serde.class} names. */
@ExtendWith(EmbeddedKafkaExtension.class)
class LabelwatchAppSerdeIT {
    private final EmbeddedKafkaBroker broker;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    LabelwatchAppSerdeIT(EmbeddedKafkaBroker broker) {
        io.labelwatch.codec.AvroTrust.trustLabelwatchEvents();
        this.broker = broker;
    }

    @Test
    void shouldDecodeInputsWithTheConfiguredSerdeClassWhenTheAppRuns() throws Exception {
        String registryUrl = "mock://app-serde-" + suffix;
        Map<String, String> settings = new TreeMap<>();
        settings.put("bootstrap.servers", broker.bootstrapServers());
        settings.put("schema.registry.url", registryUrl);
        settings.put("application.id", "labelwatch-serde-it-" + suffix);
        settings.put("state.dir", dir.resolve("state").toString());
        settings.put("labelwatch.http.port", "0");
        settings.put("labelwatch.serde.class", CountingSerde.class.getName());
        for (String topic : List.of("labels", "reviews", "taxonomy", "chart-points", "alerts", "dlq", "commands")) {
            settings.put("labelwatch.topic." + topic, "it-" + suffix + "-" + topic);
        }
        LabelwatchConfig config = LabelwatchConfig.of(settings);
        TopicNames topics = TopicNames.from(config);
        broker.createTopics(topics.specs(1, (short) 1));

        try (LabelwatchApp app = LabelwatchApp.start(config, Clock.systemUTC());
                KafkaProducer<String, TaxonomyClass> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringSerializer(),
                        AvroSerde.specific(TaxonomyClass.class, Map.of("schema.registry.url", registryUrl), false)
                                .serializer())) {
            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(() -> assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING));
            producer.send(new ProducerRecord<>(topics.taxonomy(), "nuscenes-v1.0/vehicle.car", taxonomyClass()))
                    .get();

            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(() ->
                            assertThat(CountingSerde.deserialized(registryUrl)).isPositive());
        }
    }

    private static TaxonomyClass taxonomyClass() {
        return TaxonomyClass.newBuilder()
                .setTaxonomyVersion("nuscenes-v1.0")
                .setClassLabel("vehicle.car")
                .setParent("vehicle")
                .setSafetyCriticality(SafetyCriticality.HIGH)
                .setDeprecated(false)
                .setDefinition("A car.")
                .build();
    }
}
