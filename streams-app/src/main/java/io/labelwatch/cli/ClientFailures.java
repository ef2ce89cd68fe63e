package io.labelwatch.cli;

import io.labelwatch.registry.SchemaRegistryException;
import java.util.Optional;

/**
 * Turns failures of the Kafka clients and the schema-registry client into the CLI's one-line messages: a bad setting
 * (Kafka's or Labelwatch's {@code ConfigException}, which name the key) exits 2; an unreachable or failing registry
 * exits 3 naming the registry.
 */
final class ClientFailures {
    private ClientFailures() {}

    /** The bad setting somewhere in {@code failure}'s causes, as an exit-2 error with its message; else empty. */
    static Optional<UserException> badSetting(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.config.ConfigException
                    || t instanceof io.labelwatch.config.ConfigException) {
                return Optional.of(new UserException(firstLine(t.getMessage()), Main.EXIT_USAGE, t));
            }
        }
        return Optional.empty();
    }

    /** The registry failure somewhere in {@code failure}'s causes, as an exit-3 error naming the registry; else empty. */
    static Optional<UserException> registryFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchemaRegistryException registry) {
                return Optional.of(new UserException(
                        "schema registry " + (registry.url() == null ? "" : "at " + registry.url() + " ") + "failed: "
                                + firstLine(registry.getMessage()),
                        Main.EXIT_UNAVAILABLE,
                        t));
            }
        }
        return Optional.empty();
    }

    /** A bad setting or a registry failure in {@code failure}'s causes, else {@code otherwise}. */
    static UserException classify(Throwable failure, UserException otherwise) {
        return badSetting(failure).or(() -> registryFailure(failure)).orElse(otherwise);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : firstLine(t.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
