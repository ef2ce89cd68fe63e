package io.labelwatch.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's {@code deploy/} and {@code dashboards/} directories from a test's working directory. */
public final class DeployFiles {

    private DeployFiles() {}

    /**
     * The repository root: the nearest ancestor of the working directory (surefire runs in the module
     * directory) that holds {@code deploy/prometheus/prometheus.yml}.
     */
    public static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/prometheus/prometheus.yml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no deploy/prometheus/prometheus.yml above " + dir);
    }

    public static Path deploy(String relative) {
        return repoRoot().resolve("deploy").resolve(relative);
    }

    public static Path dashboards() {
        return repoRoot().resolve("dashboards");
    }
}
