package io.labelwatch.topology.agreement;

import io.labelwatch.agreement.CoincidenceMatrix;
import io.labelwatch.agreement.ConsensusAgreement;
import io.labelwatch.attribution.Breakdown;
import io.labelwatch.topology.state.BinaryState;

/**
 * One open agreement window of one pipeline: the coincidence matrix of its pairable units, each annotator's
 * agreement with the consensus of the others (as a breakdown of compared units and disagreements), and the gold
 * checks by annotator and by gold class (as breakdowns of gold labels and errors).
 */
final class WindowAgreement {
    private static final byte FORMAT = 1;

    final String pipeline;
    final long windowStart;
    final long windowEnd;
    String taxonomyVersion;
    CoincidenceMatrix matrix = new CoincidenceMatrix();
    long partialUnits;
    /** Annotator → (units compared with the others' consensus, units where the annotator disagreed with it). */
    Breakdown consensus = new Breakdown();
    /** Annotator → (gold labels, gold errors). */
    Breakdown goldByAnnotator = new Breakdown();
    /** Gold class → (labels of units with that gold label, errors). */
    Breakdown goldByClass = new Breakdown();

    WindowAgreement(String pipeline, long windowStart, long windowEnd) {
        this.pipeline = pipeline;
        this.windowStart = windowStart;
        this.windowEnd = windowEnd;
    }

    void add(ClosedUnit unit) {
        if (unit.taxonomyVersion() != null) {
            taxonomyVersion = unit.taxonomyVersion();
        }
        if (unit.pairable()) {
            matrix.addUnit(unit.values().values());
            if (unit.partial()) {
                partialUnits++;
            }
            for (ConsensusAgreement.AnnotatorAgreement a :
                    ConsensusAgreement.forUnit(unit.values(), ConsensusAgreement.DEFAULT_MIN_OTHERS)) {
                if (a.unitsCompared() > 0) {
                    consensus.add(a.annotator(), a.unitsCompared(), a.unitsCompared() - a.agreements());
                }
            }
        }
        if (unit.goldLabel() != null) {
            for (var label : unit.labels().entrySet()) {
                boolean error = !unit.goldLabel().equals(label.getValue());
                goldByAnnotator.addReview(label.getKey(), error);
                goldByClass.addReview(unit.goldLabel(), error);
            }
        }
    }

    byte[] toBytes() {
        return BinaryState.encode(out -> {
            out.writeByte(FORMAT);
            out.writeUTF(pipeline);
            out.writeLong(windowStart);
            out.writeLong(windowEnd);
            BinaryState.writeNullableString(out, taxonomyVersion);
            BinaryState.writeBytes(out, matrix.toBytes());
            out.writeLong(partialUnits);
            BinaryState.writeBytes(out, consensus.toBytes());
            BinaryState.writeBytes(out, goldByAnnotator.toBytes());
            BinaryState.writeBytes(out, goldByClass.toBytes());
        });
    }

    static WindowAgreement fromBytes(byte[] data) {
        return BinaryState.decode(data, in -> {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new java.io.IOException("unknown WindowAgreement format " + format);
            }
            WindowAgreement w = new WindowAgreement(in.readUTF(), in.readLong(), in.readLong());
            w.taxonomyVersion = BinaryState.readNullableString(in);
            w.matrix = CoincidenceMatrix.fromBytes(BinaryState.readBytes(in));
            w.partialUnits = in.readLong();
            w.consensus = Breakdown.fromBytes(BinaryState.readBytes(in));
            w.goldByAnnotator = Breakdown.fromBytes(BinaryState.readBytes(in));
            w.goldByClass = Breakdown.fromBytes(BinaryState.readBytes(in));
            return w;
        });
    }
}
