package io.labelwatch.notifier;

import io.labelwatch.codec.AvroTrust;
import io.labelwatch.events.QualityAlert;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Plain Avro binary (no registry) for tests. */
final class TestAlertSerde implements Serializer<QualityAlert>, Deserializer<QualityAlert> {
    TestAlertSerde() {
        AvroTrust.trustLabelwatchEvents();
    }

    @Override
    public byte[] serialize(String topic, QualityAlert alert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new SpecificDatumWriter<>(QualityAlert.class).write(alert, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public QualityAlert deserialize(String topic, byte[] data) {
        try {
            return new SpecificDatumReader<>(QualityAlert.class)
                    .read(null, DecoderFactory.get().binaryDecoder(data, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("not a QualityAlert", e);
        }
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {}

    @Override
    public void close() {}
}
