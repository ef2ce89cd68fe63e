/**
 * Real infrastructure on one machine, for {@code labelwatch broker}, {@code labelwatch registry}, the demo and the
 * integration tests: an in-process single-node Kafka broker (KRaft, combined broker and controller) and the Apicurio
 * schema registry as a child process.
 */
package io.labelwatch.embedded;
