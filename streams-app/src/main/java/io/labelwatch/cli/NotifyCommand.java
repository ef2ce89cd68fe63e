package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(name = "notify", mixinStandardHelpOptions = true, description = "Posts alerts from quality.alerts to Slack.")
final class NotifyCommand extends NotYetAvailable {}
