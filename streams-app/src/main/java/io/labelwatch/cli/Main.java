package io.labelwatch.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code labelwatch} command line: parses arguments, runs one subcommand, exits with its code. */
@Command(
        name = "labelwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Streaming quality monitor for ML training labels.",
        subcommands = {
            CommandLine.HelpCommand.class,
            RunCommand.class,
            DemoCommand.class,
            BrokerCommand.class,
            RegistryCommand.class,
            TopicsCommand.class,
            SimulateCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            SpcCommand.class,
            AgreementCommand.class,
            NotifyCommand.class,
            BenchCommand.class
        })
public final class Main implements Runnable {

    /** Exit code for bad input: a bad argument, a bad config key, a bad record in an input file. */
    public static final int EXIT_USAGE = 2;

    /** Exit code for a failure of something outside us: broker or registry unreachable. */
    public static final int EXIT_UNAVAILABLE = 3;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        io.labelwatch.codec.AvroTrust.trustLabelwatchEvents();
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler(Main::onBadArguments);
        cli.setExecutionExceptionHandler(Main::onFailure);
        return cli;
    }

    private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("labelwatch: " + e.getMessage());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        return EXIT_USAGE;
    }

    private static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof UserException user) {
            cmd.getErr().println("labelwatch: " + user.getMessage());
            return user.exitCode();
        }
        java.util.Optional<UserException> badSetting = ClientFailures.badSetting(e);
        if (badSetting.isPresent()) {
            cmd.getErr().println("labelwatch: " + badSetting.get().getMessage());
            return EXIT_USAGE;
        }
        cmd.getErr().println("labelwatch: unexpected error: " + e);
        return 1;
    }
}
