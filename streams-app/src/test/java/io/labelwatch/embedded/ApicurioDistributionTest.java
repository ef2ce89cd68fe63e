package io.labelwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApicurioDistributionTest {
    @TempDir
    Path dir;

    @Test
    void shouldFindTheRunnerWhenTheTarUnpacksIntoASubfolder() throws IOException {
        Path runner = dir.resolve("apicurio-registry-app-3.3.3").resolve("quarkus-run.jar");
        Files.createDirectories(runner.getParent());
        Files.createFile(runner);

        ApicurioRegistry.Distribution found = ApicurioRegistry.Distribution.in(List.of(dir), null);

        assertThat(found.runner()).contains(runner);
    }

    @Test
    void shouldPreferTheShallowestRunnerWhenThereAreSeveral() throws IOException {
        Path top = Files.createFile(dir.resolve("quarkus-run.jar"));
        Files.createDirectories(dir.resolve("nested"));
        Files.createFile(dir.resolve("nested").resolve("quarkus-run.jar"));

        assertThat(ApicurioRegistry.Distribution.in(List.of(dir), null).runner())
                .contains(top);
    }

    @Test
    void shouldSayHowToGetItWhenNoDistributionIsThere() {
        ApicurioRegistry.Distribution found =
                ApicurioRegistry.Distribution.in(List.of(dir.resolve("missing"), dir), null);

        assertThat(found.runner()).isEmpty();
        assertThat(found.problem()).contains("./mvnw package").contains(ApicurioRegistry.HOME_ENV);
    }
}
