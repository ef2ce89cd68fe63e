package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Runs the Labelwatch service against a Kafka cluster.")
final class RunCommand extends NotYetAvailable {}
