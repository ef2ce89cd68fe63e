package io.labelwatch.simulator;

import io.labelwatch.events.Box2D;
import io.labelwatch.events.Cuboid3D;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The physical object behind one unit, in the ego frame, from which each annotator's geometry and attributes are
 * drawn: a correct label is the object with a few percent of jitter; a GEOMETRY error is off by a quarter.
 */
record SceneObject(
        double forward, double lateral, double yaw, double scale, int state, int visibility, int lidarPoints) {

    private static final double FOCAL_PX = 1266.0; // nuScenes CAM_FRONT focal length
    private static final double IMAGE_WIDTH = 1600.0;
    private static final double IMAGE_HEIGHT = 900.0;
    private static final double CAMERA_HEIGHT_M = 1.5;
    private static final List<String> VISIBILITY = List.of("v0-40", "v40-60", "v60-80", "v80-100");
    private static final List<String> VEHICLE_STATES = List.of("vehicle.moving", "vehicle.parked", "vehicle.stopped");
    private static final List<String> CYCLE_STATES = List.of("cycle.with_rider", "cycle.without_rider");
    private static final List<String> PEDESTRIAN_STATES =
            List.of("pedestrian.moving", "pedestrian.standing", "pedestrian.sitting_lying_down");

    static SceneObject draw(SplittableRandom random) {
        return new SceneObject(
                5 + random.nextDouble() * 55,
                -12 + random.nextDouble() * 24,
                -Math.PI + random.nextDouble() * 2 * Math.PI,
                0.9 + random.nextDouble() * 0.2,
                random.nextInt(6),
                random.nextInt(VISIBILITY.size()),
                1 + random.nextInt(400));
    }

    Object geometry(Pipeline pipeline, ClassProfile cls, boolean geometryError, SplittableRandom random) {
        double spread = geometryError ? 0.25 : 0.03;
        double jitter = 1 + spread * (2 * random.nextDouble() - 1);
        double length = cls.size().length() * scale * jitter;
        double width = cls.size().width() * scale * jitter;
        double height = cls.size().height() * scale;
        if (pipeline == Pipeline.LIDAR_3D_CUBOIDS) {
            double yawError =
                    geometryError ? 0.5 * (2 * random.nextDouble() - 1) : 0.02 * (2 * random.nextDouble() - 1);
            return Cuboid3D.newBuilder()
                    .setCenterX(round(forward * jitter))
                    .setCenterY(round(lateral))
                    .setCenterZ(round(height / 2 - 1.8))
                    .setLength(round(length))
                    .setWidth(round(width))
                    .setHeight(round(height))
                    .setYaw(round(yaw + yawError))
                    .build();
        }
        double apparentWidth = Math.abs(length * Math.sin(yaw)) + Math.abs(width * Math.cos(yaw));
        double boxWidth = Math.min(IMAGE_WIDTH, FOCAL_PX * apparentWidth / forward);
        double boxHeight = Math.min(IMAGE_HEIGHT, FOCAL_PX * height / forward);
        double centreX = IMAGE_WIDTH / 2 + FOCAL_PX * lateral / forward;
        double top = IMAGE_HEIGHT / 2 + FOCAL_PX * (CAMERA_HEIGHT_M - height) / forward;
        return Box2D.newBuilder()
                .setX(round(clamp(centreX - boxWidth / 2, 0, IMAGE_WIDTH - boxWidth)))
                .setY(round(clamp(top, 0, IMAGE_HEIGHT - boxHeight)))
                .setWidth(round(boxWidth))
                .setHeight(round(boxHeight))
                .build();
    }

    /** nuScenes-style attributes; an ATTRIBUTE error gets the object's state wrong. */
    Map<String, String> attributes(Pipeline pipeline, ClassProfile cls, boolean attributeError) {
        Map<String, String> attributes = new HashMap<>();
        List<String> states = states(cls.classLabel());
        if (!states.isEmpty()) {
            attributes.put("state", states.get((state + (attributeError ? 1 : 0)) % states.size()));
        }
        if (pipeline == Pipeline.LIDAR_3D_CUBOIDS) {
            attributes.put("num_lidar_pts", Integer.toString(lidarPoints));
        } else {
            attributes.put("visibility", VISIBILITY.get(visibility));
        }
        if (attributeError && states.isEmpty()) {
            attributes.put("occluded", "true");
        }
        return attributes;
    }

    private static List<String> states(String classLabel) {
        if (classLabel.equals("vehicle.bicycle") || classLabel.equals("vehicle.motorcycle")) {
            return CYCLE_STATES;
        }
        if (classLabel.startsWith("vehicle.")) {
            return VEHICLE_STATES;
        }
        if (classLabel.startsWith("human.")) {
            return PEDESTRIAN_STATES;
        }
        return List.of();
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
