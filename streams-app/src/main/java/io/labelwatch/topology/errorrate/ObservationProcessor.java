package io.labelwatch.topology.errorrate;

import io.labelwatch.events.Metric;
import io.labelwatch.events.ReviewEvent;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns valid reviews into chart observations keyed by chart key, and tells every chart task how far this input
 * partition has got (a {@link ChartInput.Watermark} after event time advances by a step, and a heartbeat every second
 * of wall time that also says when the partition has gone idle).
 *
 * <p>Why: after the repartition, one chart task sees the reviews of all input partitions interleaved in arrival
 * order. Closing a window on the largest event time seen would drop the reviews of a partition that lags behind
 * (most of all when a backlog is replayed after an outage). Closing on the smallest watermark of the input
 * partitions does not.
 */
final class ObservationProcessor implements Processor<String, ReviewEvent, String, ChartInput> {
    private final long step;
    private final long idleAfter;
    private ProcessorContext<String, ChartInput> context;
    private int partition;
    private long maxTime = Long.MIN_VALUE;
    private long sentTime = Long.MIN_VALUE;
    private long lastRecordWall;

    ObservationProcessor(ErrorRateSettings settings) {
        this.step = Math.max(1000, settings.windowSize().toMillis() / 60);
        this.idleAfter = settings.idleClose().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, ChartInput> context) {
        this.context = context;
        this.partition = context.taskId().partition();
        this.lastRecordWall = context.currentSystemTimeMs();
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::heartbeat);
    }

    @Override
    public void process(Record<String, ReviewEvent> record) {
        ReviewEvent review = record.value();
        String chartKey = ChartKeys.of(Metric.ERROR_RATE, review.getPipeline(), review.getClassLabel());
        context.forward(record.withKey(chartKey).withValue((ChartInput) ChartInput.Observation.of(review)));
        lastRecordWall = context.currentSystemTimeMs();
        if (record.timestamp() > maxTime) {
            maxTime = record.timestamp();
        }
        if (maxTime >= sentTime + step || sentTime == Long.MIN_VALUE) {
            sendWatermark(record.timestamp(), false);
        }
    }

    void heartbeat(long wallClock) {
        boolean idle = wallClock - lastRecordWall >= idleAfter;
        sendWatermark(maxTime == Long.MIN_VALUE ? 0 : maxTime, idle);
    }

    private void sendWatermark(long timestamp, boolean idle) {
        sentTime = maxTime;
        context.forward(new Record<>(
                ChartInput.Watermark.KEY,
                (ChartInput) new ChartInput.Watermark(partition, maxTime, idle),
                Math.max(0, timestamp)));
    }
}
