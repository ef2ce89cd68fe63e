package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Runs an embedded broker, registry, the application and a fault-injecting simulator.")
final class DemoCommand extends NotYetAvailable {}
