package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(name = "consume", mixinStandardHelpOptions = true, description = "Prints a topic's records as JSON lines.")
final class ConsumeCommand extends NotYetAvailable {}
