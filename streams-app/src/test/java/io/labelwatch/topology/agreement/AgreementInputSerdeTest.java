package io.labelwatch.topology.agreement;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.topology.state.BinaryState;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AgreementInputSerdeTest {
    private static final SortedMap<String, String> LABELS =
            new TreeMap<>(Map.of("ann-0", "vehicle.car", "ann-1", "vehicle.truck"));

    private final Serde<AgreementInput> serde = AgreementInput.serde();

    private AgreementInput roundTrip(AgreementInput input) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", input));
    }

    @Test
    void shouldRoundTripClosedUnitWhenItComparesAnAttribute() {
        ClosedUnit unit = new ClosedUnit(
                "u-1",
                "lidar",
                "tax-1",
                42,
                3,
                ClosedUnit.ClosedBy.TIMEOUT,
                "vehicle.car",
                LABELS,
                new TreeMap<>(Map.of("ann-0", "2", "ann-1", "3")));

        assertThat(roundTrip(unit)).isEqualTo(unit);
    }

    @Test
    void shouldRoundTripClosedUnitAndWatermarkWhenValuesAreTheClassLabels() {
        ClosedUnit unit =
                new ClosedUnit("u-2", "lidar", null, 7, 2, ClosedUnit.ClosedBy.COMPLETE, null, LABELS, LABELS);
        AgreementInput.Watermark mark = new AgreementInput.Watermark(5, -1, true);

        assertThat(roundTrip(unit)).isEqualTo(unit);
        assertThat(roundTrip(mark)).isEqualTo(mark);
    }

    @Test
    void shouldReadFormatOneUnitsWithTheClassLabelsAsComparedValues() {
        // The layout written before compared values existed (still on the repartition topic and in the store
        // after an upgrade).
        byte[] closed = BinaryState.encode(out -> {
            out.writeByte(1);
            out.writeUTF("u-3");
            out.writeUTF("lidar");
            BinaryState.writeNullableString(out, "tax-1");
            out.writeLong(9);
            out.writeInt(2);
            out.writeByte(ClosedUnit.ClosedBy.COMPLETE.ordinal());
            BinaryState.writeNullableString(out, null);
            OpenUnit.writeMap(out, LABELS);
        });
        byte[] open = BinaryState.encode(out -> {
            out.writeByte(1);
            out.writeUTF("lidar");
            BinaryState.writeNullableString(out, "tax-1");
            out.writeInt(3);
            out.writeLong(9);
            BinaryState.writeNullableString(out, null);
            OpenUnit.writeMap(out, LABELS);
        });

        ClosedUnit unit = (ClosedUnit) serde.deserializer().deserialize("t", closed);
        assertThat(unit.labels()).isEqualTo(LABELS);
        assertThat(unit.values()).isEqualTo(LABELS);
        OpenUnit assembling = OpenUnit.fromBytes(open);
        assertThat(assembling.labels).isEqualTo(LABELS);
        assertThat(assembling.compared()).isEqualTo(LABELS);
        assertThat(OpenUnit.fromBytes(assembling.toBytes()).compared()).isEqualTo(LABELS);
    }

    @Test
    void shouldKeyUnitByTheMajorityTopLevelClassWhenLabelsSpanClasses() {
        assertThat(ClosedUnit.topLevelClass(java.util.List.of("vehicle.car", "vehicle.truck", "human.pedestrian")))
                .isEqualTo("vehicle");
        assertThat(ClosedUnit.topLevelClass(java.util.List.of("vehicle.car", "human.pedestrian")))
                .isEqualTo("human");
        assertThat(ClosedUnit.topLevelClass(java.util.List.of("animal", "animal")))
                .isEqualTo("animal");
    }
}
