package io.labelwatch.cli;

import io.labelwatch.bench.DetectionQuality;
import io.labelwatch.bench.DetectionQuality.RunLengths;
import io.labelwatch.bench.LatencyBench;
import io.labelwatch.bench.ThroughputBench;
import io.labelwatch.demo.DemoSettings;
import io.labelwatch.demo.Speed;
import io.labelwatch.spc.FleetBudget;
import io.labelwatch.spc.ProportionChartConfig;
import io.labelwatch.spc.ProportionMode;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code labelwatch bench}: throughput of the plain consumer, a minimal Streams app and the full topology on one
 * embedded broker; detection quality of the pure charts on simulated binomial data; the fleet false-alarm budget.
 * Prints one Markdown table.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures throughput (plain consumer, minimal Streams, full topology on the same pre-produced topics),",
            "peak RSS, state bytes per chart, detection quality (ARL0, ARL1 for 1/2/3 sigma shifts against Shewhart",
            "and CUSUM theory) and the fleet false-alarm budget. --quick finishes in under two minutes."
        })
final class BenchCommand implements Callable<Integer> {
    /** Chart error rate and window size of the detection benchmark: n·p = 50, so the normal theory applies. */
    static final double P0 = 0.05;

    static final int N = 1000;
    /** A sparse chart like the demo's rare classes: n·p = 0.6. */
    static final double SPARSE_P0 = 0.015;

    static final int SPARSE_N = 40;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Smaller samples (CI smoke use): under two minutes.")
    boolean quick;

    @Option(
            names = "--fleet-charts",
            paramLabel = "N",
            defaultValue = "500",
            description = "Charts in the fleet budget check. Default: ${DEFAULT-VALUE}.")
    int fleetCharts;

    @Option(
            names = "--fleet-budget",
            paramLabel = "B",
            defaultValue = "1",
            description = "False alarms per day allowed over the fleet. Default: ${DEFAULT-VALUE}.")
    double fleetBudget;

    @Option(names = "--skip-throughput", description = "Only the pure statistics (no broker, no latency run).")
    boolean skipThroughput;

    @Option(
            names = "--latency-speed",
            paramLabel = "SIM/WALL",
            description = "Pace of the latency run, simulated/wall as in the demo's --speed."
                    + " Default: 1h/10s (the demo's), 1h/2s with --quick.")
    String latencySpeed;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (fleetCharts < 1 || fleetCharts > 100_000) {
            throw new UserException("--fleet-charts must be in 1..100000, was " + fleetCharts);
        }
        if (!(fleetBudget > 0) || fleetBudget > 1e6) {
            throw new UserException("--fleet-budget must be a positive number of alarms per day, was " + fleetBudget);
        }
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        int runs = quick ? 1_000 : 10_000;
        int shiftRuns = quick ? 400 : 4_000;
        int fleetDays = quick ? 10 : 100;
        int hours = quick ? 8 : 24;
        Speed speed = latencySpeed == null
                ? new Speed(Duration.ofHours(1), Duration.ofSeconds(quick ? 2 : 10))
                : latencySpeed();

        out.println("| measure | value | reference / note |");
        out.println("| --- | ---: | --- |");
        if (!skipThroughput) {
            ThroughputBench.Result t = ThroughputBench.run(hours, line -> {});
            row(out, "reviews pre-produced", "%,d", t.events(), hours + " simulated hours, 1 partition");
            row(out, "plain consumer, reviews/s", "%,.0f", t.plainPerSecond(), "the machine's limit");
            row(out, "minimal Streams windowed count (EOS), reviews/s", "%,.0f", t.minimalPerSecond(), "");
            row(out, "full Labelwatch topology (EOS), reviews/s", "%,.0f", t.fullPerSecond(), "");
            row(out, "ratio minimal / plain", "%.3f", t.minimalOverPlain(), "");
            row(out, "ratio full / minimal", "%.3f", t.fullOverMinimal(), "");
            row(
                    out,
                    "peak RSS (VmHWM), MiB",
                    "%.0f",
                    t.peakRssBytes() / 1048576.0,
                    "whole process: broker + 3 clients");
            row(
                    out,
                    "state-store bytes per chart key",
                    "%,.0f",
                    t.stateBytesPerChartKey(),
                    t.chartKeys() + " chart keys, du of the full app's state dir");
            out.flush();

            LatencyBench.Result latency =
                    LatencyBench.run(speed, DemoSettings.defaults().labelsPerHour());
            for (LatencyBench.Fault f : latency.faults()) {
                String name = "detection latency, "
                        + f.truth().scenario().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": windows / wall s";
                row(
                        out,
                        name,
                        "%s",
                        f.detected() ? String.format(Locale.ROOT, "%d / %.1f", f.windows(), f.wallSeconds()) : "missed",
                        f.detected()
                                ? String.format(
                                        Locale.ROOT,
                                        "first alert %s (expected %s); speed %s, %,.0f labels/h; pacing alone needs"
                                                + " %.1f s",
                                        f.cause(),
                                        f.truth().expectedCause(),
                                        latency.speed(),
                                        latency.labelsPerHour(),
                                        latency.pacingFloor(f.windows()).toMillis() / 1000.0)
                                : "no alert within " + LatencyBench.MAX_WINDOWS + " windows");
            }
            out.flush();
        }

        ProportionChartConfig defaults = DetectionQuality.defaultRules();
        RunLengths arl0 = DetectionQuality.runLengths(defaults, P0, N, 0, runs, 20_000, 1);
        row(
                out,
                "ARL0, default rules (Nelson 1-8 + EWMA + CUSUM), windows",
                "%.1f",
                arl0.mean(),
                runs + " runs, p0=" + P0 + ", n=" + N);
        row(out, "false alarms per 1,000 chart-windows, default rules", "%.2f", arl0.perThousand(), "");
        RunLengths rule1 = DetectionQuality.runLengths(DetectionQuality.shewhartOnly(3), P0, N, 0, runs, 20_000, 2);
        row(
                out,
                "ARL0, rule 1 alone (L=3), windows",
                "%.1f",
                rule1.mean(),
                String.format(Locale.ROOT, "theory %.1f", FleetBudget.shewhartArl(3, 0)));
        RunLengths sparse =
                DetectionQuality.runLengths(DetectionQuality.shewhartOnly(3), SPARSE_P0, SPARSE_N, 0, runs, 20_000, 3);
        row(
                out,
                "ARL0, rule 1 alone (L=3), sparse chart, windows",
                "%.1f",
                sparse.mean(),
                String.format(
                        Locale.ROOT,
                        "p0=%s, n=%d (n·p=%.1f): the normal limits do not hold; theory %.1f",
                        SPARSE_P0,
                        SPARSE_N,
                        SPARSE_P0 * SPARSE_N,
                        FleetBudget.shewhartArl(3, 0)));
        RunLengths sparseExact = DetectionQuality.runLengths(
                DetectionQuality.shewhartOnly(3).withMode(ProportionMode.PROBABILITY),
                SPARSE_P0,
                SPARSE_N,
                0,
                runs,
                20_000,
                3);
        row(
                out,
                "ARL0, rule 1 alone (L=3), sparse chart, exact probability limits, windows",
                "%.1f",
                sparseExact.mean(),
                "labelwatch.spc.chart=PROBABILITY; discreteness keeps it at or above 370.4");
        for (double delta : new double[] {1, 2, 3}) {
            RunLengths all = DetectionQuality.runLengths(defaults, P0, N, delta, shiftRuns, 5_000, 10 + (long) delta);
            RunLengths shew = DetectionQuality.runLengths(
                    DetectionQuality.shewhartOnly(3), P0, N, delta, shiftRuns, 5_000, 20 + (long) delta);
            RunLengths cusum = DetectionQuality.runLengths(
                    DetectionQuality.cusumOnly(0.5, 5), P0, N, delta, shiftRuns, 5_000, 30 + (long) delta);
            String d = String.format(Locale.ROOT, "%.0fσ", delta);
            row(out, "windows to detect " + d + " shift, default rules: median (mean)", "%s", medianMean(all), "");
            row(
                    out,
                    "windows to detect " + d + " shift, rule 1 L=3: median (mean)",
                    "%s",
                    medianMean(shew),
                    String.format(Locale.ROOT, "Shewhart ARL theory %.2f", FleetBudget.shewhartArl(3, delta)));
            row(
                    out,
                    "windows to detect " + d + " shift, CUSUM k=0.5 h=5: median (mean)",
                    "%s",
                    medianMean(cusum),
                    String.format(Locale.ROOT, "CUSUM ARL (Siegmund) %.2f", FleetBudget.cusumArl(0.5, 5, delta)));
        }

        FleetBudget.Plan plan = FleetBudget.plan(fleetCharts, fleetBudget, Duration.ofHours(1), 0.2, 0.5);
        row(
                out,
                "fleet budget: charts, false alarms/day, window",
                "%s",
                fleetCharts + ", " + fleetBudget + ", 1h",
                "labelwatch.spc.fleet.*");
        row(
                out,
                "fleet budget: derived L / EWMA L / CUSUM h",
                "%s",
                String.format(Locale.ROOT, "%.3f / %.3f / %.3f", plan.shewhartL(), plan.ewmaL(), plan.cusumH()),
                String.format(Locale.ROOT, "per-chart ARL0 %.0f windows, rule NELSON_1", plan.chartArl0()));
        double measured = DetectionQuality.fleetFalseAlarmsPerDay(
                DetectionQuality.fleet(plan), P0, N, fleetCharts, 24, fleetDays, 40);
        row(
                out,
                "fleet budget: measured false alarms/day",
                "%.2f",
                measured,
                String.format(
                        Locale.ROOT,
                        "budget %s; exact probability limits; n·p=50; %d charts × 24 windows × %d days simulated",
                        fleetBudget,
                        fleetCharts,
                        fleetDays));
        double normalLimits = DetectionQuality.fleetFalseAlarmsPerDay(
                DetectionQuality.fleet(plan).withMode(ProportionMode.P), P0, N, fleetCharts, 24, fleetDays, 40);
        row(
                out,
                "fleet budget: same limits on the normal-approximation p chart, false alarms/day",
                "%.2f",
                normalLimits,
                String.format(
                        Locale.ROOT,
                        "normal theory expects %.2f; the binomial's skew doubles the upper tail at L=%.2f",
                        plan.expectedFalseAlarmsPerDay(),
                        plan.shewhartL()));
        if (!quick) {
            // Where the normal theory behind the derivation holds (n·p = 1,000), the budget should be met.
            int bigN = 20_000;
            double normalRegime = DetectionQuality.fleetFalseAlarmsPerDay(
                    DetectionQuality.fleet(plan), P0, bigN, fleetCharts, 24, fleetDays / 2, 42);
            row(
                    out,
                    "fleet budget: measured false alarms/day at n·p=1000",
                    "%.2f",
                    normalRegime,
                    String.format(Locale.ROOT, "budget %s; n=%d, %d days simulated", fleetBudget, bigN, fleetDays / 2));
        }
        double defaultFleet = DetectionQuality.fleetFalseAlarmsPerDay(
                defaults, P0, N, fleetCharts, 24, Math.max(1, fleetDays / 10), 41);
        row(out, "same fleet with the default rules: false alarms/day", "%.1f", defaultFleet, "for comparison");
        row(out, "bench wall time, s", "%.0f", (System.nanoTime() - started) / 1e9, quick ? "--quick" : "full run");
        out.flush();
        return 0;
    }

    private Speed latencySpeed() {
        try {
            return Speed.parse(latencySpeed);
        } catch (IllegalArgumentException e) {
            throw new UserException("--latency-speed: " + e.getMessage());
        }
    }

    private static String medianMean(RunLengths r) {
        return String.format(Locale.ROOT, "%.0f (%.2f)", r.median(), r.mean());
    }

    private static void row(PrintWriter out, String measure, String format, Object value, String note) {
        out.println("| " + measure + " | " + String.format(Locale.ROOT, format, value) + " | " + note + " |");
    }
}
