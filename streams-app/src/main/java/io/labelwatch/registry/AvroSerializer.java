package io.labelwatch.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated {@link SpecificRecord}s or {@link org.apache.avro.generic.GenericRecord}s)
 * in the Confluent wire format: magic byte 0, the 4-byte big-endian schema id, the Avro binary.
 *
 * <p>The schema id comes from the registry under the subject that the configured {@link
 * SubjectNameStrategy} gives: registered ({@code auto.register.schemas=true}, the default), looked
 * up ({@code false}), or the subject's latest version ({@code use.latest.version=true}; the record
 * is then resolved into the latest schema by field name, which needs that schema to be able to read
 * the record's). A null record is written as null (a tombstone). Failures are {@link
 * SerializationException}s naming the topic and subject.
 *
 * <p>Build one with {@link AvroSerde#specific} / {@link AvroSerde#generic}, or with the no-arg
 * constructor followed by {@link #configure}.
 */
public final class AvroSerializer<T> implements Serializer<T> {
    private SchemaRegistryClient client;
    private AvroSerdeConfig config;
    private boolean isKey;
    private final Map<Class<?>, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
    // use.latest.version: fetched once per subject for the serializer's lifetime (Confluent's default)
    private final Map<String, RegisteredSchema> latestBySubject = new ConcurrentHashMap<>();

    /** For instantiation by class name; call {@link #configure} before use. */
    public AvroSerializer() {}

    /** Uses {@code client} instead of one built from {@code schema.registry.url}; call {@link #configure}. */
    public AvroSerializer(SchemaRegistryClient client) {
        this.client = client;
    }

    /** A configured serializer. */
    public static <T> AvroSerializer<T> create(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        AvroSerializer<T> serializer = new AvroSerializer<>(client);
        serializer.configure(configs, isKey);
        return serializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs, isKey);
        this.isKey = isKey;
        if (client == null) {
            client = SchemaRegistryClients.fromConfig(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("AvroSerializer used before configure()");
        }
        if (!(data instanceof GenericContainer container)) {
            throw new SerializationException("expected an Avro record for topic " + topic + ", got "
                    + data.getClass().getName());
        }
        Schema schema = container.getSchema();
        String subject = config.subjectNameStrategy().subject(topic, isKey, schema);
        int id;
        Schema writerSchema = schema;
        Object datum = data;
        try {
            if (config.useLatestVersion()) {
                RegisteredSchema latest = latestBySubject.computeIfAbsent(subject, client::latest);
                id = latest.id();
                if (!latest.schema().equals(schema)) {
                    writerSchema = latest.schema();
                    datum = resolve(data, schema, writerSchema);
                }
            } else if (config.autoRegisterSchemas()) {
                id = client.register(subject, schema);
            } else {
                id = client.lookup(subject, schema);
            }
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "cannot get a schema id for subject " + subject + " (topic " + topic + "): " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        WireFormat.writeHeader(out, id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer(datum, writerSchema).write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "cannot write " + schema.getFullName() + " with schema id " + id + " for topic " + topic + ": "
                            + e.getMessage(),
                    e);
        }
        return out.toByteArray();
    }

    private DatumWriter<Object> writer(Object datum, Schema schema) {
        if (datum instanceof SpecificRecord) {
            return specificWriters.computeIfAbsent(
                    datum.getClass(), type -> new SpecificDatumWriter<>(schema, SpecificData.getForClass(type)));
        }
        return genericWriters.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, GenericData.get()));
    }

    /** Re-reads {@code data} (of {@code schema}) as a generic record of {@code target}, by Avro resolution. */
    private Object resolve(Object data, Schema schema, Schema target) throws SerializationException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer(data, schema).write(data, encoder);
            encoder.flush();
            return new GenericDatumReader<>(schema, target, GenericData.get())
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "use.latest.version: the latest schema cannot represent a " + schema.getFullName() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        // the client is shared (SchemaRegistryClients) and holds no resources to release
    }
}
