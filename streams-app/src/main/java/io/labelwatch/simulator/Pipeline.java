package io.labelwatch.simulator;

import io.labelwatch.events.Modality;
import java.util.Locale;

/** The simulated labeling pipelines. Each gets half of the units; every vendor works on both. */
public enum Pipeline {
    /** 2D boxes on front-camera images (1600×900 px); geometry is a {@code Box2D}. */
    CAMERA_2D_BOXES(Modality.CAMERA),
    /** 3D cuboids in lidar sweeps, ego frame; geometry is a {@code Cuboid3D}. */
    LIDAR_3D_CUBOIDS(Modality.LIDAR);

    private final Modality modality;

    Pipeline(Modality modality) {
        this.modality = modality;
    }

    /** The pipeline name as it appears in events: {@code camera-2d-boxes}, {@code lidar-3d-cuboids}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public Modality modality() {
        return modality;
    }
}
