package io.labelwatch.simulator;

import static io.labelwatch.events.SafetyCriticality.CRITICAL;
import static io.labelwatch.events.SafetyCriticality.HIGH;
import static io.labelwatch.events.SafetyCriticality.LOW;
import static io.labelwatch.events.SafetyCriticality.MEDIUM;

import io.labelwatch.events.SafetyCriticality;
import io.labelwatch.events.TaxonomyClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The simulated operation's taxonomy: a nuScenes-style dotted class tree (version {@value #TAXONOMY_VERSION}) with
 * safety criticality, class frequencies and per-class base error rates (1–6 %).
 *
 * <p>Class names and sizes follow the nuScenes detection classes (Caesar et al., "nuScenes: A multimodal dataset
 * for autonomous driving", CVPR 2020; https://www.nuscenes.org/nuscenes#data-annotation). Frequencies and error rates
 * are invented but plausible: frequent, easy classes (car, cone) are labelled well; rare, small or ambiguous ones
 * (child, construction vehicle) less so.
 */
public final class TaxonomyCatalog {

    /** The taxonomy version every simulated label carries. */
    public static final String TAXONOMY_VERSION = "nuscenes-v1.0";

    private static final List<ClassProfile> LEAVES = List.of(
            leaf("vehicle.car", MEDIUM, 0.34, 0.020, "vehicle.truck", 4.6, 1.9, 1.7, "Passenger car, van or SUV."),
            leaf("vehicle.truck", MEDIUM, 0.08, 0.035, "vehicle.car", 8.0, 2.6, 3.2, "Vehicle built to carry cargo."),
            leaf("vehicle.bus", MEDIUM, 0.03, 0.030, "vehicle.truck", 11.0, 2.9, 3.5, "Rigid or bendy bus."),
            leaf(
                    "vehicle.trailer",
                    MEDIUM,
                    0.02,
                    0.050,
                    "vehicle.truck",
                    10.0,
                    2.5,
                    3.8,
                    "Trailer pulled by another vehicle."),
            leaf(
                    "vehicle.construction",
                    MEDIUM,
                    0.02,
                    0.055,
                    "vehicle.truck",
                    6.5,
                    2.8,
                    3.2,
                    "Construction vehicle: crane, digger, bulldozer."),
            leaf(
                    "vehicle.bicycle",
                    HIGH,
                    0.04,
                    0.040,
                    "vehicle.motorcycle",
                    1.7,
                    0.6,
                    1.3,
                    "Bicycle, with or without rider."),
            leaf(
                    "vehicle.motorcycle",
                    HIGH,
                    0.03,
                    0.040,
                    "vehicle.bicycle",
                    2.1,
                    0.8,
                    1.5,
                    "Motorcycle, scooter or moped."),
            leaf(
                    "human.pedestrian.adult",
                    CRITICAL,
                    0.18,
                    0.025,
                    "human.pedestrian.child",
                    0.7,
                    0.7,
                    1.75,
                    "Adult pedestrian."),
            leaf(
                    "human.pedestrian.child",
                    CRITICAL,
                    0.02,
                    0.060,
                    "human.pedestrian.adult",
                    0.5,
                    0.5,
                    1.2,
                    "Child pedestrian."),
            leaf(
                    "human.pedestrian.construction_worker",
                    CRITICAL,
                    0.02,
                    0.050,
                    "human.pedestrian.adult",
                    0.7,
                    0.7,
                    1.8,
                    "Person working in a construction zone."),
            leaf(
                    "movable_object.barrier",
                    LOW,
                    0.10,
                    0.015,
                    "movable_object.trafficcone",
                    2.5,
                    0.5,
                    1.0,
                    "Temporary road barrier."),
            leaf(
                    "movable_object.trafficcone",
                    LOW,
                    0.10,
                    0.010,
                    "movable_object.barrier",
                    0.4,
                    0.4,
                    0.8,
                    "Traffic cone."),
            leaf(
                    "static_object.bicycle_rack",
                    LOW,
                    0.02,
                    0.030,
                    "movable_object.barrier",
                    3.0,
                    0.8,
                    1.1,
                    "Area or rack for parking bicycles."));

    private static final Map<String, ClassProfile> BY_LABEL = index();

    private TaxonomyCatalog() {}

    /** The leaf classes annotators label, in catalog order; frequencies sum to 1. */
    public static List<ClassProfile> leaves() {
        return LEAVES;
    }

    /** The leaf class with this label; throws when the label is not a leaf of the catalog. */
    public static ClassProfile profile(String classLabel) {
        ClassProfile profile = BY_LABEL.get(classLabel);
        if (profile == null) {
            throw new NoSuchElementException("not a class of " + TAXONOMY_VERSION + ": " + classLabel);
        }
        return profile;
    }

    /**
     * The whole taxonomy as published to {@code annotation.taxonomy}: every parent node ({@code vehicle},
     * {@code human}, {@code human.pedestrian}, …, with the highest criticality of its children) followed by the
     * leaves. None is deprecated.
     */
    public static List<TaxonomyClass> classes() {
        Map<String, SafetyCriticality> parents = new LinkedHashMap<>();
        for (ClassProfile leaf : LEAVES) {
            String path = leaf.classLabel();
            for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) {
                parents.merge(path.substring(0, dot), leaf.criticality(), TaxonomyCatalog::max);
            }
        }
        List<TaxonomyClass> classes = new ArrayList<>();
        parents.forEach((path, criticality) ->
                classes.add(taxonomyClass(path, criticality, "Any " + path.replace('_', ' ') + " class.")));
        for (ClassProfile leaf : LEAVES) {
            classes.add(taxonomyClass(leaf.classLabel(), leaf.criticality(), leaf.definition()));
        }
        return List.copyOf(classes);
    }

    private static TaxonomyClass taxonomyClass(String path, SafetyCriticality criticality, String definition) {
        int dot = path.lastIndexOf('.');
        return TaxonomyClass.newBuilder()
                .setTaxonomyVersion(TAXONOMY_VERSION)
                .setClassLabel(path)
                .setParent(dot < 0 ? null : path.substring(0, dot))
                .setSafetyCriticality(criticality)
                .setDeprecated(false)
                .setDefinition(definition)
                .build();
    }

    private static SafetyCriticality max(SafetyCriticality a, SafetyCriticality b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static ClassProfile leaf(
            String label,
            SafetyCriticality criticality,
            double frequency,
            double errorRate,
            String confusableWith,
            double length,
            double width,
            double height,
            String definition) {
        return new ClassProfile(
                label,
                criticality,
                frequency,
                errorRate,
                confusableWith,
                new ClassProfile.Size(length, width, height),
                definition);
    }

    private static Map<String, ClassProfile> index() {
        Map<String, ClassProfile> byLabel = new LinkedHashMap<>();
        for (ClassProfile leaf : LEAVES) {
            byLabel.put(leaf.classLabel(), leaf);
        }
        return Map.copyOf(byLabel);
    }
}
