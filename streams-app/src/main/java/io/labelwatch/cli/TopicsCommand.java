package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(name = "topics", mixinStandardHelpOptions = true, description = "Creates the topics Labelwatch uses.")
final class TopicsCommand extends NotYetAvailable {}
