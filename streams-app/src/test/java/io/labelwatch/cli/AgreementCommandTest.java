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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgreementCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("agreement"));
        all.addAll(List.of(args));
        int code = Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static String fixture(String name) {
        try {
            return Path.of(AgreementCommandTest.class
                            .getResource("/agreement/" + name)
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldPrintKrippendorffAlphaWhenLevelIsInterval() throws Exception {
        // Krippendorff (2011) 4 observers × 12 units; published interval alpha 0.849
        Run run = run("--input", fixture("krippendorff2011.csv"), "--metric", "krippendorff", "--level", "interval");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("metric").asText()).isEqualTo("krippendorff");
        assertThat(json.get("level").asText()).isEqualTo("interval");
        assertThat(json.get("value").asDouble()).isCloseTo(0.849, within(0.0005));
        assertThat(json.get("units").asInt()).isEqualTo(12);
        assertThat(json.get("annotators").asInt()).isEqualTo(4);
        assertThat(json.get("pairable_values").asInt()).isEqualTo(40);
        assertThat(json.get("observed_disagreement").asDouble()).isPositive();
        assertThat(json.get("expected_disagreement").asDouble()).isPositive();
        assertThat(json.has("ci95")).isFalse();
    }

    @Test
    void shouldDefaultToNominalAndAddSeededIntervalWhenBootstrapAsked() throws Exception {
        Run first = run(
                "--input",
                fixture("krippendorff2011.csv"),
                "--metric",
                "krippendorff",
                "--bootstrap",
                "200",
                "--seed",
                "11");
        Run second = run(
                "--input",
                fixture("krippendorff2011.csv"),
                "--metric",
                "KRIPPENDORFF",
                "--bootstrap",
                "200",
                "--seed",
                "11");
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode json = first.json();
        assertThat(json.get("level").asText()).isEqualTo("nominal");
        assertThat(json.get("value").asDouble()).isCloseTo(0.743, within(0.0005));
        assertThat(json.get("ci95")).hasSize(2);
        assertThat(json.get("ci95").get(0).asDouble())
                .isLessThan(json.get("ci95").get(1).asDouble());
        assertThat(json.get("se").asDouble()).isPositive();
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void shouldPrintFleissKappaWithPerCategoryKappas() throws Exception {
        // irr::kappam.fleiss(diagnoses): 0.4302445, z = 17.65183
        Run run = run("--input", fixture("diagnoses.csv"), "--metric", "fleiss");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("value").asDouble()).isCloseTo(0.4302445, within(1e-7));
        assertThat(json.get("se").asDouble()).isCloseTo(0.4302445 / 17.65183, within(1e-7));
        assertThat(json.get("units").asInt()).isEqualTo(30);
        assertThat(json.get("annotators").asInt()).isEqualTo(6);
        assertThat(json.get("per_category").get("schizophrenia").get("kappa").asDouble())
                .isCloseTo(0.520, within(0.0005));
        assertThat(json.get("per_category")).hasSize(5);
    }

    @Test
    void shouldPrintCohenKappaWithIntervalWhenLinearWeights() throws Exception {
        // SAS PROC FREQ weighted kappa of the same table: 0.4701, ASE 0.1457, 95% CL 0.1845–0.7558
        Run run = run("--input", fixture("cohen_sas.csv"), "--metric", "cohen", "--weights", "linear");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("value").asDouble()).isCloseTo(0.4701, within(5e-5));
        assertThat(json.get("se").asDouble()).isCloseTo(0.1457, within(5e-5));
        assertThat(json.get("ci95").get(0).asDouble()).isCloseTo(0.1845, within(5e-5));
        assertThat(json.get("ci95").get(1).asDouble()).isCloseTo(0.7558, within(5e-5));
        assertThat(json.get("units").asInt()).isEqualTo(19);
        assertThat(json.get("annotators").asInt()).isEqualTo(2);
        assertThat(json.get("weights").asText()).isEqualTo("linear");
    }

    @Test
    void shouldFailWithOneLineWhenLabelColumnIsMissing() {
        assertBadInput(run("--input", fixture("missing_label_column.csv"), "--metric", "krippendorff"), "'label'");
    }

    @Test
    void shouldFailWithOneLineWhenFileIsEmpty() {
        assertBadInput(run("--input", fixture("empty.csv"), "--metric", "fleiss"), "is empty");
    }

    @Test
    void shouldFailWithOneLineWhenFileIsMissing() {
        assertBadInput(run("--input", temp.resolve("nope.csv").toString(), "--metric", "fleiss"), "no such file");
    }

    @Test
    void shouldFailWithOneLineWhenCohenHasOneAnnotator() {
        assertBadInput(run("--input", fixture("one_annotator.csv"), "--metric", "cohen"), "exactly 2 annotators");
    }

    @Test
    void shouldNameTheRowWhenFleissRaterCountsDiffer() {
        Run run = run("--input", fixture("unequal_raters.csv"), "--metric", "fleiss");
        assertBadInput(run, "row 5, column unit");
        assertThat(run.err()).contains("'u2' has 2").contains("'u1' (row 2) has 3");
    }

    @Test
    void shouldNameTheRowWhenLabelIsNotNumericAtIntervalLevel() {
        assertBadInput(
                run("--input", fixture("non_numeric.csv"), "--metric", "krippendorff", "--level", "interval"),
                "row 5, column label: 'three' is not a number");
    }

    @Test
    void shouldNameTheRowWhenAnnotatorJudgesUnitTwice() throws Exception {
        Path file = temp.resolve("dup.csv");
        java.nio.file.Files.writeString(file, "unit,annotator,label\nu1,a,x\nu1,b,x\nu1,a,y\n");
        assertBadInput(run("--input", file.toString(), "--metric", "krippendorff"), "row 4, column annotator");
    }

    @Test
    void shouldRejectBootstrapWhenMetricIsNotKrippendorff() {
        assertBadInput(
                run("--input", fixture("diagnoses.csv"), "--metric", "fleiss", "--bootstrap", "10"),
                "krippendorff only");
    }

    private static void assertBadInput(Run run, String message) {
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
