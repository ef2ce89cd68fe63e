package io.labelwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.labelwatch.testing.EmbeddedKafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaBrokerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldConsumeEveryRecordInOrderWhenProducedIdempotently(EmbeddedKafkaBroker kafka) {
        String topic = "it.embedded.ordered";
        kafka.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        List<String> sent = IntStream.range(0, 1000).mapToObj(i -> "value-" + i).collect(Collectors.toList());

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka, Map.of()))) {
            sent.forEach(value -> producer.send(new ProducerRecord<>(topic, "key", value)));
            producer.flush();
        }

        assertThat(consumeAll(kafka, topic, "read_uncommitted", sent.size())).containsExactlyElementsOf(sent);
    }

    @Test
    void shouldDeliverCommittedRecordsWhenATransactionCommitsOnOneNode(EmbeddedKafkaBroker kafka) {
        String topic = "it.embedded.transactional";
        kafka.createTopics(List.of(new NewTopic(topic, 2, (short) 1)));
        Map<String, Object> transactional = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-embedded-tx");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(kafka, transactional))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "a", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "a", "committed-2"));
            producer.commitTransaction();
        }

        assertThat(consumeAll(kafka, topic, "read_committed", 2)).containsExactly("committed-1", "committed-2");
    }

    @Test
    void shouldKeepRecordsWhenRestartedWithTheSameDirectory(@TempDir Path dir) {
        String topic = "it.embedded.durable";
        try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(0, dir)) {
            first.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(first, Map.of()))) {
                producer.send(new ProducerRecord<>(topic, "k", "before-restart"));
                producer.flush();
            }
        }

        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(0, dir)) {
            assertThat(second.dataDir()).isEqualTo(dir.toAbsolutePath().normalize());
            assertThat(consumeAll(second, topic, "read_uncommitted", 1)).containsExactly("before-restart");
        }
        assertThat(dir.resolve("meta.properties")).exists();
    }

    private static Map<String, Object> producerConfig(EmbeddedKafkaBroker kafka, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
        config.putAll(extra);
        return config;
    }

    private static List<String> consumeAll(EmbeddedKafkaBroker kafka, String topic, String isolation, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
