package io.labelwatch.registry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Tells Avro's {@link ClassSecurityValidator} (Avro 1.11.4+, which refuses to instantiate classes
 * named in a schema unless trusted) to trust the generated classes a deserializer was asked to read
 * into.
 *
 * <p>Only names taken from a reader schema the application chose (a generated class's own schema)
 * are trusted, never names that arrive from the registry alone, so the check keeps its purpose. The
 * trust is added to whatever global predicate is in place, once per JVM.
 */
final class TrustedAvroClasses {
    private static final Set<String> TRUSTED = ConcurrentHashMap.newKeySet();
    private static volatile boolean installed;

    private TrustedAvroClasses() {}

    /** Trusts every named type (record, enum, fixed) reachable from {@code readerSchema}. */
    static void trust(Schema readerSchema) {
        collect(readerSchema, TRUSTED);
        if (!installed) {
            synchronized (TrustedAvroClasses.class) {
                if (!installed) {
                    ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
                    ClassSecurityValidator.setGlobal(
                            ClassSecurityValidator.composite(previous, type -> TRUSTED.contains(type.getName())));
                    installed = true;
                }
            }
        }
    }

    private static void collect(Schema schema, Set<String> names) {
        switch (schema.getType()) {
            case RECORD -> {
                if (names.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> collect(field.schema(), names));
                }
            }
            case ENUM, FIXED -> names.add(schema.getFullName());
            case ARRAY -> collect(schema.getElementType(), names);
            case MAP -> collect(schema.getValueType(), names);
            case UNION -> schema.getTypes().forEach(branch -> collect(branch, names));
            default -> {
                // primitives name no class
            }
        }
    }
}
