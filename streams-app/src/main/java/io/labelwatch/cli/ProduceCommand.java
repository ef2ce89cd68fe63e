package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(name = "produce", mixinStandardHelpOptions = true, description = "Publishes events from a JSON-lines file.")
final class ProduceCommand extends NotYetAvailable {}
