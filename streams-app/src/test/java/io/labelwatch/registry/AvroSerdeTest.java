package io.labelwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.ReviewEvent;
import io.labelwatch.events.TaxonomyClass;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    private final String scope = "serde-" + UUID.randomUUID();
    private final Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);

    @AfterEach
    void dropScope() {
        MockSchemaRegistryClient.drop(scope);
    }

    private <T extends SpecificRecord> T roundTrip(Class<T> type, T record, String topic) {
        AvroSerde<T> serde = AvroSerde.specific(type, config, false);
        byte[] bytes = serde.serializer().serialize(topic, record);
        return serde.deserializer().deserialize(topic, bytes);
    }

    @Test
    void shouldRoundTripEveryEventTypeWhenUsingTheMockRegistry() {
        assertThat(roundTrip(LabelEvent.class, SampleEvents.label(), "annotation.labels"))
                .isEqualTo(SampleEvents.label());
        assertThat(roundTrip(LabelEvent.class, SampleEvents.lidarLabel(), "annotation.labels"))
                .isEqualTo(SampleEvents.lidarLabel());
        assertThat(roundTrip(ReviewEvent.class, SampleEvents.review(), "annotation.reviews"))
                .isEqualTo(SampleEvents.review());
        assertThat(roundTrip(TaxonomyClass.class, SampleEvents.taxonomy(), "annotation.taxonomy"))
                .isEqualTo(SampleEvents.taxonomy());
        assertThat(roundTrip(ChartPoint.class, SampleEvents.chartPoint(), "quality.chart-points"))
                .isEqualTo(SampleEvents.chartPoint());
        assertThat(roundTrip(QualityAlert.class, SampleEvents.alert(), "quality.alerts"))
                .isEqualTo(SampleEvents.alert());
        assertThat(MockSchemaRegistryClient.forScope(scope).subjects())
                .containsExactly(
                        "annotation.labels-value",
                        "annotation.reviews-value",
                        "annotation.taxonomy-value",
                        "quality.alerts-value",
                        "quality.chart-points-value");
    }

    @Test
    void shouldWriteMagicByteAndRegisteredIdWhenSerializing() {
        byte[] bytes = AvroSerde.specific(ReviewEvent.class, config, false)
                .serializer()
                .serialize("annotation.reviews", SampleEvents.review());

        int registered = MockSchemaRegistryClient.forScope(scope)
                .lookup("annotation.reviews-value", ReviewEvent.getClassSchema());
        assertThat(bytes[0]).isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registered);
    }

    @Test
    void shouldUseKeySubjectWhenSerdeIsForKeys() {
        AvroSerde.specific(TaxonomyClass.class, config, true)
                .serializer()
                .serialize("annotation.taxonomy", SampleEvents.taxonomy());

        assertThat(MockSchemaRegistryClient.forScope(scope).subjects()).containsExactly("annotation.taxonomy-key");
    }

    @Test
    void shouldMapNullToNullWhenRecordIsATombstone() {
        AvroSerde<TaxonomyClass> serde = AvroSerde.specific(TaxonomyClass.class, config, false);

        assertThat(serde.serializer().serialize("annotation.taxonomy", null)).isNull();
        assertThat(serde.deserializer().deserialize("annotation.taxonomy", null))
                .isNull();
    }

    @Test
    void shouldRejectWhenMagicByteIsNotZero() {
        AvroSerde<LabelEvent> serde = AvroSerde.specific(LabelEvent.class, config, false);
        byte[] json = "{\"event_id\":\"x\"}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("annotation.labels", json))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("unknown magic byte 0x7b: not Confluent-framed Avro");
    }

    @Test
    void shouldRejectWhenSchemaIdIsUnknown() {
        AvroSerde<LabelEvent> serde = AvroSerde.specific(LabelEvent.class, config, false);
        byte[] framed = {0, 0, 0, 0, 42, 2, 'x'};

        assertThatThrownBy(() -> serde.deserializer().deserialize("annotation.labels", framed))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("schema id 42 not found in registry")
                .hasCauseInstanceOf(SchemaNotFoundException.class);
    }

    @Test
    void shouldRejectWhenHeaderIsTruncated() {
        AvroSerde<LabelEvent> serde = AvroSerde.specific(LabelEvent.class, config, false);

        assertThatThrownBy(() -> serde.deserializer().deserialize("annotation.labels", new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("payload truncated");
        assertThatThrownBy(() -> serde.deserializer().deserialize("annotation.labels", new byte[0]))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("payload truncated");
    }

    @Test
    void shouldRejectWhenBodyIsTruncated() {
        AvroSerde<LabelEvent> serde = AvroSerde.specific(LabelEvent.class, config, false);
        byte[] whole = serde.serializer().serialize("annotation.labels", SampleEvents.label());
        byte[] cut = Arrays.copyOf(whole, whole.length - 4);

        assertThatThrownBy(() -> serde.deserializer().deserialize("annotation.labels", cut))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("payload truncated");
    }

    @Test
    void shouldRejectWhenBytesTrailTheRecord() {
        AvroSerde<TaxonomyClass> serde = AvroSerde.specific(TaxonomyClass.class, config, false);
        byte[] whole = serde.serializer().serialize("annotation.taxonomy", SampleEvents.taxonomy());
        byte[] longer = Arrays.copyOf(whole, whole.length + 3);

        assertThatThrownBy(() -> serde.deserializer().deserialize("annotation.taxonomy", longer))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("trailing bytes");
    }

    @Test
    void shouldFailWhenAutoRegisterIsOffAndSchemaIsNotRegistered() {
        AvroSerde<LabelEvent> serde = AvroSerde.specific(
                LabelEvent.class,
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        "mock://" + scope,
                        AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
                        "false"),
                false);

        assertThatThrownBy(() -> serde.serializer().serialize("annotation.labels", SampleEvents.label()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject annotation.labels-value")
                .hasCauseInstanceOf(SubjectNotFoundException.class);
        assertThat(MockSchemaRegistryClient.forScope(scope).subjects()).isEmpty();
    }

    @Test
    void shouldUseExistingIdWhenAutoRegisterIsOffAndSchemaIsRegistered() {
        int id = MockSchemaRegistryClient.forScope(scope)
                .register("annotation.labels-value", LabelEvent.getClassSchema());
        AvroSerde<LabelEvent> serde = AvroSerde.specific(
                LabelEvent.class,
                Map.of(
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL,
                        "mock://" + scope,
                        AvroSerdeConfig.AUTO_REGISTER_SCHEMAS,
                        false),
                false);

        byte[] bytes = serde.serializer().serialize("annotation.labels", SampleEvents.label());

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        assertThat(serde.deserializer().deserialize("annotation.labels", bytes)).isEqualTo(SampleEvents.label());
    }

    @Test
    void shouldReadGeneratedClassByWriterNameWhenSpecificReaderIsConfiguredByClassName() {
        SpecificAvroSerde<ReviewEvent> serde = new SpecificAvroSerde<>();
        serde.configure(config, false);

        byte[] bytes = serde.serializer().serialize("annotation.reviews", SampleEvents.review());

        assertThat(serde.deserializer().deserialize("annotation.reviews", bytes))
                .isInstanceOf(ReviewEvent.class)
                .isEqualTo(SampleEvents.review());
    }

    @Test
    void shouldRoundTripGenericRecordsWhenConfiguredByClassName() {
        byte[] bytes = AvroSerde.specific(TaxonomyClass.class, config, false)
                .serializer()
                .serialize("annotation.taxonomy", SampleEvents.taxonomy());
        GenericAvroSerde serde = new GenericAvroSerde();
        serde.configure(config, false);

        GenericRecord generic = serde.deserializer().deserialize("annotation.taxonomy", bytes);
        byte[] again = serde.serializer().serialize("annotation.taxonomy", generic);

        assertThat(generic.get("class_label").toString()).isEqualTo("vehicle.bicycle");
        assertThat(again).isEqualTo(bytes);
    }

    @Test
    void shouldRejectWhenValueIsNotAnAvroRecord() {
        AvroSerializer<Object> serializer =
                AvroSerializer.create(MockSchemaRegistryClient.forScope(scope), Map.of(), false);

        assertThatThrownBy(() -> serializer.serialize("t", "plain string"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("expected an Avro record");
    }

    @Test
    void shouldShareOneClientWhenSerdesUseTheSameScope() {
        assertThat(SchemaRegistryClients.fromConfig(config))
                .isSameAs(SchemaRegistryClients.fromConfig(config))
                .isSameAs(MockSchemaRegistryClient.forScope(scope));
    }
}
