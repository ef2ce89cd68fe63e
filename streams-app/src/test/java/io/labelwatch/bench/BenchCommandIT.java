package io.labelwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code labelwatch bench --quick} end to end on an embedded broker: it must finish and print sane numbers. Speeds
 * are machine-dependent and not asserted; relations that hold on any machine are.
 */
class BenchCommandIT {

    @Test
    void shouldPrintSaneNumbersWhenRunQuick() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.execute(new String[] {"bench", "--quick"}, new PrintWriter(out), new PrintWriter(err));

        assertThat(code).as("exit code; stderr: %s", err).isZero();
        Map<String, String> table = table(out.toString());
        assertThat(number(table, "reviews pre-produced")).isGreaterThan(1_000);
        assertThat(number(table, "plain consumer, reviews/s")).isPositive();
        assertThat(number(table, "minimal Streams windowed count (EOS), reviews/s"))
                .isPositive();
        assertThat(number(table, "full Labelwatch topology (EOS), reviews/s")).isPositive();
        // Streams does more work per record than a bare consumer, and the full topology more than a count.
        assertThat(number(table, "ratio minimal / plain")).isBetween(0.0001, 1.5);
        assertThat(number(table, "ratio full / minimal")).isBetween(0.0001, 1.5);
        assertThat(number(table, "peak RSS (VmHWM), MiB")).isBetween(50.0, 16_384.0);
        assertThat(number(table, "state-store bytes per chart key")).isPositive();
        // Rule 1 alone at L = 3 on n·p = 50 binomial windows: theory 370.4 (Montgomery §6.2.3); the binomial's upper
        // tail is a little heavier than the normal's, and 1,000 runs leave a standard error of about 12.
        assertThat(number(table, "ARL0, rule 1 alone (L=3), windows")).isBetween(280.0, 420.0);
        // All Nelson rules plus EWMA and CUSUM alarm far more often than rule 1 alone (RuleSet: ARL0 ≈ 73 for nelson).
        assertThat(number(table, "ARL0, default rules (Nelson 1-8 + EWMA + CUSUM), windows"))
                .isBetween(20.0, 200.0);
        // Larger shifts are found sooner.
        assertThat(mean(table, "windows to detect 3σ shift, rule 1 L=3: median (mean)"))
                .isLessThan(mean(table, "windows to detect 2σ shift, rule 1 L=3: median (mean)"));
        assertThat(mean(table, "windows to detect 2σ shift, rule 1 L=3: median (mean)"))
                .isLessThan(mean(table, "windows to detect 1σ shift, rule 1 L=3: median (mean)"));
        // The fleet budget: derived limits are wider than 3 sigma and alarm far less often than the defaults.
        assertThat(number(table, "fleet budget: measured false alarms/day"))
                .isLessThan(number(table, "same fleet with the default rules: false alarms/day") / 10);
        assertThat(number(table, "bench wall time, s")).isLessThan(120);
    }

    private static Map<String, String> table(String text) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length >= 3 && !cells[1].isBlank()) {
                rows.put(cells[1].trim(), cells[2].trim());
            }
        }
        return rows;
    }

    private static double number(Map<String, String> table, String measure) {
        assertThat(table).containsKey(measure);
        return Double.parseDouble(table.get(measure).replace(",", "").toLowerCase(Locale.ROOT));
    }

    private static double mean(Map<String, String> table, String measure) {
        assertThat(table).containsKey(measure);
        String cell = table.get(measure);
        return Double.parseDouble(cell.substring(cell.indexOf('(') + 1, cell.indexOf(')')));
    }
}
