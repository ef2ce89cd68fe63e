package io.labelwatch.topology.agreement;

import io.labelwatch.topology.state.BinarySerde;
import io.labelwatch.topology.state.BinaryState;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the agreement repartition carries: a closed unit for one agreement chart ({@link ClosedUnit}, key chart key),
 * or the progress of one input partition ({@link Watermark}, sent to every partition).
 */
sealed interface AgreementInput permits ClosedUnit, AgreementInput.Watermark {
    /** First byte of a watermark record; a closed unit starts with its own format byte (1, 2, …). */
    byte WATERMARK_FORMAT = -1;

    /**
     * Progress of one input partition of the labels topic: its unit assembly has seen labels up to event time
     * {@code time}, and forwarded every unit it closed up to then. {@code idle}: no label for the idle-close time and no
     * unit open, so it holds nothing back.
     */
    record Watermark(int sourcePartition, long time, boolean idle) implements AgreementInput {}

    static Serde<AgreementInput> serde() {
        return BinarySerde.of(AgreementInput::toBytes, AgreementInput::fromBytes);
    }

    private static byte[] toBytes(AgreementInput input) {
        if (input instanceof ClosedUnit unit) {
            return unit.toBytes();
        }
        Watermark w = (Watermark) input;
        return BinaryState.encode(out -> {
            out.writeByte(WATERMARK_FORMAT);
            out.writeInt(w.sourcePartition());
            out.writeLong(w.time());
            out.writeBoolean(w.idle());
        });
    }

    private static AgreementInput fromBytes(byte[] data) {
        if (data.length > 0 && data[0] == WATERMARK_FORMAT) {
            return BinaryState.decode(data, in -> {
                in.readByte();
                return new Watermark(in.readInt(), in.readLong(), in.readBoolean());
            });
        }
        return ClosedUnit.fromBytes(data);
    }
}
