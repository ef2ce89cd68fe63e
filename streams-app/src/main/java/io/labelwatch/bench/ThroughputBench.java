package io.labelwatch.bench;

import io.labelwatch.app.LabelwatchApp;
import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.simulator.EventSink;
import io.labelwatch.simulator.HistoryReplay;
import io.labelwatch.simulator.KafkaEventSink;
import io.labelwatch.simulator.Simulator;
import io.labelwatch.simulator.SimulatorConfig;
import io.labelwatch.topology.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.TimeWindows;

/**
 * Throughput side by side on one embedded broker and one pre-produced review topic (the simulator's reviews, taxonomy
 * first; labels are not produced because the error-rate topology does not read them): a plain consumer (the machine's
 * limit), a minimal Kafka Streams windowed count (exactly-once, like the real application) and the full Labelwatch
 * topology (exactly-once). Each consumes every review from the start; the Streams clients are timed from RUNNING until their committed
 * offsets reach the end of the input, so start-up is excluded and commit latency is included.
 */
public final class ThroughputBench {
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    private ThroughputBench() {}

    /**
     * Results.
     *
     * @param events review records in the input topic
     * @param plainPerSecond plain consumer, records/s
     * @param minimalPerSecond minimal Streams windowed count, records/s
     * @param fullPerSecond full Labelwatch topology, records/s
     * @param peakRssBytes the process's peak resident set (VmHWM): broker, clients and bench together
     * @param stateBytes bytes in the full application's state directory after the run
     * @param chartKeys distinct chart keys the full application emitted points for
     */
    public record Result(
            long events,
            double plainPerSecond,
            double minimalPerSecond,
            double fullPerSecond,
            long peakRssBytes,
            long stateBytes,
            int chartKeys) {

        /** Minimal Streams over plain consumer. */
        public double minimalOverPlain() {
            return minimalPerSecond / plainPerSecond;
        }

        /** Full topology over minimal Streams. */
        public double fullOverMinimal() {
            return fullPerSecond / minimalPerSecond;
        }

        /** State-store bytes per chart key (0 when no chart closed a window). */
        public double stateBytesPerChartKey() {
            return chartKeys == 0 ? 0 : (double) stateBytes / chartKeys;
        }
    }

    /** Pre-produces {@code simulatedHours} of the default simulation, then measures the three consumers. */
    public static Result run(int simulatedHours, Consumer<String> log) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("labelwatch-bench-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, dir.resolve("kafka"))) {
            LabelwatchConfig config = LabelwatchConfig.of(Map.of(
                            "bootstrap.servers",
                            broker.bootstrapServers(),
                            "schema.registry.url",
                            "mock://bench-" + UUID.randomUUID(),
                            "application.id",
                            "labelwatch-bench-full",
                            "state.dir",
                            dir.resolve("state-full").toString(),
                            ConfigKeys.TOPIC_PARTITIONS.name(),
                            "1",
                            ConfigKeys.MAX_FUTURE_SKEW.name(),
                            "P3650D",
                            ConfigKeys.HTTP_PORT.name(),
                            "0"))
                    .with(HistoryReplay.streamsSettings());
            TopicNames topics = TopicNames.from(config);
            broker.createTopics(HistoryReplay.keepForever(topics.specs(1, (short) 1)));
            long events = produce(config, simulatedHours);
            log.accept(String.format(
                    java.util.Locale.ROOT, "pre-produced %,d reviews (%d simulated hours)", events, simulatedHours));
            List<String> inputs = List.of(topics.reviews());

            double plain = plainConsumer(config, inputs, events);
            log.accept(String.format(java.util.Locale.ROOT, "plain consumer: %,.0f events/s", plain));
            double minimal = minimalStreams(config, inputs, dir.resolve("state-minimal"));
            log.accept(String.format(java.util.Locale.ROOT, "minimal Streams windowed count: %,.0f events/s", minimal));
            double full;
            try (LabelwatchApp app = LabelwatchApp.start(config, Clock.systemUTC())) {
                full = timeUntilCaughtUp(config, "labelwatch-bench-full", inputs, app::state, events);
            }
            log.accept(String.format(java.util.Locale.ROOT, "full Labelwatch topology: %,.0f events/s", full));
            long stateBytes = du(dir.resolve("state-full"));
            log.accept("state directory of the full application: " + stateBytes + " bytes");
            int chartKeys = distinctKeys(config, topics.chartPoints());
            return new Result(events, plain, minimal, full, peakRss(), stateBytes, chartKeys);
        } finally {
            deleteTree(dir);
        }
    }

    private static long produce(LabelwatchConfig config, int hours) {
        Instant start = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        Simulator simulator = new Simulator(SimulatorConfig.defaults().withStart(start));
        try (KafkaEventSink sink = KafkaEventSink.create(config, truth -> {})) {
            sink.publishTaxonomy();
            EventSink reviewsOnly = new EventSink() {
                @Override
                public void label(LabelEvent event) {}

                @Override
                public void review(ReviewEvent event) {
                    sink.review(event);
                }
            };
            for (int h = 0; h < hours; h++) {
                simulator.advance(Duration.ofHours(1), reviewsOnly);
            }
            sink.flush();
        }
        return simulator.reviewsEmitted();
    }

    private static double plainConsumer(LabelwatchConfig config, List<String> inputs, long events) {
        Map<String, Object> props = clientProps(config, ConsumerConfig.configNames());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "labelwatch-bench-plain");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = inputs.stream()
                    .flatMap(t -> consumer.partitionsFor(t).stream().map(p -> new TopicPartition(t, p.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long seen = 0;
            long bytes = 0;
            long started = System.nanoTime();
            long deadline = started + TIMEOUT.toNanos();
            while (seen < events && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    seen++;
                    bytes += r.value() == null ? 0 : r.value().length;
                }
            }
            if (seen < events || bytes == 0) {
                throw new IllegalStateException("plain consumer read " + seen + " of " + events + " records");
            }
            return seen / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static double minimalStreams(LabelwatchConfig config, List<String> inputs, Path stateDir)
            throws InterruptedException {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputs, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .groupByKey()
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofHours(1), Duration.ofMinutes(10)))
                .count(Materialized.as("bench-count"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "labelwatch-bench-minimal");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putAll(HistoryReplay.streamsSettings());
        long events = 0;
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            events = endOffsets(config, inputs);
            return timeUntilCaughtUp(config, "labelwatch-bench-minimal", inputs, streams::state, events);
        }
    }

    private static double timeUntilCaughtUp(
            LabelwatchConfig config,
            String groupId,
            List<String> inputs,
            java.util.function.Supplier<KafkaStreams.State> state,
            long events)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (state.get() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline || state.get() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException(groupId + " did not reach RUNNING: " + state.get());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        long started = System.nanoTime();
        Map<TopicPartition, String> lagging = new HashMap<>();
        try (Admin admin = Admin.create(clientProps(config, AdminClientConfig.configNames()))) {
            while (!caughtUp(admin, groupId, inputs, lagging)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            groupId + " did not catch up within " + TIMEOUT + "; behind: " + lagging);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(
                    "cannot read offsets: " + e.getCause().getMessage(), e);
        }
        return events / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * True when the group has committed the end of every input partition and of every internal (repartition)
     * partition it reads, so the whole topology, not only its first sub-topology, has processed the input. An
     * internal topic is written in transactions; its last offset may be a commit marker, hence the tolerance of one.
     */
    private static boolean caughtUp(
            Admin admin, String groupId, List<String> inputs, Map<TopicPartition, String> lagging)
            throws java.util.concurrent.ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        committed.keySet().forEach(tp -> request.put(tp, OffsetSpec.latest()));
        for (var d : admin.describeTopics(inputs).allTopicNames().get().values()) {
            d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        ListOffsetsResult ends = admin.listOffsets(request);
        lagging.clear();
        for (TopicPartition tp : request.keySet()) {
            long end = ends.partitionResult(tp).get().offset();
            OffsetAndMetadata c = committed.get(tp);
            long done = c == null ? 0 : c.offset();
            long tolerance = inputs.contains(tp.topic()) ? 0 : 1;
            if (done < end - tolerance) {
                lagging.put(tp, done + "/" + end);
            }
        }
        return lagging.isEmpty();
    }

    private static long endOffsets(LabelwatchConfig config, List<String> inputs) {
        try (Admin admin = Admin.create(clientProps(config, AdminClientConfig.configNames()))) {
            return endOffsetsOf(admin, inputs);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(
                    "cannot read end offsets: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long endOffsetsOf(Admin admin, List<String> inputs)
            throws java.util.concurrent.ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (var d : admin.describeTopics(inputs).allTopicNames().get().values()) {
            d.partitions().forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
        }
        ListOffsetsResult result = admin.listOffsets(request);
        long sum = 0;
        for (TopicPartition tp : request.keySet()) {
            sum += result.partitionResult(tp).get().offset();
        }
        return sum;
    }

    private static int distinctKeys(LabelwatchConfig config, String topic) {
        Map<String, Object> props = clientProps(config, ConsumerConfig.configNames());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null) {
                        keys.add(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return keys.size();
    }

    private static Map<String, Object> clientProps(LabelwatchConfig config, Set<String> allowed) {
        Map<String, Object> props = new HashMap<>(config.kafkaProperties());
        props.keySet().retainAll(allowed);
        return props;
    }

    /** Peak resident set size of this process from {@code /proc/self/status} (VmHWM), or -1 where unavailable. */
    public static long peakRss() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.replaceAll("[^0-9]", ""))
                    .mapToLong(kb -> Long.parseLong(kb) * 1024)
                    .findFirst()
                    .orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Bytes of the regular files under {@code dir}. */
    static long du(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
