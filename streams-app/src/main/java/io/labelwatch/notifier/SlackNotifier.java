package io.labelwatch.notifier;

import io.labelwatch.config.ConfigException;
import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.topology.EventSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack notifier service: consumes {@code quality.alerts} and posts each alert to Slack through an {@link
 * AlertDispatcher}.
 *
 * <pre>
 * quality.alerts ──► decode ──► AlertDispatcher (dedup, route, group, rate limit, retry) ──► Slack
 *                       │                 │ failed / unrouted
 *                       └─ undecodable ───┴──► quality.dlq (original bytes + labelwatch.dlq.* headers)
 * </pre>
 *
 * <ul>
 *   <li>Own consumer group ({@code labelwatch.notifier.group-id}, default {@code labelwatch-notifier}), {@code
 *       enable.auto.commit=false}, {@code isolation.level=read_committed} (alerts come from an exactly-once
 *       topology: aborted alerts are never posted).
 *   <li>Records are read as bytes and decoded here with the given deserializer, so the DLQ gets the original bytes
 *       and an undecodable record goes to the DLQ instead of stopping the consumer.
 *   <li>An offset is committed only when every alert before it is decided: posted, skipped as a duplicate, or written
 *       to the DLQ (synchronously, acks=all). The commit follows each send at once. A crash therefore re-sends rather
 *       than loses; only the alerts of the message in flight at the crash can be posted twice.
 *   <li>Dead letters carry {@link #DLQ_REASON}, {@link #DLQ_SOURCE_TOPIC}, {@link #DLQ_SOURCE_PARTITION}, {@link
 *       #DLQ_SOURCE_OFFSET} headers (UTF-8 strings) on top of the record's own headers, and its key.
 *   <li>When a DLQ write fails the loop stops without committing that record: nothing is silently dropped.
 *   <li>One turn of the loop posts to Slack for at most half of {@code max.poll.interval.ms}: it starts another group
 *       only while that group's worst case (rate-limit wait, retry budget, request timeout) still fits, and leaves
 *       the rest pending, uncommitted, for the next turn after a poll. With Slack down for many groups the consumer
 *       therefore keeps its partitions instead of being dropped from its group and re-reading everything.
 * </ul>
 *
 * {@link #run()} on one thread; {@link #close()} from any thread stops it (it interrupts a retry wait).
 */
public final class SlackNotifier implements Runnable, AutoCloseable {
    public static final String DLQ_REASON = "labelwatch.dlq.reason";
    public static final String DLQ_SOURCE_TOPIC = "labelwatch.dlq.source.topic";
    public static final String DLQ_SOURCE_PARTITION = "labelwatch.dlq.source.partition";
    public static final String DLQ_SOURCE_OFFSET = "labelwatch.dlq.source.offset";

    private static final Logger LOG = LoggerFactory.getLogger(SlackNotifier.class);
    private static final Duration MAX_POLL_WAIT = Duration.ofSeconds(1);
    private static final long DLQ_TIMEOUT_SECONDS = 30;
    /** The consumer's default {@code max.poll.interval.ms}. */
    static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(5);

    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final Deserializer<QualityAlert> deserializer;
    private final String alertsTopic;
    private final String dlqTopic;
    private final AlertDispatcher<ConsumerRecord<byte[], byte[]>> dispatcher;
    private final Clock clock;
    private final Duration sendBudget;
    private final OffsetTracker offsets = new OffsetTracker();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile Thread runner;

    /**
     * The notifier on real clients.
     *
     * @param consumerProperties Kafka consumer settings (bootstrap, security …); group id, deserializers, auto commit
     *     and isolation level are set here (see {@link #consumerProperties})
     * @param producerProperties Kafka producer settings of the DLQ producer; serializers are set here
     * @param deserializer decodes alert values (the registry serde's deserializer, configured)
     * @param dlqSerializer value serializer of the DLQ producer (a byte-array serializer)
     * @param groupId consumer group id
     * @param alertsTopic topic to consume
     * @param dlqTopic dead-letter topic
     * @param dispatcher the delivery pipeline
     */
    public SlackNotifier(
            Properties consumerProperties,
            Properties producerProperties,
            Deserializer<QualityAlert> deserializer,
            Serializer<byte[]> dlqSerializer,
            String groupId,
            String alertsTopic,
            String dlqTopic,
            AlertDispatcher<ConsumerRecord<byte[], byte[]>> dispatcher) {
        this(
                new KafkaConsumer<>(
                        consumerProperties(consumerProperties, groupId),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()),
                new KafkaProducer<>(producerProperties(producerProperties), new ByteArraySerializer(), dlqSerializer),
                deserializer,
                alertsTopic,
                dlqTopic,
                dispatcher,
                Clock.systemUTC(),
                sendBudget(maxPollInterval(consumerProperties)));
    }

    /**
     * The notifier on given clients (tests use MockConsumer and MockProducer).
     *
     * @param sendBudget how long one turn of the loop may spend posting to Slack before it polls again
     */
    SlackNotifier(
            Consumer<byte[], byte[]> consumer,
            Producer<byte[], byte[]> producer,
            Deserializer<QualityAlert> deserializer,
            String alertsTopic,
            String dlqTopic,
            AlertDispatcher<ConsumerRecord<byte[], byte[]>> dispatcher,
            Clock clock,
            Duration sendBudget) {
        this.sendBudget = sendBudget;
        this.consumer = consumer;
        this.producer = producer;
        this.deserializer = deserializer;
        this.alertsTopic = alertsTopic;
        this.dlqTopic = dlqTopic;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * A notifier configured by {@code config}: Kafka settings from its pass-through keys, topics and everything else
     * from {@code labelwatch.*}; the default webhook from {@code SLACK_WEBHOOK_URL} in {@code environment} when the
     * config names none.
     */
    public static SlackNotifier create(
            LabelwatchConfig config,
            Map<String, String> environment,
            Deserializer<QualityAlert> deserializer,
            Serializer<byte[]> dlqSerializer) {
        Set<String> consumerKeys = ConsumerConfig.configNames();
        Set<String> producerKeys = ProducerConfig.configNames();
        Properties consumer = new Properties();
        Properties producer = new Properties();
        config.kafkaProperties().forEach((key, value) -> {
            if (consumerKeys.contains(key)) {
                consumer.put(key, value);
            }
            if (producerKeys.contains(key)) {
                producer.put(key, value);
            }
        });
        AlertDispatcher<ConsumerRecord<byte[], byte[]>> dispatcher = AlertDispatcher.create(config, environment);
        Duration budget = sendBudget(maxPollInterval(consumer));
        if (dispatcher.longestSend().compareTo(budget) > 0) {
            throw new ConfigException(ConfigKeys.NOTIFIER_RETRY_MAX_TIME.name() + " plus "
                    + ConfigKeys.NOTIFIER_HTTP_TIMEOUT.name() + " (" + dispatcher.longestSend()
                    + " with the rate-limit wait) must not exceed half of max.poll.interval.ms (" + budget + ")");
        }
        return new SlackNotifier(
                consumer,
                producer,
                deserializer,
                dlqSerializer,
                config.string(ConfigKeys.NOTIFIER_GROUP_ID),
                config.string(ConfigKeys.TOPIC_ALERTS),
                config.string(ConfigKeys.TOPIC_DLQ),
                dispatcher);
    }

    /**
     * The notifier as {@code labelwatch run} (and the demo) start it beside the topology, never inside it: on its own
     * daemon thread, when {@code labelwatch.notifier.enabled} is true and a webhook is configured (a config key or
     * {@code SLACK_WEBHOOK_URL} in {@code environment}); empty otherwise. Alert values are decoded with the
     * configured schema registry.
     */
    public static Optional<SlackNotifier> startIfConfigured(LabelwatchConfig config, Map<String, String> environment) {
        if (!config.flag(ConfigKeys.NOTIFIER_ENABLED)
                || !SlackRouter.from(config, environment).isConfigured()) {
            return Optional.empty();
        }
        SlackNotifier notifier = create(
                config,
                environment,
                EventSerdes.forType(config, QualityAlert.class).deserializer(),
                new ByteArraySerializer());
        Thread thread = new Thread(notifier, "labelwatch-notifier");
        thread.setDaemon(true);
        thread.start();
        return Optional.of(notifier);
    }

    /**
     * Half the poll interval: the other half is left for dead-letter writes and the commit, so one turn of the loop
     * ends well within {@code max.poll.interval.ms} however many groups fail.
     */
    static Duration sendBudget(Duration maxPollInterval) {
        return maxPollInterval.dividedBy(2);
    }

    private static Duration maxPollInterval(Properties consumer) {
        Object value = consumer.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        if (value == null) {
            return DEFAULT_MAX_POLL_INTERVAL;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value.toString().trim()));
        } catch (NumberFormatException e) {
            throw new ConfigException(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG
                    + " must be a number of milliseconds, not '" + value + "'");
        }
    }

    /**
     * {@code base} plus what the notifier relies on: the group id, no auto commit, read_committed; {@code
     * auto.offset.reset=earliest} unless given (a new group must not skip alerts already on the topic).
     */
    static Properties consumerProperties(Properties base, String groupId) {
        Properties p = new Properties();
        p.putAll(base);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        p.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        return p;
    }

    /** {@code base} plus acks=all and idempotence for the DLQ producer. */
    static Properties producerProperties(Properties base) {
        Properties p = new Properties();
        p.putAll(base);
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        p.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        p.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return p;
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        try {
            subscribe();
            while (!closing) {
                pollOnce();
            }
        } catch (WakeupException | InterruptException e) {
            // close() was called
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("Slack notifier stopped: {}", e.toString());
            throw e;
        } finally {
            boolean interrupted = Thread.interrupted();
            try {
                commitDone();
            } catch (RuntimeException e) {
                LOG.warn("Slack notifier: final commit failed ({}); undelivered alerts will be re-read", e.toString());
            }
            closeClients();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }
    }

    /** Subscribes to the alerts topic with a listener that gives up pending alerts of revoked partitions. */
    void subscribe() {
        consumer.subscribe(List.of(alertsTopic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                commitDone();
                release(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                release(partitions);
            }
        });
        LOG.info("Slack notifier consuming {} (dead letters to {})", alertsTopic, dlqTopic);
    }

    /**
     * One turn of the loop: poll (no longer than until the next group falls due), offer the alerts, send the due
     * groups, dead-letter what failed, commit what is decided.
     */
    void pollOnce() throws InterruptedException {
        Instant sendUntil = clock.instant().plus(sendBudget);
        Duration wait = MAX_POLL_WAIT;
        Optional<Instant> due = dispatcher.nextDue();
        if (due.isPresent()) {
            Duration untilDue = Duration.between(clock.instant(), due.get());
            wait = untilDue.isNegative() ? Duration.ZERO : untilDue.compareTo(wait) < 0 ? untilDue : wait;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(wait);
        List<AlertDispatcher.Outcome<ConsumerRecord<byte[], byte[]>>> outcomes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            offsets.seen(partition, record.offset());
            if (record.value() == null) {
                offsets.done(partition, record.offset()); // a tombstone of the compacted topic: no alert
                continue;
            }
            QualityAlert alert;
            try {
                alert = deserializer.deserialize(record.topic(), record.headers(), record.value());
            } catch (RuntimeException e) {
                deadLetter(record, "undecodable alert: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                offsets.done(partition, record.offset());
                continue;
            }
            dispatcher.offer(alert, record).ifPresent(outcomes::add);
        }
        // Groups left over when the budget runs out (Slack down for many groups) wait for the next turn, after a poll.
        outcomes.addAll(dispatcher.flushDue(sendUntil));
        for (AlertDispatcher.Outcome<ConsumerRecord<byte[], byte[]>> outcome : outcomes) {
            ConsumerRecord<byte[], byte[]> record = outcome.handle();
            if (outcome.kind() == AlertDispatcher.Kind.FAILED || outcome.kind() == AlertDispatcher.Kind.UNROUTED) {
                deadLetter(record, outcome.reason());
            }
            offsets.done(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
        commitDone();
    }

    private void commitDone() {
        Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable();
        if (committable.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(committable);
            offsets.committed(committable);
        } catch (CommitFailedException e) {
            LOG.warn("Slack notifier: commit failed after a rebalance; the new owner re-reads from the last commit");
        }
    }

    private void release(Collection<TopicPartition> partitions) {
        Set<TopicPartition> revoked = new HashSet<>(partitions);
        dispatcher.discard(r -> revoked.contains(new TopicPartition(r.topic(), r.partition())));
        revoked.forEach(offsets::forget);
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(
                dlqTopic, null, record.timestamp() < 0 ? null : record.timestamp(), record.key(), record.value());
        Headers headers = dead.headers();
        record.headers().forEach(headers::add);
        headers.add(DLQ_REASON, utf8(reason));
        headers.add(DLQ_SOURCE_TOPIC, utf8(record.topic()));
        headers.add(DLQ_SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(DLQ_SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        try {
            producer.send(dead).get(DLQ_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "cannot write alert " + record.topic() + "-" + record.partition() + "@" + record.offset()
                            + " to the DLQ " + dlqTopic + "; stopping without committing it",
                    e);
        }
        LOG.warn(
                "Alert {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(), dlqTopic, reason);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Stops the loop: wakes the consumer, interrupts a retry wait, waits up to 30 s for the loop to commit and close
     * its clients. Pending, unsent alerts are not committed, so the next start sends them.
     */
    @Override
    public void close() {
        closing = true;
        Thread thread = runner;
        if (thread == null) {
            closeClients();
            return;
        }
        consumer.wakeup();
        if (thread != Thread.currentThread()) {
            thread.interrupt();
            try {
                stopped.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeClients() {
        try {
            consumer.close();
        } finally {
            producer.close();
        }
    }
}
