package io.labelwatch.cli;

import io.labelwatch.demo.Demo;
import io.labelwatch.demo.DemoSettings;
import io.labelwatch.embedded.PortInUseException;
import io.labelwatch.notifier.SlackNotifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labelwatch demo}: the whole product with a fault-injecting simulator, in one process, until Ctrl-C. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs an embedded broker, registry, the application and a fault-injecting simulator.",
            "Story (simulated time): baseline; +8h guideline change on camera bicycles (SYSTEMIC); +12h rogue",
            "annotator on camera adult pedestrians (LOCALIZED); +18h tool bug on lidar trucks (SYSTEMIC); +26h vendor",
            "onboarding on lidar (LOCALIZED). Ctrl-C stops everything."
        })
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--port-base",
            paramLabel = "N",
            defaultValue = "0",
            description = "Broker on N, registry on N+1, HTTP on N+2; 0 (default) picks free ports.")
    int portBase;

    @Option(
            names = "--speed",
            paramLabel = "SIM/WALL",
            defaultValue = "1h/10s",
            description = "Simulated time per wall time. Default: ${DEFAULT-VALUE}.")
    String speed;

    @Option(
            names = "--data-dir",
            paramLabel = "D",
            description = "Broker log and Streams state, reused across runs. Default: a temporary directory.")
    Path dataDir;

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "Simulated time to run (e.g. 36h), then stop. Default: until Ctrl-C.")
    String duration;

    @Option(
            names = "--rate",
            paramLabel = "N",
            defaultValue = "20000",
            description = "Simulated labels per simulated hour. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Override
    public Integer call() throws InterruptedException {
        DemoSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        java.util.function.Consumer<String> print = line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
        print.accept("Labelwatch demo: starting (Ctrl-C stops everything)");
        Demo demo;
        try {
            demo = Demo.start(settings, print);
        } catch (PortInUseException e) {
            throw new UserException(e.getMessage() + "; choose another --port-base (0 picks free ports)");
        } catch (RuntimeException e) {
            throw new UserException("demo failed to start: " + e.getMessage(), 1, e);
        }
        SlackNotifier notifier = RunCommand.startNotifier(demo.config());
        print.accept(
                notifier == null
                        ? "Slack notifier         off (set SLACK_WEBHOOK_URL to post alerts to Slack)"
                        : "Slack notifier         on (SLACK_WEBHOOK_URL)");
        print.accept(
                "Bootstrap servers      " + demo.broker().bootstrapServers() + "   registry " + demo.registryUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            if (notifier != null) {
                notifier.close();
            }
            demo.close();
            print.accept("demo stopped");
            stopped.countDown();
        };
        Thread hook = new Thread(stop, "labelwatch-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            boolean finished = demo.simulation().isFinished();
            if (finished
                    || !demo.isRunning()
                            && !demo.app().state().equals(org.apache.kafka.streams.KafkaStreams.State.CREATED)) {
                if (finished && demo.simulation().failure() == null) {
                    // Let the last closed windows reach the alert topic before stopping.
                    TimeUnit.MILLISECONDS.sleep(Math.min(
                            10_000,
                            settings.speed().wallFor(Duration.ofHours(1)).toMillis()));
                    print.accept(demo.progressLine());
                }
                Runtime.getRuntime().removeShutdownHook(hook);
                stop.run();
                RuntimeException failure = demo.simulation().failure();
                if (failure != null) {
                    spec.commandLine().getErr().println("labelwatch demo: simulator failed: " + failure.getMessage());
                    return 1;
                }
                return finished ? 0 : 1;
            }
        }
        return 0;
    }

    private DemoSettings settings() {
        if (portBase != 0 && (portBase < 1024 || portBase > 65_533)) {
            throw new UserException("--port-base must be 0 (free ports) or 1024..65533, was " + portBase);
        }
        if (dataDir != null && Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new UserException("--data-dir " + dataDir + " is a file, not a directory");
        }
        if (!(rate > 0) || rate > 1e7) {
            throw new UserException("--rate must be in (0, 10000000] labels per hour, was " + rate);
        }
        DemoSettings s = DemoSettings.defaults()
                .withPortBase(portBase)
                .withSpeed(SimulateCommand.parseSpeed(speed))
                .withDataDir(dataDir)
                .withLabelsPerHour(rate);
        if (duration != null) {
            s = s.withDuration(SimulateCommand.parseDuration("--duration", duration));
        }
        return s;
    }
}
