package io.labelwatch.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds an executable shipped by a Debian package (prometheus, promtool, amtool). Absent on a developer
 * machine, the calling test is skipped with a message naming the package; absent under {@code CI=true}
 * the test fails, because .ci/run installs the packages and a silent skip would hide a broken install.
 */
public final class ExternalBinary {

    private ExternalBinary() {}

    /** Returns the binary's path, or aborts (developer machine) / fails (CI) the current test. */
    public static Path require(String name, String debianPackage) {
        Optional<Path> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "'" + name + "' is not on the PATH; install it with: apt-get install -y " + debianPackage;
        if ("true".equals(System.getenv("CI"))) {
            return Assertions.fail(message + " (CI=true: .ci/run must install it, so this is a failure, not a skip)");
        }
        Assumptions.abort(message + " (skipped because CI is not \"true\")");
        throw new AssertionError("unreachable");
    }

    /** Searches {@code PATH}, then {@code /usr/bin} (Debian's location, in case PATH is minimal). */
    public static Optional<Path> find(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
