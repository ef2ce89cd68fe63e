package io.labelwatch.cli;

import io.labelwatch.embedded.ApicurioRegistry;
import io.labelwatch.embedded.PortInUseException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labelwatch registry}: the real Apicurio schema registry as a child process until Ctrl-C. */
@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the Apicurio schema registry for local work on 127.0.0.1 until Ctrl-C, and prints its"
                    + " Confluent-compatible URL (in-memory storage, BACKWARD compatibility).",
            "Needs Java 21+ (LABELWATCH_REGISTRY_JAVA_HOME, JAVA_HOME or a standard JDK location) and the"
                    + " distribution that ./mvnw package unpacks into streams-app/target/apicurio"
                    + " (or LABELWATCH_APICURIO_HOME)."
        })
final class RegistryCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "8081",
            description = "HTTP port on 127.0.0.1; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port;

    @Override
    public Integer call() {
        if (port < 0 || port > 65_535) {
            throw new UserException("--port must be 0 (any free port) or 1..65535, was " + port);
        }
        Optional<String> unavailable = ApicurioRegistry.unavailableReason();
        if (unavailable.isPresent()) {
            throw new UserException("schema registry cannot start: " + unavailable.get(), Main.EXIT_UNAVAILABLE);
        }
        ApicurioRegistry registry;
        try {
            registry = ApicurioRegistry.start(port);
        } catch (PortInUseException e) {
            throw new UserException(e.getMessage() + "; choose another with --port (0 picks a free one)");
        } catch (RuntimeException e) {
            throw new UserException(
                    "schema registry failed to start: " + firstLine(e.getMessage()), Main.EXIT_UNAVAILABLE, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Schema registry ready at " + registry.ccompatUrl() + " (Apicurio, Confluent-compatible API; log "
                + registry.logFile() + ")");
        out.flush();
        int code = BrokerCommand.runUntilStopped(registry, registry::isRunning, out, "registry stopped");
        if (code != 0) {
            spec.commandLine()
                    .getErr()
                    .println("labelwatch: schema registry stopped unexpectedly; see " + registry.logFile());
        }
        return code;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
