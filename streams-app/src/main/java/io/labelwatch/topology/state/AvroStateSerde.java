package io.labelwatch.topology.state;

import io.labelwatch.codec.AvroTrust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Plain Avro binary (no registry framing) for specific records kept in state stores. The writer schema is the
 * reader schema: a store written by one version of Labelwatch is read by the same version after a restart; a schema
 * change that breaks this needs a new store name (see StoreNames).
 */
public final class AvroStateSerde {
    private AvroStateSerde() {}

    public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
        AvroTrust.trustLabelwatchEvents();
        org.apache.avro.Schema schema = SpecificData.get().getSchema(type);
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(schema);
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(schema);
        return BinarySerde.of(
                value -> {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
                    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
                    try {
                        writer.write(value, encoder);
                        encoder.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return bytes.toByteArray();
                },
                data -> {
                    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, null);
                    try {
                        return reader.read(null, decoder);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
