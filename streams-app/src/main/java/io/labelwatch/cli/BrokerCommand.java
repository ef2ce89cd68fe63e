package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = "Runs a single-node Kafka broker (KRaft) in this process.")
final class BrokerCommand extends NotYetAvailable {}
