package io.labelwatch.cli;

import io.labelwatch.codec.EventType;
import io.labelwatch.codec.JsonAvroCodec;
import io.labelwatch.codec.JsonAvroException;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.registry.RegistryConfig;
import io.labelwatch.topology.EventSerdes;
import io.labelwatch.topology.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = {
            "Publishes events from a JSON-lines file: one plain JSON object per line with the Avro field names,",
            "enums as symbols, timestamps as epoch millis or ISO-8601, nullable fields optional.",
            "Every line is checked before anything is sent: one bad line sends nothing."
        })
final class ProduceCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(
            names = {"-t", "--topic"},
            required = true,
            description = "Topic to write (labels, reviews, taxonomy, chart-points or alerts topic).")
    String topic;

    @Option(
            names = {"-f", "--file"},
            required = true,
            paramLabel = "FILE",
            description = "JSON-lines file.")
    Path file;

    @Option(names = "--timeout", defaultValue = "PT30S", description = "How long to wait for Kafka and the registry.")
    Duration timeout;

    @Option(
            names = "--type",
            paramLabel = "TYPE",
            description = "Record type when the topic is not one of the configured Labelwatch topics:"
                    + " label, review, taxonomy, chart-point or alert.")
    String typeName;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private java.util.Optional<EventType> explicitType() {
        if (typeName == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(EventType.parse(typeName)
                .orElseThrow(() -> new UserException("--type must be one of label, review, taxonomy, chart-point,"
                        + " alert; got '" + typeName + "'")));
    }

    @Override
    public Integer call() {
        LabelwatchConfig config = options.load();
        TopicNames names = TopicNames.from(config);
        EventType type = explicitType()
                .or(() -> EventType.forTopic(topic, names))
                .orElseThrow(() -> new UserException("topic '" + topic + "' is not one of Labelwatch's Avro topics "
                        + String.join(
                                ", ",
                                names.labels(),
                                names.reviews(),
                                names.taxonomy(),
                                names.chartPoints(),
                                names.alerts())
                        + "; name the record type with --type"));
        List<SpecificRecord> records = read(type);
        List<byte[]> payloads = encode(boundedByTimeout(config), type.recordClass(), records);
        int sent = send(config, type, records, payloads);
        spec.commandLine()
                .getOut()
                .printf("sent %d %s record(s) to %s%n", sent, type.recordClass().getSimpleName(), topic);
        return 0;
    }

    private List<SpecificRecord> read(EventType type) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new UserException("file not found: " + file);
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage());
        }
        List<SpecificRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                records.add(JsonAvroCodec.fromJson(line, type.recordClass()));
            } catch (JsonAvroException e) {
                throw new UserException(file.getFileName() + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (records.isEmpty()) {
            throw new UserException(file + " holds no records");
        }
        return records;
    }

    /**
     * The registry calls get no more than {@code --timeout} in all (connect, retries and backoff) unless the
     * configuration asks for less.
     */
    private LabelwatchConfig boundedByTimeout(LabelwatchConfig config) {
        Map<String, String> bounds = new HashMap<>();
        for (String key : List.of(
                RegistryConfig.PREFIX + RegistryConfig.RETRIES_TOTAL_TIMEOUT_MS,
                RegistryConfig.PREFIX + RegistryConfig.CONNECT_TIMEOUT_MS,
                RegistryConfig.PREFIX + RegistryConfig.REQUEST_TIMEOUT_MS)) {
            long configured = config.raw(key).map(ProduceCommand::millisOrMax).orElse(Long.MAX_VALUE);
            if (configured > timeout.toMillis()) {
                bounds.put(key, Long.toString(Math.max(1, timeout.toMillis())));
            }
        }
        return config.with(bounds);
    }

    /** A configured value the registry client will reject is left for it to report, naming the key. */
    private static long millisOrMax(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * Every record through the configured serde (and so the registry) before anything is sent: a registry that refuses
     * the schema or cannot be reached sends nothing.
     */
    private <T extends SpecificRecord> List<byte[]> encode(
            LabelwatchConfig config, Class<T> recordClass, List<SpecificRecord> records) {
        List<byte[]> payloads = new ArrayList<>();
        try (Serde<T> serde = EventSerdes.forType(config, recordClass)) {
            Serializer<T> serializer = serde.serializer();
            for (SpecificRecord record : records) {
                payloads.add(serializer.serialize(topic, recordClass.cast(record)));
            }
        } catch (RuntimeException e) {
            throw ClientFailures.classify(
                    e, new UserException("cannot encode the records: " + ClientFailures.rootMessage(e)));
        }
        return payloads;
    }

    private int send(LabelwatchConfig config, EventType type, List<SpecificRecord> records, List<byte[]> payloads) {
        Map<String, Object> props = new HashMap<>(config.kafkaProperties());
        props.keySet().retainAll(ProducerConfig.configNames());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        int millis = (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE / 2);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis + 5);
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records.size(); i++) {
                acks.add(producer.send(new ProducerRecord<>(topic, type.keyOf(records.get(i)), payloads.get(i))));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (org.apache.kafka.common.errors.TimeoutException | java.util.concurrent.TimeoutException e) {
            throw new UserException(
                    "Kafka at " + config.bootstrapServers() + " did not answer within " + timeout,
                    Main.EXIT_UNAVAILABLE);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new UserException(
                        "Kafka at " + config.bootstrapServers() + " did not answer within " + timeout + " ("
                                + ClientFailures.rootMessage(e) + ")",
                        Main.EXIT_UNAVAILABLE);
            }
            throw new UserException(
                    "Kafka refused the records: " + ClientFailures.rootMessage(e), Main.EXIT_UNAVAILABLE);
        } catch (KafkaException e) {
            throw ClientFailures.classify(
                    e,
                    new UserException("Kafka client failed: " + ClientFailures.rootMessage(e), Main.EXIT_UNAVAILABLE));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException("interrupted", 130);
        }
        return records.size();
    }
}
