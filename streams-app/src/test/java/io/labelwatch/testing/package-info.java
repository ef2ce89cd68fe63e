/**
 * JUnit 5 extensions for integration tests: one real Kafka broker and one real schema registry per test JVM, injected
 * as test parameters.
 */
package io.labelwatch.testing;
