package io.labelwatch.cli;

import picocli.CommandLine.Command;

@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        description = "Runs the Apicurio schema registry for local work.")
final class RegistryCommand extends NotYetAvailable {}
