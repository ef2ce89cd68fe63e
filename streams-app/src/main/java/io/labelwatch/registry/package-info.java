/**
 * A small, self-contained client for the Confluent Schema Registry REST API (also served by
 * Apicurio Registry at {@code /apis/ccompat/v7}, Karapace and Redpanda) and an Avro serde in the
 * Confluent wire format (magic byte 0, 4-byte big-endian schema id, Avro binary).
 *
 * <ul>
 *   <li>{@link io.labelwatch.registry.AvroSerde#specific} / {@link io.labelwatch.registry.AvroSerde#generic}:
 *       configured serdes for topologies, producers and consumers.
 *   <li>{@link io.labelwatch.registry.SchemaRegistryClients#fromConfig}: {@code mock://<scope>} selects the
 *       in-memory {@link io.labelwatch.registry.MockSchemaRegistryClient}, anything else the {@link
 *       io.labelwatch.registry.HttpSchemaRegistryClient}.
 *   <li>{@link io.labelwatch.registry.GenericAvroSerde} / {@link io.labelwatch.registry.SpecificAvroSerde}:
 *       no-arg serdes for configuration by class name, where Confluent's would go.
 * </ul>
 *
 * <p>Configuration keys are Confluent's, so one configuration serves this serde and Confluent's.
 */
package io.labelwatch.registry;
