package io.labelwatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The vendors and annotators of the simulated operation: {@code northwind-labeling} (12), {@code kestrel-ai} (10)
 * and {@code meridian-data} (14), plus any team a {@link ScenarioType#VENDOR_ONBOARDING} scenario brings.
 *
 * <p>Skill and throughput are log-normal around 1 (σ of the log 0.15 and 0.25). The base workforce's skills are
 * then rescaled so that their throughput-weighted mean is exactly 1: the configured per-class base error rate is the
 * operation's rate, and annotator differences are modest enough for the baseline to stay in control.
 */
public final class Workforce {

    /** Vendors of the base workforce, with their headcounts. */
    public static final List<String> BASE_VENDORS = List.of("northwind-labeling", "kestrel-ai", "meridian-data");

    private static final int[] BASE_HEADCOUNT = {12, 10, 14};
    private static final double SKILL_LOG_SIGMA = 0.15;
    private static final double THROUGHPUT_LOG_SIGMA = 0.25;

    private final List<Annotator> base;

    Workforce(SplittableRandom random) {
        List<double[]> draws = new ArrayList<>();
        double weighted = 0;
        double totalThroughput = 0;
        for (int v = 0; v < BASE_VENDORS.size(); v++) {
            for (int n = 1; n <= BASE_HEADCOUNT[v]; n++) {
                double skill = logNormal(random, SKILL_LOG_SIGMA);
                double throughput = logNormal(random, THROUGHPUT_LOG_SIGMA);
                draws.add(new double[] {v, n, skill, throughput});
                weighted += skill * throughput;
                totalThroughput += throughput;
            }
        }
        double scale = totalThroughput / weighted;
        List<Annotator> annotators = new ArrayList<>();
        for (double[] d : draws) {
            String vendor = BASE_VENDORS.get((int) d[0]);
            annotators.add(new Annotator(id(vendor, (int) d[1]), vendor, (int) d[1], d[2] * scale, d[3]));
        }
        this.base = List.copyOf(annotators);
    }

    /** The annotators of the base workforce, vendor by vendor. */
    public List<Annotator> base() {
        return base;
    }

    /** The annotator with this id in the base workforce; throws when there is none. */
    public Annotator annotator(String id) {
        return base.stream()
                .filter(a -> a.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no annotator " + id + " in the workforce"));
    }

    /** A new team for vendor onboarding: skills around {@code errorMultiplier} (their own mean exactly that). */
    static List<Annotator> newTeam(SplittableRandom random, String vendor, int headcount, double errorMultiplier) {
        double[] skill = new double[headcount];
        double[] throughput = new double[headcount];
        double weighted = 0;
        double total = 0;
        for (int i = 0; i < headcount; i++) {
            skill[i] = logNormal(random, SKILL_LOG_SIGMA);
            throughput[i] = logNormal(random, THROUGHPUT_LOG_SIGMA);
            weighted += skill[i] * throughput[i];
            total += throughput[i];
        }
        List<Annotator> team = new ArrayList<>();
        for (int i = 0; i < headcount; i++) {
            team.add(new Annotator(
                    id(vendor, i + 1), vendor, i + 1, skill[i] * errorMultiplier * total / weighted, throughput[i]));
        }
        return List.copyOf(team);
    }

    static String id(String vendor, int number) {
        return String.format(Locale.ROOT, "%s/ann-%02d", vendor, number);
    }

    /** exp(σ·Z − σ²/2): mean 1. Box–Muller from two uniforms so the draw count is fixed. */
    private static double logNormal(SplittableRandom random, double sigma) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
        return Math.exp(sigma * z - sigma * sigma / 2);
    }
}
