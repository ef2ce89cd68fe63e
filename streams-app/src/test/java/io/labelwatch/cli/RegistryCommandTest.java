package io.labelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCommandTest {
    private static final String HOME_PROPERTY = "labelwatch.apicurio.home";

    @Test
    void shouldSayWhatIsMissingAndExitUnavailableWhenThereIsNoDistribution(@TempDir Path empty) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String previous = System.getProperty(HOME_PROPERTY);
        System.setProperty(HOME_PROPERTY, empty.toString());
        try {
            int code = Main.execute(
                    new String[] {"registry", "--port", "0"}, new PrintWriter(out, true), new PrintWriter(err, true));

            assertThat(code).isEqualTo(Main.EXIT_UNAVAILABLE);
            assertThat(err.toString().strip().lines()).hasSize(1);
            assertThat(err.toString())
                    .startsWith("labelwatch: schema registry cannot start:")
                    .contains("./mvnw package")
                    .contains(empty.toString());
            assertThat(out.toString()).isEmpty();
        } finally {
            if (previous == null) {
                System.clearProperty(HOME_PROPERTY);
            } else {
                System.setProperty(HOME_PROPERTY, previous);
            }
        }
    }
}
