package io.labelwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.labelwatch.events.LabelEvent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Schema evolution through the serde, under the registry's default BACKWARD compatibility. */
class SchemaEvolutionTest {
    private static final String TOPIC = "annotation.labels";
    private static final String SUBJECT = TOPIC + "-value";

    private final String scope = "evolution-" + UUID.randomUUID();
    private final Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);

    @AfterEach
    void dropScope() {
        MockSchemaRegistryClient.drop(scope);
    }

    /** LabelEvent v1 plus {@code extra}. */
    private static Schema labelEventWith(Schema.Field extra) {
        Schema v1 = LabelEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : v1.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(extra);
        return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
    }

    private static Schema v2() {
        return labelEventWith(
                new Schema.Field("confidence", Schema.create(Schema.Type.DOUBLE), "Annotator confidence.", 1.0));
    }

    /** {@code label} as a generic record of {@code schema}, with {@code confidence} set when it has one. */
    private GenericRecord asGeneric(LabelEvent label, Schema schema, Object confidence) {
        AvroSerde<GenericRecord> generic = AvroSerde.generic(config, false);
        byte[] v1Bytes =
                AvroSerde.specific(LabelEvent.class, config, false).serializer().serialize(TOPIC, label);
        GenericRecord v1 = generic.deserializer().deserialize(TOPIC, v1Bytes);
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field field : schema.getFields()) {
            record.put(field.name(), v1.hasField(field.name()) ? v1.get(field.name()) : confidence);
        }
        return record;
    }

    @Test
    void shouldReadIntoV1ClassWhenWrittenWithBackwardCompatibleV2() {
        GenericRecord v2Record = asGeneric(SampleEvents.label(), v2(), 0.25);
        byte[] v2Bytes = AvroSerde.generic(config, false).serializer().serialize(TOPIC, v2Record);

        LabelEvent read = AvroSerde.specific(LabelEvent.class, config, false)
                .deserializer()
                .deserialize(TOPIC, v2Bytes);

        MockSchemaRegistryClient registry = MockSchemaRegistryClient.forScope(scope);
        assertThat(registry.latest(SUBJECT).version()).isEqualTo(2);
        assertThat(ByteBuffer.wrap(v2Bytes, 1, 4).getInt())
                .isEqualTo(registry.latest(SUBJECT).id());
        assertThat(read).isEqualTo(SampleEvents.label());
    }

    @Test
    void shouldReadV1RecordWhenReaderIsGeneric() {
        byte[] bytes =
                AvroSerde.specific(LabelEvent.class, config, false).serializer().serialize(TOPIC, SampleEvents.label());

        GenericRecord read = AvroSerde.generic(config, false).deserializer().deserialize(TOPIC, bytes);

        assertThat(read.getSchema()).isEqualTo(LabelEvent.getClassSchema());
        assertThat(read.get("unit_id").toString()).isEqualTo("unit-1");
        assertThat(read.get("labeled_at")).isEqualTo(SampleEvents.T0.toEpochMilli());
        assertThat(((GenericRecord) read.get("geometry")).get("width")).isEqualTo(30.0);
    }

    @Test
    void shouldRefuseRegistrationWhenNewFieldHasNoDefault() {
        AvroSerde.specific(LabelEvent.class, config, false).serializer().serialize(TOPIC, SampleEvents.label());
        Schema v3 = labelEventWith(
                new Schema.Field("confidence", Schema.create(Schema.Type.DOUBLE), "No default.", (Object) null));
        GenericRecord v3Record = asGeneric(SampleEvents.label(), v3, 0.5);

        assertThatThrownBy(() -> AvroSerde.generic(config, false).serializer().serialize(TOPIC, v3Record))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(SUBJECT)
                .hasCauseInstanceOf(IncompatibleSchemaException.class);
        assertThat(MockSchemaRegistryClient.forScope(scope).latest(SUBJECT).version())
                .isEqualTo(1);
    }

    @Test
    void shouldWriteWithLatestSchemaWhenUseLatestVersionIsOn() {
        MockSchemaRegistryClient registry = MockSchemaRegistryClient.forScope(scope);
        registry.register(SUBJECT, LabelEvent.getClassSchema());
        int v2Id = registry.register(SUBJECT, v2());
        Map<String, Object> latest = Map.of(
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false,
                AvroSerdeConfig.USE_LATEST_VERSION, true);

        byte[] bytes =
                AvroSerde.specific(LabelEvent.class, latest, false).serializer().serialize(TOPIC, SampleEvents.label());

        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(v2Id);
        GenericRecord generic = AvroSerde.generic(config, false).deserializer().deserialize(TOPIC, bytes);
        assertThat(generic.get("confidence")).isEqualTo(1.0);
        assertThat(AvroSerde.specific(LabelEvent.class, config, false)
                        .deserializer()
                        .deserialize(TOPIC, bytes))
                .isEqualTo(SampleEvents.label());
    }

    @Test
    void shouldKeepDefaultValueUsableWhenFieldIsNullableUnion() {
        Schema nullable = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        Schema v2 = labelEventWith(new Schema.Field("note", nullable, "Optional note.", JsonProperties.NULL_VALUE));

        assertThat(MockSchemaRegistryClient.forScope(scope).isCompatible(SUBJECT, v2))
                .isTrue();
        MockSchemaRegistryClient.forScope(scope).register(SUBJECT, LabelEvent.getClassSchema());
        assertThat(MockSchemaRegistryClient.forScope(scope).isCompatible(SUBJECT, v2))
                .isTrue();
    }
}
