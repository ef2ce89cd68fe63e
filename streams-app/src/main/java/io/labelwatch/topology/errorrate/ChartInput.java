package io.labelwatch.topology.errorrate;

import static io.labelwatch.topology.state.BinaryState.readNullableString;
import static io.labelwatch.topology.state.BinaryState.writeNullableString;

import io.labelwatch.events.ErrorType;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.Sampling;
import io.labelwatch.events.Verdict;
import io.labelwatch.topology.state.BinarySerde;
import io.labelwatch.topology.state.BinaryState;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the error-rate repartition topic carries, keyed by chart key: either the part of a review that the chart needs
 * ({@link Observation}) or an operator command for that chart ({@link Command}). One topic for both keeps a command
 * in order with the reviews of its chart.
 */
public sealed interface ChartInput permits ChartInput.Observation, ChartInput.Command, ChartInput.Watermark {

    byte FORMAT = 1;

    /** The fields of a review that the error-rate chart and its attribution use. */
    record Observation(
            long eventTime,
            String pipeline,
            String classLabel,
            String taxonomyVersion,
            String annotator,
            String vendor,
            String guidelineVersion,
            String toolVersion,
            Sampling sampling,
            double samplingRate,
            Verdict verdict,
            List<ErrorType> errorTypes,
            String correctedClass)
            implements ChartInput {

        public static Observation of(ReviewEvent e) {
            return new Observation(
                    e.getReviewedAt().toEpochMilli(),
                    e.getPipeline(),
                    e.getClassLabel(),
                    e.getTaxonomyVersion(),
                    e.getAnnotatorId(),
                    e.getVendor(),
                    e.getGuidelineVersion(),
                    e.getToolVersion(),
                    e.getSampling(),
                    e.getSamplingRate(),
                    e.getVerdict(),
                    List.copyOf(e.getErrorTypes()),
                    e.getCorrectedClass());
        }

        public boolean defect() {
            return verdict != Verdict.ACCEPTED;
        }

        /** RANDOM and FULL reviews estimate the error rate without bias; only they are charted. */
        public boolean charted() {
            return sampling == Sampling.RANDOM || sampling == Sampling.FULL;
        }
    }

    /**
     * Progress of one input partition: every review of {@code sourcePartition} up to event time {@code time} has been
     * sent before this record. Sent to every partition of the repartition topic, so each chart task knows how far each
     * input partition has got even when that partition holds none of its charts. {@code idle} means the input partition
     * has had no review for the idle timeout: it holds nothing back.
     */
    record Watermark(int sourcePartition, long time, boolean idle) implements ChartInput {
        public static final String KEY = io.labelwatch.topology.watermark.WatermarkEmitter.KEY;
    }

    /** An operator's request, e.g. to re-estimate a chart's baseline. */
    record Command(String name, String requestedBy) implements ChartInput {
        public static final String REBASELINE = "REBASELINE";
    }

    static Serde<ChartInput> serde() {
        return BinarySerde.of(ChartInput::toBytes, ChartInput::fromBytes);
    }

    static byte[] toBytes(ChartInput input) {
        return BinaryState.encode(out -> {
            out.writeByte(FORMAT);
            if (input instanceof Observation o) {
                out.writeByte(0);
                out.writeLong(o.eventTime());
                out.writeUTF(o.pipeline());
                out.writeUTF(o.classLabel());
                out.writeUTF(o.taxonomyVersion());
                out.writeUTF(o.annotator());
                out.writeUTF(o.vendor());
                out.writeUTF(o.guidelineVersion());
                out.writeUTF(o.toolVersion());
                out.writeByte(o.sampling().ordinal());
                out.writeDouble(o.samplingRate());
                out.writeByte(o.verdict().ordinal());
                out.writeByte(o.errorTypes().size());
                for (ErrorType t : o.errorTypes()) {
                    out.writeByte(t.ordinal());
                }
                writeNullableString(out, o.correctedClass());
            } else if (input instanceof Command c) {
                out.writeByte(1);
                out.writeUTF(c.name());
                writeNullableString(out, c.requestedBy());
            } else if (input instanceof Watermark w) {
                out.writeByte(2);
                out.writeInt(w.sourcePartition());
                out.writeLong(w.time());
                out.writeBoolean(w.idle());
            }
        });
    }

    static ChartInput fromBytes(byte[] data) {
        return BinaryState.decode(data, in -> {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new java.io.IOException("unknown ChartInput format " + format);
            }
            byte kind = in.readByte();
            if (kind == 1) {
                return new Command(in.readUTF(), readNullableString(in));
            }
            if (kind == 2) {
                return new Watermark(in.readInt(), in.readLong(), in.readBoolean());
            }
            long time = in.readLong();
            String pipeline = in.readUTF();
            String classLabel = in.readUTF();
            String taxonomy = in.readUTF();
            String annotator = in.readUTF();
            String vendor = in.readUTF();
            String guideline = in.readUTF();
            String tool = in.readUTF();
            Sampling sampling = Sampling.values()[in.readByte()];
            double rate = in.readDouble();
            Verdict verdict = Verdict.values()[in.readByte()];
            int types = in.readByte();
            List<ErrorType> errorTypes = new ArrayList<>(types);
            for (int i = 0; i < types; i++) {
                errorTypes.add(ErrorType.values()[in.readByte()]);
            }
            return new Observation(
                    time,
                    pipeline,
                    classLabel,
                    taxonomy,
                    annotator,
                    vendor,
                    guideline,
                    tool,
                    sampling,
                    rate,
                    verdict,
                    errorTypes,
                    readNullableString(in));
        });
    }
}
