package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures throughput, latency and detection quality.")
final class BenchCommand extends NotYetAvailable {}
