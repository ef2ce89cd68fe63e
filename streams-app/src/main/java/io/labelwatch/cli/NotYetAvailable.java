package io.labelwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;

/** Base of a subcommand that is planned but not built yet: it says so and exits non-zero. */
abstract class NotYetAvailable implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("labelwatch " + spec.name() + ": not yet available in this build.");
        return 1;
    }
}
