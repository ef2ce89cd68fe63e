package io.labelwatch.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelwatch.codec.EventType;
import io.labelwatch.codec.JsonAvroCodec;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.topology.EventSerdes;
import io.labelwatch.topology.TopicNames;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "consume",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a topic's records as JSON lines, decoded through the schema registry.",
            "The dead-letter topic prints its reason headers and the original bytes (base64)."
        })
final class ConsumeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(
            names = {"-t", "--topic"},
            required = true,
            description = "Topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the earliest offset (default: only new records).")
    boolean fromBeginning;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Integer max;

    @Option(
            names = "--idle-timeout",
            defaultValue = "PT10S",
            description = "Stop when no record arrives for this long (default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

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
        if (max != null && max < 1) {
            throw new UserException("--max must be at least 1, got " + max);
        }
        LabelwatchConfig config = options.load();
        TopicNames names = TopicNames.from(config);
        Optional<EventType> type = explicitType().or(() -> EventType.forTopic(topic, names));
        boolean deadLetters = topic.equals(names.dlq());
        if (type.isEmpty() && !deadLetters) {
            throw new UserException(
                    "topic '" + topic + "' is not one of Labelwatch's topics; name the record type with --type");
        }
        Map<String, Object> props = new HashMap<>(config.kafkaProperties());
        props.keySet().retainAll(ConsumerConfig.configNames());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(1000, idleTimeout.toMillis()));
        Deserializer<? extends SpecificRecord> values = type.<Deserializer<? extends SpecificRecord>>map(
                        t -> deserializer(config, t.recordClass()))
                .orElse(null);
        PrintWriter out = spec.commandLine().getOut();
        int printed = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, idleTimeout);
            if (partitions == null || partitions.isEmpty()) {
                throw new UserException("topic '" + topic + "' does not exist", Main.EXIT_UNAVAILABLE);
            }
            List<TopicPartition> assigned = new ArrayList<>();
            partitions.forEach(p -> assigned.add(new TopicPartition(topic, p.partition())));
            consumer.assign(assigned);
            if (fromBeginning) {
                consumer.seekToBeginning(assigned);
            } else {
                consumer.seekToEnd(assigned);
            }
            long idleSince = System.nanoTime();
            while (max == null || printed < max) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (batch.isEmpty()) {
                    if (System.nanoTime() - idleSince > idleTimeout.toNanos()) {
                        break;
                    }
                    continue;
                }
                idleSince = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : batch) {
                    if (max != null && printed >= max) {
                        break;
                    }
                    out.println(
                            values == null
                                    ? deadLetter(record)
                                    : JsonAvroCodec.toJson(values.deserialize(topic, record.value()))
                                            .toString());
                    printed++;
                }
                out.flush();
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new UserException(
                    "Kafka at " + config.bootstrapServers() + " did not answer within " + idleTimeout,
                    Main.EXIT_UNAVAILABLE);
        } catch (org.apache.kafka.common.errors.SerializationException e) {
            throw ClientFailures.registryFailure(e)
                    .orElseGet(() -> new UserException(
                            "cannot decode a record of " + topic + ": " + ClientFailures.rootMessage(e),
                            Main.EXIT_UNAVAILABLE));
        } catch (KafkaException e) {
            throw ClientFailures.classify(
                    e,
                    new UserException("Kafka client failed: " + ClientFailures.rootMessage(e), Main.EXIT_UNAVAILABLE));
        }
        return 0;
    }

    /** The configured serde's deserializer, built before Kafka is contacted so that a bad registry setting exits 2. */
    private static <T extends SpecificRecord> Deserializer<T> deserializer(
            LabelwatchConfig config, Class<T> recordClass) {
        try {
            return EventSerdes.forType(config, recordClass).deserializer();
        } catch (RuntimeException e) {
            throw ClientFailures.classify(e, new UserException(ClientFailures.rootMessage(e)));
        }
    }

    private static String deadLetter(ConsumerRecord<String, byte[]> record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("key", record.key());
        ObjectNode headers = node.putObject("headers");
        for (Header header : record.headers()) {
            if (!header.key().endsWith("stacktrace")) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        node.put(
                "value_base64",
                record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
        return node.toString();
    }
}
