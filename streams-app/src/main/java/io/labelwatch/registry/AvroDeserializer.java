package io.labelwatch.registry;

import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent-framed Avro: magic byte 0, the 4-byte big-endian writer schema id, the Avro
 * binary.
 *
 * <p>The writer schema is fetched by id (and cached, with its {@link DatumReader}, per id). The
 * reader schema is:
 *
 * <ul>
 *   <li>the target class's schema when one is given, so a record written with a newer
 *       BACKWARD-compatible schema is resolved into the reader's generated class;
 *   <li>else, with {@code specific.avro.reader=true}, the generated class named like the writer
 *       schema;
 *   <li>else the writer schema itself, giving a {@link org.apache.avro.generic.GenericRecord}.
 * </ul>
 *
 * <p>A null payload reads as null (a tombstone). Every failure is a {@link SerializationException}
 * whose message says why (e.g. {@code unknown magic byte 0x7b: not Confluent-framed Avro}, {@code
 * schema id 42 not found in registry}, {@code payload truncated}), for a deserialization exception
 * handler or a dead-letter queue to record. When the registry cannot be reached, the cause is a
 * {@link SchemaRegistryException} that is not a {@link SchemaNotFoundException}.
 */
public final class AvroDeserializer<T> implements Deserializer<T> {
    private final Class<T> type;
    private SchemaRegistryClient client;
    private AvroSerdeConfig config;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    /** Generic, or specific by writer schema name with {@code specific.avro.reader=true}; call {@link #configure}. */
    public AvroDeserializer() {
        this(null, null);
    }

    /**
     * Reads into {@code type} (a generated class, or null for the behaviour of the no-arg
     * constructor), using {@code client} (or null: built from {@code schema.registry.url}); call
     * {@link #configure}.
     */
    public AvroDeserializer(Class<T> type, SchemaRegistryClient client) {
        this.type = type;
        this.client = client;
    }

    /** A configured deserializer; see {@link #AvroDeserializer(Class, SchemaRegistryClient)}. */
    public static <T> AvroDeserializer<T> create(
            Class<T> type, SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(type, client);
        deserializer.configure(configs, isKey);
        return deserializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs, isKey);
        if (client == null) {
            client = SchemaRegistryClients.fromConfig(configs);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("AvroDeserializer used before configure()");
        }
        if (payload.length > 0 && payload[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    java.util.Locale.ROOT,
                    "unknown magic byte 0x%02x: not Confluent-framed Avro (topic %s)",
                    payload[0] & 0xff,
                    topic));
        }
        if (payload.length < WireFormat.HEADER_LENGTH) {
            throw new SerializationException("payload truncated: " + payload.length
                    + " bytes, the Confluent header alone needs 5 (topic " + topic + ")");
        }
        int id = WireFormat.schemaId(payload);
        DatumReader<Object> reader = reader(id, topic);
        Object value;
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(payload, WireFormat.HEADER_LENGTH, payload.length - WireFormat.HEADER_LENGTH, null);
            value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new SerializationException("trailing bytes after the record of schema id " + id + " (topic "
                        + topic + "): the payload does not match its schema");
            }
        } catch (EOFException e) {
            throw new SerializationException(
                    "payload truncated: " + payload.length + " bytes end inside a record of schema id " + id
                            + " (topic " + topic + ")",
                    e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException se) {
                throw se;
            }
            throw new SerializationException(
                    "cannot decode a record of schema id " + id + " (topic " + topic + "): " + e.getMessage(), e);
        }
        return (T) value;
    }

    private DatumReader<Object> reader(int id, String topic) {
        DatumReader<Object> cached = readers.get(id);
        if (cached != null) {
            return cached;
        }
        Schema writer;
        try {
            writer = client.getById(id);
        } catch (SchemaNotFoundException e) {
            throw new SerializationException("schema id " + id + " not found in registry (topic " + topic + ")", e);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    "cannot fetch schema id " + id + " from the registry (topic " + topic + "): " + e.getMessage(), e);
        }
        DatumReader<Object> reader = newReader(writer, id);
        readers.putIfAbsent(id, reader);
        return readers.get(id);
    }

    private DatumReader<Object> newReader(Schema writer, int id) {
        Class<?> target = type;
        if (target == null && config.specificAvroReader()) {
            target = generatedClass(writer, id);
        }
        if (target != null && SpecificRecord.class.isAssignableFrom(target)) {
            SpecificData model = SpecificData.getForClass(target);
            Schema readerSchema = model.getSchema(target);
            TrustedAvroClasses.trust(readerSchema);
            return new SpecificDatumReader<>(writer, readerSchema, model);
        }
        return new GenericDatumReader<>(writer, writer, GenericData.get());
    }

    /** The generated record class named like {@code writer}; only {@link SpecificRecord}s qualify. */
    private static Class<?> generatedClass(Schema writer, int id) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = AvroDeserializer.class.getClassLoader();
        }
        try {
            Class<?> found = Class.forName(writer.getFullName(), false, loader);
            if (SpecificRecord.class.isAssignableFrom(found)) {
                return found;
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // reported below
        }
        throw new SerializationException("specific.avro.reader: no generated class for " + writer.getFullName()
                + " (schema id " + id + ") on the classpath");
    }

    @Override
    public void close() {
        // the client is shared (SchemaRegistryClients) and holds no resources to release
    }
}
