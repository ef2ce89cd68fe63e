package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(
        name = "spc",
        mixinStandardHelpOptions = true,
        description = "Runs a control chart over a CSV export and prints JSON.")
final class SpcCommand extends NotYetAvailable {}
