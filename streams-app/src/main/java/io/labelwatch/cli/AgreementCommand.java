package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(
        name = "agreement",
        mixinStandardHelpOptions = true,
        description = "Computes inter-annotator agreement over a CSV export and prints JSON.")
final class AgreementCommand extends NotYetAvailable {}
