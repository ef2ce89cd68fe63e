package io.labelwatch.topology.ingest;

import io.labelwatch.metrics.LabelwatchMetrics;
import io.labelwatch.metrics.Outcome;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' own log-and-continue handlers, which write the dead-letter record (original bytes; the reason,
 * source topic, partition and offset in {@code __streams.errors.*} headers) when
 * {@code errors.dead.letter.queue.topic.name} is set (KIP-1034). These subclasses only add the DLQ counter.
 */
public final class DeadLetterHandlers {
    /** Config key under which the application passes its {@link LabelwatchMetrics} to the handlers. */
    public static final String METRICS_CONFIG = "labelwatch.internal.metrics";

    private DeadLetterHandlers() {}

    private static LabelwatchMetrics metrics(Map<String, ?> configs) {
        Object metrics = configs.get(METRICS_CONFIG);
        return metrics instanceof LabelwatchMetrics m ? m : null;
    }

    /** For records that do not decode (bad bytes, unknown schema id). */
    public static final class Deserialization extends LogAndContinueExceptionHandler {
        private LabelwatchMetrics metrics;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            metrics = metrics(configs);
        }

        @Override
        public DeserializationExceptionHandler.Response handleError(
                ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
            if (metrics != null) {
                metrics.event(record.topic(), Outcome.DLQ);
            }
            return super.handleError(context, record, exception);
        }
    }

    /** For records that decode but break the contract ({@link InvalidEventException}). */
    public static final class Processing extends LogAndContinueProcessingExceptionHandler {
        private LabelwatchMetrics metrics;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            metrics = metrics(configs);
        }

        @Override
        public ProcessingExceptionHandler.Response handleError(
                ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            if (metrics != null) {
                metrics.event(context.topic(), Outcome.DLQ);
            }
            return super.handleError(context, record, exception);
        }
    }
}
