package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Publishes synthetic label and review events with injected faults.")
final class SimulateCommand extends NotYetAvailable {}
