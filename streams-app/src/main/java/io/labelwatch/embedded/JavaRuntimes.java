package io.labelwatch.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Finds a Java runtime of at least a given feature version the way build tools find toolchains: an explicit setting
 * first, then {@code JAVA_HOME}, then the standard install locations, newest first.
 *
 * <p>A runtime's version is read from the {@code release} file every JDK since 9 has at its root ({@code
 * JAVA_VERSION="25.0.3"}); a home without one, or without {@code bin/java}, does not count.
 */
final class JavaRuntimes {
    static final String HOME_PROPERTY = "labelwatch.registry.java-home";
    static final String HOME_ENV = "LABELWATCH_REGISTRY_JAVA_HOME";

    /** What the search found: a home, or why there is none. */
    record Found(Optional<Path> home, int feature, String problem) {
        static Found of(Path home, int feature) {
            return new Found(Optional.of(home), feature, null);
        }

        static Found missing(String problem) {
            return new Found(Optional.empty(), 0, problem);
        }
    }

    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;
    private final List<Path> installRoots;

    JavaRuntimes(UnaryOperator<String> systemProperties, UnaryOperator<String> environment, List<Path> installRoots) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.installRoots = List.copyOf(installRoots);
    }

    /** The search of this machine: real system properties and environment, the usual install roots. */
    static JavaRuntimes ofThisMachine() {
        String userHome = System.getProperty("user.home", "");
        return new JavaRuntimes(
                System::getProperty,
                System::getenv,
                List.of(
                        Path.of("/usr/lib/jvm"),
                        Path.of("/opt/java"),
                        Path.of("/Library/Java/JavaVirtualMachines"),
                        Path.of(userHome, ".sdkman", "candidates", "java"),
                        Path.of(userHome, ".jdks")));
    }

    /** The runtime to use for a program that needs Java {@code minimum} or newer. */
    Found find(int minimum) {
        String explicit = firstNonBlank(systemProperties.apply(HOME_PROPERTY), environment.apply(HOME_ENV));
        if (explicit != null) {
            Path home = Path.of(explicit);
            OptionalInt feature = featureVersion(home);
            if (feature.isPresent() && feature.getAsInt() >= minimum) {
                return Found.of(home, feature.getAsInt());
            }
            return Found.missing(HOME_PROPERTY + " / " + HOME_ENV + " points at " + home + ", which is not a Java "
                    + minimum + "+ runtime" + describe(feature));
        }
        String javaHome = environment.apply("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            OptionalInt feature = featureVersion(Path.of(javaHome));
            if (feature.isPresent() && feature.getAsInt() >= minimum) {
                return Found.of(Path.of(javaHome), feature.getAsInt());
            }
        }
        Found newest = null;
        for (Path home : installedHomes()) {
            OptionalInt feature = featureVersion(home);
            if (feature.isPresent()
                    && feature.getAsInt() >= minimum
                    && (newest == null || feature.getAsInt() > newest.feature())) {
                newest = Found.of(home, feature.getAsInt());
            }
        }
        if (newest != null) {
            return newest;
        }
        return Found.missing("no Java " + minimum + "+ runtime found (looked at " + HOME_PROPERTY + ", " + HOME_ENV
                + ", JAVA_HOME and " + installRoots + "); install one, e.g. Temurin " + minimum
                + ", or set " + HOME_ENV);
    }

    private List<Path> installedHomes() {
        List<Path> homes = new ArrayList<>();
        for (Path root : installRoots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
                for (Path child : children) {
                    Path macHome = child.resolve("Contents").resolve("Home");
                    homes.add(Files.isDirectory(macHome) ? macHome : child);
                }
            } catch (IOException e) {
                // An unreadable install root holds no runtime we could start; look at the others.
            }
        }
        homes.sort(Comparator.comparing(Path::toString));
        return homes;
    }

    /** The feature version (17, 21, 25) of the runtime at {@code home}, from its {@code release} file. */
    static OptionalInt featureVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)
                || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return OptionalInt.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return OptionalInt.empty();
        }
        String version =
                properties.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
        return parseFeature(version);
    }

    /** {@code "25.0.3"} → 25, {@code "21"} → 21, {@code "1.8.0_412"} → 8, anything else → empty. */
    static OptionalInt parseFeature(String version) {
        String[] parts = version.split("[.+_-]");
        try {
            int first = Integer.parseInt(parts[0]);
            if (first == 1 && parts.length > 1) {
                return OptionalInt.of(Integer.parseInt(parts[1]));
            }
            return OptionalInt.of(first);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static String describe(OptionalInt feature) {
        return feature.isPresent() ? " (it is Java " + feature.getAsInt() + ")" : " (no release file or bin/java)";
    }

    private static String firstNonBlank(String first, String second) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        return second != null && !second.isBlank() ? second : null;
    }
}
