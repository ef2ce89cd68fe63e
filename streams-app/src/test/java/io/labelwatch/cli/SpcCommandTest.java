package io.labelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs {@code labelwatch spc} in-process on CSV fixtures (src/test/resources/spc) and parses its JSON. */
class SpcCommandTest {

    private record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(SpcCommandTest.class.getResource("/spc/" + name).toURI());
    }

    private static Run spc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of("spc"), Stream.of(args)).toArray(String[]::new);
        int exit = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<String> flagged(JsonNode json, String signal) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : json.get("points")) {
            for (JsonNode s : p.get("signals")) {
                if (s.asText().equals(signal)) {
                    out.add(p.get("subgroup").asText());
                }
            }
        }
        return out;
    }

    /** Montgomery ISQC Example 7.1 (qcc orangejuice): p̄ = 0.2313, UCL 0.4102, LCL 0.0524; tolerance 5e-5. */
    @Test
    void shouldPrintMontgomeryPChartWhenOneEstimationRound() throws Exception {
        Run run = spc("--input", fixture("orangejuice.csv").toString(), "--chart", "p", "--rules", "NELSON_1");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("chart").asText()).isEqualTo("p");
        assertThat(json.get("sigma_z").isNull()).isTrue();
        assertThat(json.get("points")).hasSize(30);
        JsonNode first = json.get("points").get(0);
        assertThat(first.get("subgroup").asText()).isEqualTo("1");
        assertThat(first.get("value").asDouble()).isCloseTo(12.0 / 50, within(1e-12));
        // Phase I drops 15 and 23 and re-estimates (Montgomery's revised p̄ = 0.2150), then drops 21 too.
        assertThat(json.get("center").asDouble()).isLessThan(0.2150);
        assertThat(flagged(json, "NELSON_1")).contains("15", "23");
    }

    @Test
    void shouldUseKnownP0AndFixedLimitsWhenGiven() throws Exception {
        Run run = spc("--input", fixture("orangejuice.csv").toString(), "--chart", "p", "--p0", "0.2313");

        JsonNode json = run.json();
        assertThat(json.get("center").asDouble()).isEqualTo(0.2313);
        assertThat(json.get("points").get(0).get("ucl").asDouble()).isCloseTo(0.4102, within(5e-5));
        assertThat(json.get("points").get(0).get("lcl").asDouble()).isCloseTo(0.0524, within(5e-5));
        assertThat(flagged(json, "NELSON_1")).containsExactly("15", "23");
    }

    @Test
    void shouldReportSigmaZWhenLaney() throws Exception {
        Run run = spc("--input", fixture("orangejuice.csv").toString(), "--chart", "laney", "--phase1", "20");

        JsonNode json = run.json();
        assertThat(run.exit()).isZero();
        assertThat(json.get("sigma_z").isNumber()).isTrue();
        assertThat(json.get("sigma_z").asDouble()).isPositive();
    }

    /** Montgomery ISQC Example 9.2: λ = 0.1, L = 2.7, μ0 = 10, σ = 1; UCL1 = 10.27; signal first at 29. */
    @Test
    void shouldPrintMontgomeryEwmaWhenTargetAndSigmaGiven() throws Exception {
        Run run = spc(
                "--input",
                fixture("montgomery-9-1.csv").toString(),
                "--chart",
                "ewma",
                "--target",
                "10",
                "--sigma",
                "1",
                "--lambda",
                "0.1",
                "--L",
                "2.7");

        JsonNode json = run.json();
        JsonNode first = json.get("points").get(0);
        assertThat(first.get("ewma").asDouble()).isCloseTo(9.945, within(5e-5));
        assertThat(first.get("ucl").asDouble()).isCloseTo(10.27, within(5e-3));
        assertThat(flagged(json, "EWMA_HIGH")).containsExactly("t29", "t30");
    }

    /** Montgomery ISQC Example 9.1: k = 0.5, h = 5; C+_29 = 5.28 (tolerance 5e-3), first signal at 29. */
    @Test
    void shouldPrintMontgomeryCusumWhenTargetAndSigmaGiven() throws Exception {
        Run run = spc(
                "--input",
                fixture("montgomery-9-1.csv").toString(),
                "--chart",
                "cusum",
                "--target",
                "10",
                "--sigma",
                "1",
                "--k",
                "0.5",
                "--h",
                "5");

        JsonNode json = run.json();
        JsonNode p29 = json.get("points").get(28);
        assertThat(p29.get("cusum_hi").asDouble()).isCloseTo(5.28, within(5e-3));
        assertThat(p29.get("ucl").asDouble()).isEqualTo(5.0);
        assertThat(json.get("points").get(21).get("cusum_lo").asDouble()).isCloseTo(-0.17, within(5e-3));
        assertThat(flagged(json, "CUSUM_HIGH")).containsExactly("t29", "t30");
    }

    @Test
    void shouldEstimateFromPhaseIRowsWhenIndividuals() throws Exception {
        Run run = spc(
                "--input",
                fixture("montgomery-9-1.csv").toString(),
                "--chart",
                "individuals",
                "--phase1",
                "20",
                "--rules",
                "we");

        JsonNode json = run.json();
        assertThat(run.exit()).isZero();
        assertThat(json.get("center").asDouble()).isBetween(9.5, 10.5);
        assertThat(json.get("points").get(0).get("ucl").asDouble())
                .isCloseTo(json.get("center").asDouble() + 3 * json.get("sigma").asDouble(), within(1e-9));
    }

    @Test
    void shouldExitTwoNamingRowAndColumnWhenNIsNotANumber() throws Exception {
        Run run = spc("--input", fixture("non-numeric-n.csv").toString(), "--chart", "p");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("row 2 (line 3)", "column 'n'", "'fifty'")
                .doesNotContain("Exception");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void shouldExitTwoWhenDefectivesExceedN() throws Exception {
        Run run = spc("--input", fixture("defectives-over-n.csv").toString(), "--chart", "p");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("row 3 (line 4)", "column 'defectives'");
    }

    @Test
    void shouldExitTwoWhenColumnMissingFileEmptyOrAbsent() throws Exception {
        assertThat(spc("--input", fixture("missing-column.csv").toString(), "--chart", "p")
                        .err())
                .contains("missing column 'defectives'");
        Run empty = spc("--input", fixture("empty.csv").toString(), "--chart", "p");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("empty");
        Run absent = spc("--input", "no/such/file.csv", "--chart", "p");
        assertThat(absent.exit()).isEqualTo(2);
        assertThat(absent.err()).contains("no such file");
    }

    @Test
    void shouldExitTwoNamingTheRuleWhenRuleIdUnknown() throws Exception {
        Run run = spc("--input", fixture("orangejuice.csv").toString(), "--chart", "p", "--rules", "NELSON_1,FOO");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("'FOO'");
    }
}
