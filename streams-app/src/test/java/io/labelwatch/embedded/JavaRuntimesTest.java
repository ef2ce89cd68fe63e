package io.labelwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaRuntimesTest {
    @TempDir
    Path root;

    @Test
    void shouldPickTheNewestInstalledRuntimeWhenNothingIsConfigured() throws IOException {
        jdk("java-17", "17.0.15");
        jdk("jdk-21", "21.0.4");
        Path newest = jdk("temurin-25", "25.0.3");

        JavaRuntimes.Found found = runtimes(Map.of(), Map.of()).find(21);

        assertThat(found.home()).contains(newest);
        assertThat(found.feature()).isEqualTo(25);
    }

    @Test
    void shouldPreferJavaHomeWhenItIsNewEnough() throws IOException {
        Path javaHome = jdk("jdk-21", "21.0.4");
        jdk("temurin-25", "25.0.3");

        JavaRuntimes.Found found =
                runtimes(Map.of(), Map.of("JAVA_HOME", javaHome.toString())).find(21);

        assertThat(found.home()).contains(javaHome);
    }

    @Test
    void shouldLookFurtherWhenJavaHomeIsTooOld() throws IOException {
        Path old = jdk("java-17", "17.0.15");
        Path newer = jdk("temurin-25", "25.0.3");

        JavaRuntimes.Found found =
                runtimes(Map.of(), Map.of("JAVA_HOME", old.toString())).find(21);

        assertThat(found.home()).contains(newer);
    }

    @Test
    void shouldPreferTheSystemPropertyOverTheEnvironmentWhenBothAreSet() throws IOException {
        Path fromProperty = jdk("jdk-21", "21.0.4");
        Path fromEnv = jdk("temurin-25", "25.0.3");

        JavaRuntimes.Found found = runtimes(
                        Map.of(JavaRuntimes.HOME_PROPERTY, fromProperty.toString()),
                        Map.of(JavaRuntimes.HOME_ENV, fromEnv.toString()))
                .find(21);

        assertThat(found.home()).contains(fromProperty);
    }

    @Test
    void shouldNameTheSettingWhenTheExplicitRuntimeIsTooOld() throws IOException {
        Path old = jdk("java-17", "17.0.15");
        jdk("temurin-25", "25.0.3");

        JavaRuntimes.Found found = runtimes(Map.of(), Map.of(JavaRuntimes.HOME_ENV, old.toString()))
                .find(21);

        assertThat(found.home()).isEmpty();
        assertThat(found.problem()).contains(JavaRuntimes.HOME_ENV).contains("it is Java 17");
    }

    @Test
    void shouldExplainWhereItLookedWhenNoRuntimeIsNewEnough() throws IOException {
        jdk("java-17", "17.0.15");

        JavaRuntimes.Found found = runtimes(Map.of(), Map.of()).find(21);

        assertThat(found.home()).isEmpty();
        assertThat(found.problem()).contains("no Java 21+ runtime").contains(root.toString());
    }

    @Test
    void shouldIgnoreAHomeWithoutBinJavaWhenScanning() throws IOException {
        Path jre = root.resolve("broken-25");
        Files.createDirectories(jre);
        Files.writeString(jre.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");

        assertThat(JavaRuntimes.featureVersion(jre)).isEmpty();
    }

    @Test
    void shouldReadTheFeatureVersionWhenVersionStringsHaveEveryKnownShape() {
        assertThat(JavaRuntimes.parseFeature("25.0.3")).hasValue(25);
        assertThat(JavaRuntimes.parseFeature("21")).hasValue(21);
        assertThat(JavaRuntimes.parseFeature("1.8.0_412")).hasValue(8);
        assertThat(JavaRuntimes.parseFeature("26-ea")).hasValue(26);
        assertThat(JavaRuntimes.parseFeature("")).isEmpty();
    }

    private JavaRuntimes runtimes(Map<String, String> properties, Map<String, String> environment) {
        return new JavaRuntimes(properties::get, environment::get, List.of(root));
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = root.resolve(name);
        Path java = home.resolve("bin").resolve("java");
        Files.createDirectories(java.getParent());
        Files.createFile(java, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
