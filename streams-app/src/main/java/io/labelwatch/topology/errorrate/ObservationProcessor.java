package io.labelwatch.topology.errorrate;

import io.labelwatch.events.Metric;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.topology.watermark.WatermarkEmitter;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns valid reviews into chart observations keyed by chart key, and tells every chart task how far this input
 * partition has got ({@link WatermarkEmitter}), so that windows close on the slowest input partition.
 */
final class ObservationProcessor implements Processor<String, ReviewEvent, String, ChartInput> {
    private final WatermarkEmitter<ChartInput> watermarks;
    private ProcessorContext<String, ChartInput> context;

    ObservationProcessor(ErrorRateSettings settings) {
        this.watermarks =
                new WatermarkEmitter<>(settings.windowSize(), settings.idleClose(), ChartInput.Watermark::new);
    }

    @Override
    public void init(ProcessorContext<String, ChartInput> context) {
        this.context = context;
        watermarks.init(context);
    }

    @Override
    public void process(Record<String, ReviewEvent> record) {
        ReviewEvent review = record.value();
        String chartKey = ChartKeys.of(Metric.ERROR_RATE, review.getPipeline(), review.getClassLabel());
        context.forward(record.withKey(chartKey).withValue((ChartInput) ChartInput.Observation.of(review)));
        watermarks.progressed(record.timestamp(), record.timestamp());
    }
}
