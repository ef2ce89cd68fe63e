package io.labelwatch.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry REST API that the serdes need. Served by Confluent
 * Schema Registry, Apicurio Registry ({@code /apis/ccompat/v7}), Karapace and Redpanda.
 *
 * <p>Implementations cache schema→id per subject and id→schema (ids are immutable), and are safe
 * for concurrent use. Failures are {@link SchemaRegistryException}s, typed where the registry's
 * {@code error_code} says what went wrong.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} ({@code POST /subjects/{subject}/versions}),
     * or returns the id it already has.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility level forbids it
     * @throws InvalidSchemaException when the registry rejects the schema
     */
    int register(String subject, Schema schema);

    /**
     * Id of a schema already registered under {@code subject} ({@code POST /subjects/{subject}}).
     *
     * @throws SubjectNotFoundException when the subject does not exist
     * @throws SchemaNotFoundException when the subject has no such schema
     */
    int lookup(String subject, Schema schema);

    /**
     * The schema with this global id ({@code GET /schemas/ids/{id}}).
     *
     * @throws SchemaNotFoundException when no schema has this id
     */
    Schema getById(int id);

    /**
     * The latest version under {@code subject} ({@code GET /subjects/{subject}/versions/latest}).
     *
     * @throws SubjectNotFoundException when the subject does not exist
     */
    RegisteredSchema latest(String subject);

    /**
     * Whether {@code schema} may be registered as the next version of {@code subject} ({@code POST
     * /compatibility/subjects/{subject}/versions/latest}). A subject that does not exist yet
     * accepts any schema, so the answer is {@code true}.
     */
    boolean isCompatible(String subject, Schema schema);

    /** All subjects ({@code GET /subjects}). */
    List<String> subjects();
}
