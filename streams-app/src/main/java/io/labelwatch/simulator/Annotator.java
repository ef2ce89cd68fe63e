package io.labelwatch.simulator;

/**
 * One simulated annotator.
 *
 * @param id globally unique id, {@code vendor/ann-NN}, e.g. {@code kestrel-ai/ann-07}
 * @param vendor the annotator's team
 * @param number NN, from 1 within the vendor
 * @param errorMultiplier skill: the annotator's error rate is the class base rate times this (around 1)
 * @param throughput relative share of work (around 1)
 */
public record Annotator(String id, String vendor, int number, double errorMultiplier, double throughput) {}
