package io.labelwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.simulator.ScenarioType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {

    @Test
    void shouldExitTwoWithOneLineWhenSpeedIsMalformed() {
        Result r = run("simulate", "--speed", "fast");

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip()).contains("--speed").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void shouldExitTwoWhenScenarioIsUnknown() {
        Result r = run("simulate", "--scenario", "meteor-strike");

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip())
                .contains("meteor-strike")
                .contains("guideline-change")
                .doesNotContain("\n");
    }

    @Test
    void shouldExitTwoWhenDemoPortBaseIsPrivileged() {
        Result r = run("demo", "--port-base", "80");

        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip()).contains("--port-base").doesNotContain("\n");
    }

    @Test
    void shouldParseScenarioOffsetsWhenGivenWithAt() {
        var scenarios = SimulateCommand.parseScenarios(List.of("guideline-change@3h", "ROGUE_ANNOTATOR"));

        assertThat(scenarios)
                .extracting(s -> s.type())
                .containsExactly(ScenarioType.GUIDELINE_CHANGE, ScenarioType.ROGUE_ANNOTATOR);
        assertThat(scenarios)
                .extracting(s -> s.startOffset())
                .containsExactly(Duration.ofHours(3), SimulateCommand.DEFAULT_FAULT_OFFSET);
        assertThat(SimulateCommand.parseScenarios(List.of()))
                .extracting(s -> s.type())
                .containsExactly(ScenarioType.BASELINE);
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
