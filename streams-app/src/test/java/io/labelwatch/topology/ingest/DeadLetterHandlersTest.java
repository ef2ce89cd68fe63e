package io.labelwatch.topology.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchException;

import io.labelwatch.events.ReviewEvent;
import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.registry.AvroSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/**
 * The dead-letter record of an undecodable review. TopologyTestDriver runs the deserialization handler but does not
 * forward its dead-letter records, so the handler's response is checked here (and the record on the topic in
 * ErrorRateIT).
 */
class DeadLetterHandlersTest {
    private static final byte[] GARBAGE = "not avro".getBytes(StandardCharsets.UTF_8);

    private static ErrorHandlerContext context(ConsumerRecord<byte[], byte[]> record) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return record.topic();
            }

            @Override
            public int partition() {
                return record.partition();
            }

            @Override
            public long offset() {
                return record.offset();
            }

            @Override
            public Headers headers() {
                return record.headers();
            }

            @Override
            public String processorNodeId() {
                return "ingest-reviews-source";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, record.partition());
            }

            @Override
            public long timestamp() {
                return record.timestamp();
            }

            @Override
            public byte[] sourceRawKey() {
                return record.key();
            }

            @Override
            public byte[] sourceRawValue() {
                return record.value();
            }
        };
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldDeadLetterTheOriginalBytesWithTheReasonWhenAReviewDoesNotDecode() {
        Exception failure = catchException(() -> AvroSerde.specific(
                        ReviewEvent.class, Map.of("schema.registry.url", "mock://dlq-" + UUID.randomUUID()), false)
                .deserializer()
                .deserialize("annotation.reviews", GARBAGE));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DeadLetterHandlers.Deserialization handler = new DeadLetterHandlers.Deserialization();
        handler.configure(Map.of(
                "errors.dead.letter.queue.topic.name",
                "quality.dlq",
                DeadLetterHandlers.METRICS_CONFIG,
                new LabelwatchMetrics(meters, Clock.systemUTC(), Duration.ofHours(2))));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(
                "annotation.reviews",
                2,
                41L,
                0L,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                0,
                GARBAGE.length,
                "u-1".getBytes(StandardCharsets.UTF_8),
                GARBAGE,
                new RecordHeaders(),
                java.util.Optional.empty());

        DeserializationExceptionHandler.Response response = handler.handleError(context(record), record, failure);

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("quality.dlq");
            assertThat(dead.value()).isEqualTo(GARBAGE);
            assertThat(header(dead, "__streams.errors.message"))
                    .isEqualTo(failure.getMessage())
                    .contains("magic byte");
            assertThat(header(dead, "__streams.errors.topic")).isEqualTo("annotation.reviews");
            assertThat(header(dead, "__streams.errors.partition")).isEqualTo("2");
            assertThat(header(dead, "__streams.errors.offset")).isEqualTo("41");
        });
        assertThat(meters.get("labelwatch.events")
                        .tag("outcome", "dlq")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }
}
