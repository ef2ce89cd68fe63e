package io.labelwatch.registry;

/** Compatibility levels of the Confluent Schema Registry, enforced by {@link MockSchemaRegistryClient}. */
public enum CompatibilityLevel {
    /** Any schema is accepted. */
    NONE,
    /** The new schema can read data written with the latest version. */
    BACKWARD,
    /** The new schema can read data written with every earlier version. */
    BACKWARD_TRANSITIVE,
    /** The latest version can read data written with the new schema. */
    FORWARD,
    /** Every earlier version can read data written with the new schema. */
    FORWARD_TRANSITIVE,
    /** BACKWARD and FORWARD against the latest version. */
    FULL,
    /** BACKWARD and FORWARD against every earlier version. */
    FULL_TRANSITIVE
}
