package io.labelwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelwatch.config.ConfigException;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.SafetyCriticality;
import io.labelwatch.notifier.SlackStub.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {
    private static final String ALERTS = "quality.alerts";
    private static final String DLQ = "quality.dlq";
    private static final TopicPartition P0 = new TopicPartition(ALERTS, 0);

    private final FakeTime time = new FakeTime(Instant.parse("2026-03-01T12:00:00Z"));
    private final TestAlertSerde serde = new TestAlertSerde();
    private final SlackStub slack;
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

    SlackNotifierTest() throws Exception {
        slack = new SlackStub();
    }

    @AfterEach
    void tearDown() {
        slack.close();
    }

    private MockConsumer<byte[], byte[]> consumer() {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        return consumer;
    }

    private SlackNotifier notifier(MockConsumer<byte[], byte[]> consumer, Duration groupWait, int attempts) {
        return notifier(
                consumer, groupWait, attempts, SlackNotifier.sendBudget(SlackNotifier.DEFAULT_MAX_POLL_INTERVAL));
    }

    private SlackNotifier notifier(MockConsumer<byte[], byte[]> consumer, int attempts, Duration sendBudget) {
        return notifier(consumer, Duration.ZERO, attempts, sendBudget);
    }

    private SlackNotifier notifier(
            MockConsumer<byte[], byte[]> consumer, Duration groupWait, int attempts, Duration sendBudget) {
        RetryPolicy policy = new RetryPolicy(
                attempts, Duration.ofSeconds(41), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
        AlertDispatcher<ConsumerRecord<byte[], byte[]>> dispatcher = new AlertDispatcher<>(
                new SlackRouter(Map.of(), slack.url()),
                new SlackMessages(null, null),
                new SlackClient(SlackClient.httpClient(policy), policy, time, time, () -> 0.5),
                time,
                time,
                groupWait,
                8,
                100,
                10,
                new SentAlerts(100));
        SlackNotifier notifier =
                new SlackNotifier(consumer, producer, serde, ALERTS, DLQ, dispatcher, time, sendBudget);
        notifier.subscribe();
        consumer.rebalance(List.of(P0));
        return notifier;
    }

    private ConsumerRecord<byte[], byte[]> record(long offset, QualityAlert alert) {
        return new ConsumerRecord<>(
                ALERTS, 0, offset, alert.getAlertId().getBytes(StandardCharsets.UTF_8), serde.serialize(ALERTS, alert));
    }

    private static QualityAlert alert(String id, String pipeline) {
        return TestAlerts.firing(id)
                .setPipeline(pipeline)
                .setSeverity(SafetyCriticality.HIGH)
                .build();
    }

    private static long committed(MockConsumer<byte[], byte[]> consumer) {
        OffsetAndMetadata offset = consumer.committed(Set.of(P0)).get(P0);
        return offset == null ? -1 : offset.offset();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldForceOwnGroupNoAutoCommitAndReadCommitted() {
        Properties base = new Properties();
        base.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "true");
        base.put(ConsumerConfig.GROUP_ID_CONFIG, "labelwatch");
        base.put("bootstrap.servers", "b:9092");

        Properties p = SlackNotifier.consumerProperties(base, "labelwatch-notifier");

        assertThat(p)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "labelwatch-notifier")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .containsEntry("bootstrap.servers", "b:9092");
    }

    @Test
    void shouldPostAndCommitPastTheAlertWhenDelivered() throws Exception {
        MockConsumer<byte[], byte[]> consumer = consumer();
        SlackNotifier notifier = notifier(consumer, Duration.ZERO, 3);
        consumer.addRecord(record(0, alert("a1", "cam")));

        notifier.pollOnce();

        assertThat(slack.requests).hasSize(1);
        assertThat(committed(consumer)).isEqualTo(1);
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldSendTheOriginalRecordToTheDlqWithReasonAndSourceThenCommitWhenSlackRefuses() throws Exception {
        slack.then(Reply.status(404, "no_service"));
        MockConsumer<byte[], byte[]> consumer = consumer();
        SlackNotifier notifier = notifier(consumer, Duration.ZERO, 3);
        ConsumerRecord<byte[], byte[]> original = record(0, alert("a1", "cam"));
        original.headers().add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
        consumer.addRecord(original);

        notifier.pollOnce();

        assertThat(producer.history()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
        assertThat(dead.topic()).isEqualTo(DLQ);
        assertThat(dead.value()).isEqualTo(original.value());
        assertThat(dead.key()).isEqualTo(original.key());
        assertThat(header(dead, SlackNotifier.DLQ_REASON)).isEqualTo("HTTP 404 (permanent): no_service");
        assertThat(header(dead, SlackNotifier.DLQ_SOURCE_TOPIC)).isEqualTo(ALERTS);
        assertThat(header(dead, SlackNotifier.DLQ_SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead, SlackNotifier.DLQ_SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dead, "trace")).isEqualTo("t-1");
        assertThat(committed(consumer)).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterAfterTheRetryBudgetWhenSlackKeepsFailing() throws Exception {
        slack.then(Reply.status(500, ""), Reply.status(502, ""));
        MockConsumer<byte[], byte[]> consumer = consumer();
        SlackNotifier notifier = notifier(consumer, Duration.ZERO, 2);
        consumer.addRecord(record(0, alert("a1", "cam")));

        notifier.pollOnce();

        assertThat(slack.requests).hasSize(2);
        assertThat(header(producer.history().get(0), SlackNotifier.DLQ_REASON))
                .isEqualTo("gave up after 2 attempts: HTTP 502");
        assertThat(committed(consumer)).isEqualTo(1);
    }

    @Test
    void shouldPollAgainWithinMaxPollIntervalWhenSlackIsDownForManyGroups() throws Exception {
        // Every attempt is rate limited for 20 s: each message spends 40 s in waits before it goes to the DLQ, so six
        // pipelines' groups sent in one turn would take 240 s, past the 180 s poll interval.
        List<String> pipelines = List.of("cam", "lidar", "radar", "fusion", "map", "ocr");
        for (int i = 0; i < 3 * pipelines.size(); i++) {
            slack.then(Reply.tooMany("20"));
        }
        Duration maxPollInterval = Duration.ofSeconds(180);
        MockConsumer<byte[], byte[]> consumer = consumer();
        SlackNotifier notifier = notifier(consumer, 3, SlackNotifier.sendBudget(maxPollInterval));
        for (int i = 0; i < pipelines.size(); i++) {
            consumer.addRecord(record(i, alert("a" + i, pipelines.get(i))));
        }

        for (int turn = 1; turn <= 3; turn++) {
            Instant start = time.instant();
            notifier.pollOnce();

            assertThat(Duration.between(start, time.instant()))
                    .as("time between two polls, turn %d", turn)
                    .isLessThan(maxPollInterval);
            assertThat(producer.history())
                    .as("dead letters after turn %d", turn)
                    .hasSize(2 * turn);
            assertThat(committed(consumer)).isEqualTo(2L * turn);
        }
        assertThat(producer.history())
                .extracting(r -> header(r, SlackNotifier.DLQ_SOURCE_OFFSET))
                .containsExactly("0", "1", "2", "3", "4", "5");
        assertThat(slack.requests).hasSize(18);
    }

    @Test
    void shouldRefuseARetryBudgetThatCannotFitBetweenTwoPollsWhenCreated() {
        LabelwatchConfig config = LabelwatchConfig.of(Map.of(
                "bootstrap.servers", "localhost:9092",
                "schema.registry.url", "mock://slack-notifier-test",
                "labelwatch.notifier.slack.webhook-url", slack.url(),
                "labelwatch.notifier.retry.max-time", "PT3M",
                "max.poll.interval.ms", "300000"));

        assertThatThrownBy(() -> SlackNotifier.create(config, Map.of(), serde, new ByteArraySerializer()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("labelwatch.notifier.retry.max-time")
                .hasMessageContaining("max.poll.interval.ms")
                .hasMessageNotContaining(SlackStub.SECRET_PATH);
    }

    @Test
    void shouldDeadLetterUndecodableBytesAndGoOn() throws Exception {
        MockConsumer<byte[], byte[]> consumer = consumer();
        SlackNotifier notifier = notifier(consumer, Duration.ZERO, 3);
        consumer.addRecord(new ConsumerRecord<>(ALERTS, 0, 0, null, new byte[] {(byte) 0xFF, 1, 2}));
        consumer.addRecord(record(1, alert("a1", "cam")));

        notifier.pollOnce();

        assertThat(header(producer.history().get(0), SlackNotifier.DLQ_REASON)).startsWith("undecodable alert");
        assertThat(slack.requests).hasSize(1);
        assertThat(committed(consumer)).isEqualTo(2);
    }

    @Test
    void shouldNotCommitPastAnAlertThatStillWaitsInItsGroup() throws Exception {
        MockConsumer<byte[], byte[]> consumer = consumer();
        SlackNotifier notifier = notifier(consumer, Duration.ofSeconds(30), 3);
        consumer.addRecord(record(0, alert("a1", "cam")));
        consumer.addRecord(record(1, alert("a2", "lidar")));
        notifier.pollOnce();
        assertThat(slack.requests).isEmpty();
        assertThat(committed(consumer)).isEqualTo(-1);

        time.advance(Duration.ofSeconds(15));
        consumer.addRecord(record(2, alert("a3", "cam")));
        notifier.pollOnce();
        time.advance(Duration.ofSeconds(15));
        notifier.pollOnce();

        // cam (offsets 0 and 2) went out as one message; lidar (1) also fell due at 30 s
        assertThat(slack.requests).hasSize(2);
        assertThat(committed(consumer)).isEqualTo(3);
    }

    @Test
    void shouldPostAnUncommittedAlertOnceAfterARestart() throws Exception {
        MockConsumer<byte[], byte[]> first = consumer();
        SlackNotifier before = notifier(first, Duration.ofSeconds(30), 3);
        first.addRecord(record(0, alert("a1", "cam")));
        before.pollOnce();
        time.advance(Duration.ofSeconds(30));
        before.pollOnce(); // a1 posted and committed
        first.addRecord(record(1, alert("a2", "cam")));
        before.pollOnce(); // a2 waits in its group: the process dies here
        assertThat(slack.requests).hasSize(1);
        long committedBeforeCrash = committed(first);
        assertThat(committedBeforeCrash).isEqualTo(1);

        MockConsumer<byte[], byte[]> second = consumer();
        SlackNotifier after = notifier(second, Duration.ZERO, 3);
        second.commitSync(Map.of(P0, new OffsetAndMetadata(committedBeforeCrash)));
        second.addRecord(record(0, alert("a1", "cam")));
        second.addRecord(record(1, alert("a2", "cam")));
        after.pollOnce();

        assertThat(slack.bodies()).hasSize(2);
        assertThat(slack.bodies().get(0)).contains("`a1`").doesNotContain("`a2`");
        assertThat(slack.bodies().get(1)).contains("`a2`").doesNotContain("`a1`");
        assertThat(committed(second)).isEqualTo(2);
    }

    @Test
    void shouldStopRunningAndCloseClientsWhenClosed() throws Exception {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        RetryPolicy policy = new RetryPolicy(
                1, Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1));
        SlackNotifier notifier = new SlackNotifier(
                consumer,
                producer,
                serde,
                ALERTS,
                DLQ,
                new AlertDispatcher<>(
                        new SlackRouter(Map.of(), slack.url()),
                        new SlackMessages(null, null),
                        SlackClient.create(policy),
                        time,
                        time,
                        Duration.ZERO,
                        8,
                        1,
                        1,
                        new SentAlerts(1)),
                time,
                SlackNotifier.sendBudget(SlackNotifier.DEFAULT_MAX_POLL_INTERVAL));
        Thread thread = new Thread(notifier, "notifier-test");
        thread.start();
        org.awaitility.Awaitility.await().until(() -> !consumer.subscription().isEmpty());

        notifier.close();
        thread.join(10_000);

        assertThat(thread.isAlive()).isFalse();
        assertThat(consumer.closed()).isTrue();
        assertThat(producer.closed()).isTrue();
    }
}
