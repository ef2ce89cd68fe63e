package io.labelwatch.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.cli.Main;
import io.labelwatch.codec.JsonAvroCodec;
import io.labelwatch.embedded.ApicurioRegistry;
import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.events.Box2D;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.Modality;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.ReviewStage;
import io.labelwatch.events.Sampling;
import io.labelwatch.events.Verdict;
import io.labelwatch.registry.AvroSerde;
import io.labelwatch.testing.ApicurioExtension;
import io.labelwatch.testing.EmbeddedKafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The event contract end to end: the real broker (KRaft, in-process) and the real schema registry (Apicurio). */
@ExtendWith({EmbeddedKafkaExtension.class, ApicurioExtension.class})
class EventContractIT {
    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistry registry;
    private String suffix;

    @TempDir
    Path dir;

    EventContractIT(EmbeddedKafkaBroker broker, ApicurioRegistry registry) {
        this.broker = broker;
        this.registry = registry;
    }

    @BeforeEach
    void names() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    private Map<String, Object> registryConfig() {
        return Map.of("schema.registry.url", registry.ccompatUrl());
    }

    static LabelEvent label(int i) {
        return LabelEvent.newBuilder()
                .setEventId("label-" + i)
                .setUnitId("unit-" + i)
                .setItemId("frame-" + i)
                .setPipeline("camera-2d-boxes")
                .setModality(Modality.CAMERA)
                .setTaxonomyVersion("nuscenes-v1.0")
                .setClassLabel("vehicle.car")
                .setAttributes(Map.of("occlusion", "1"))
                .setAnnotatorId("kestrel-ai/ann-0" + i)
                .setVendor("kestrel-ai")
                .setTaskId("task-1")
                .setGuidelineVersion("g-2026.1")
                .setToolVersion("labeltool-4.2.0")
                .setExpectedAnnotations(1)
                .setGoldLabel(i % 2 == 0 ? "vehicle.car" : null)
                .setGeometry(new Box2D(1.0 * i, 2.0, 30.0, 40.0))
                .setLabeledAt(Instant.parse("2026-03-02T08:00:00Z").plusSeconds(i))
                .build();
    }

    static ReviewEvent review(int i) {
        return ReviewEvent.newBuilder()
                .setEventId("review-" + i)
                .setLabelEventId("label-" + i)
                .setUnitId("unit-" + i)
                .setPipeline("camera-2d-boxes")
                .setModality(Modality.CAMERA)
                .setTaxonomyVersion("nuscenes-v1.0")
                .setClassLabel("vehicle.car")
                .setAnnotatorId("kestrel-ai/ann-0" + i)
                .setVendor("kestrel-ai")
                .setGuidelineVersion("g-2026.1")
                .setToolVersion("labeltool-4.2.0")
                .setReviewerId("qa-1")
                .setStage(ReviewStage.QA)
                .setSampling(Sampling.RANDOM)
                .setSamplingRate(0.2)
                .setVerdict(i % 3 == 0 ? Verdict.CORRECTED : Verdict.ACCEPTED)
                .setErrorTypes(List.of())
                .setCorrectedClass(i % 3 == 0 ? "vehicle.truck" : null)
                .setReviewedAt(Instant.parse("2026-03-02T08:10:00Z").plusSeconds(i))
                .build();
    }

    private <T> List<T> readAll(String topic, org.apache.kafka.common.serialization.Deserializer<T> values, int n) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + suffix + "-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest");
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }

    @Test
    void shouldReadBackEqualLabelAndReviewEventsWhenWrittenThroughTheRealRegistry() throws Exception {
        String labels = "it-labels-" + suffix;
        String reviews = "it-reviews-" + suffix;
        broker.createTopics(List.of(new NewTopic(labels, 2, (short) 1), new NewTopic(reviews, 2, (short) 1)));
        Map<String, Object> producerProps = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all");
        List<LabelEvent> sentLabels = List.of(label(1), label(2), label(3));
        List<ReviewEvent> sentReviews = List.of(review(1), review(2), review(3));
        try (KafkaProducer<String, LabelEvent> lp = new KafkaProducer<>(
                        producerProps,
                        new StringSerializer(),
                        AvroSerde.specific(LabelEvent.class, registryConfig(), false)
                                .serializer());
                KafkaProducer<String, ReviewEvent> rp = new KafkaProducer<>(
                        producerProps,
                        new StringSerializer(),
                        AvroSerde.specific(ReviewEvent.class, registryConfig(), false)
                                .serializer())) {
            for (LabelEvent l : sentLabels) {
                lp.send(new ProducerRecord<>(labels, l.getUnitId(), l)).get();
            }
            for (ReviewEvent r : sentReviews) {
                rp.send(new ProducerRecord<>(reviews, r.getUnitId(), r)).get();
            }
        }

        List<LabelEvent> readLabels = readAll(
                labels,
                AvroSerde.specific(LabelEvent.class, registryConfig(), false).deserializer(),
                3);
        List<ReviewEvent> readReviews = readAll(
                reviews,
                AvroSerde.specific(ReviewEvent.class, registryConfig(), false).deserializer(),
                3);

        assertThat(readLabels).containsExactlyInAnyOrderElementsOf(sentLabels);
        assertThat(readReviews).containsExactlyInAnyOrderElementsOf(sentReviews);
    }

    @Test
    void shouldReadRecordWrittenWithBackwardCompatibleV2SchemaInV1Code() {
        String topic = "it-evolution-" + suffix;
        broker.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        Map<String, Object> producerProps = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        // v1 registered first, as the application would.
        try (KafkaProducer<String, LabelEvent> v1 = new KafkaProducer<>(
                producerProps,
                new StringSerializer(),
                AvroSerde.specific(LabelEvent.class, registryConfig(), false).serializer())) {
            v1.send(new ProducerRecord<>(topic, "unit-1", label(1)));
        }
        // v2 adds a field with a default: BACKWARD compatible, so the registry (BACKWARD rule on) accepts it.
        Schema v1Schema = LabelEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : v1Schema.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("confidence", SchemaBuilder.builder().doubleType(), "annotator confidence", 1.0));
        Schema v2Schema =
                Schema.createRecord(v1Schema.getName(), v1Schema.getDoc(), v1Schema.getNamespace(), false, fields);
        LabelEvent original = label(2);
        GenericRecord v2 = new GenericData.Record(v2Schema);
        for (Schema.Field f : v1Schema.getFields()) {
            Object value = original.get(f.pos());
            v2.put(f.name(), value instanceof Instant t ? t.toEpochMilli() : value);
        }
        v2.put("confidence", 0.8);
        try (KafkaProducer<String, GenericRecord> writer = new KafkaProducer<>(
                producerProps,
                new StringSerializer(),
                AvroSerde.generic(registryConfig(), false).serializer())) {
            writer.send(new ProducerRecord<>(topic, "unit-2", v2));
        }

        List<LabelEvent> read = readAll(
                topic,
                AvroSerde.specific(LabelEvent.class, registryConfig(), false).deserializer(),
                2);

        assertThat(read).containsExactly(label(1), original);
    }

    @Test
    void shouldRoundTripAFileThroughProduceThenConsume() throws Exception {
        String topic = "it-cli-reviews-" + suffix;
        broker.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            lines.add(JsonAvroCodec.toJson(review(i)).toString());
        }
        Path file = dir.resolve("reviews.jsonl");
        Files.write(file, lines);
        String[] common = {"-b", broker.bootstrapServers(), "-r", registry.ccompatUrl(), "-t", topic, "--type", "review"
        };

        Run produced = run(concat(new String[] {"produce"}, common, new String[] {"-f", file.toString()}));
        Run consumed = run(concat(new String[] {"consume"}, common, new String[] {
            "--from-beginning", "--max", "5", "--idle-timeout", "PT20S"
        }));

        assertThat(produced.code).as(produced.err).isZero();
        assertThat(produced.out).contains("sent 5 ReviewEvent record(s)");
        assertThat(consumed.code).as(consumed.err).isZero();
        assertThat(consumed.out.strip().lines().toList()).containsExactlyElementsOf(lines);
    }

    @Test
    void shouldNameLineAndFieldAndSendNothingWhenALineIsBad() throws Exception {
        String topic = "it-cli-bad-" + suffix;
        broker.createTopics(List.of(new NewTopic(topic, 1, (short) 1)));
        String good = JsonAvroCodec.toJson(review(1)).toString();
        String bad = good.replace("\"RANDOM\"", "\"SOMETIMES\"");
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, List.of(good, bad));

        Run produced = run(new String[] {
            "produce",
            "-b",
            broker.bootstrapServers(),
            "-r",
            registry.ccompatUrl(),
            "-t",
            topic,
            "--type",
            "review",
            "-f",
            file.toString()
        });
        Run consumed = run(new String[] {
            "consume",
            "-b",
            broker.bootstrapServers(),
            "-r",
            registry.ccompatUrl(),
            "-t",
            topic,
            "--type",
            "review",
            "--from-beginning",
            "--idle-timeout",
            "PT2S"
        });

        assertThat(produced.code).isEqualTo(2);
        assertThat(produced.err.strip())
                .isEqualTo("labelwatch: bad.jsonl line 2: field 'sampling': 'SOMETIMES' is not one of RANDOM,"
                        + " TARGETED, GOLD, FULL");
        assertThat(consumed.code).as(consumed.err).isZero();
        assertThat(consumed.out).isEmpty();
    }

    @Test
    void shouldFailWithinTheTimeoutNamingKafkaWhenTheBrokerIsUnreachable() throws Exception {
        Path file = dir.resolve("one.jsonl");
        Files.write(file, List.of(JsonAvroCodec.toJson(review(1)).toString()));
        long started = System.nanoTime();

        Run produced = run(new String[] {
            "produce",
            "-b",
            "127.0.0.1:1",
            "-r",
            registry.ccompatUrl(),
            "-t",
            "annotation.reviews",
            "-f",
            file.toString(),
            "--timeout",
            "PT3S"
        });

        assertThat(produced.code).isEqualTo(3);
        assertThat(produced.err).contains("Kafka at 127.0.0.1:1 did not answer within PT3S");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static String[] concat(String[]... parts) {
        List<String> all = new ArrayList<>();
        for (String[] p : parts) {
            all.addAll(List.of(p));
        }
        return all.toArray(String[]::new);
    }
}
