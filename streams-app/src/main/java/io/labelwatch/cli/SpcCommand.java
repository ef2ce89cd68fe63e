package io.labelwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelwatch.spc.Cusum;
import io.labelwatch.spc.Ewma;
import io.labelwatch.spc.EwmaLimits;
import io.labelwatch.spc.IndividualsChart;
import io.labelwatch.spc.IndividualsChartConfig;
import io.labelwatch.spc.ProportionChart;
import io.labelwatch.spc.ProportionChartConfig;
import io.labelwatch.spc.ProportionMode;
import io.labelwatch.spc.RuleSet;
import io.labelwatch.spc.SubgroupResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code labelwatch spc}: runs one control chart over a CSV export and prints one JSON object. The statistics are those
 * of {@code io.labelwatch.spc}, the same the streaming topology uses.
 */
@Command(
        name = "spc",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a control chart over a CSV export and prints JSON.",
            "p, laney: CSV header subgroup,n,defectives. ewma, cusum, individuals: CSV header subgroup,value.",
            "Output: {chart, center, sigma_z, points: [{subgroup, value, lcl, ucl, signals, ewma?, cusum_hi?, cusum_lo?}]}."
                    + " For cusum, ucl = h*sigma, lcl = -h*sigma and cusum_lo is the lower sum plotted below zero (as R qcc).",
            "Exit codes: 0 done (signals or not), 2 bad input."
        })
final class SpcCommand implements Callable<Integer> {

    enum ChartKind {
        p,
        laney,
        ewma,
        cusum,
        individuals
    }

    enum LimitsKind {
        exact,
        asymptotic
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "CSV file with a header row.")
    Path input;

    @Option(names = "--chart", required = true, description = "p, laney, ewma, cusum or individuals.")
    ChartKind chart;

    @Option(
            names = "--rules",
            defaultValue = "nelson",
            description = "Run rules for p, laney, individuals: nelson, we, none or a list like NELSON_1,NELSON_2"
                    + " (default: ${DEFAULT-VALUE}).")
    String rules;

    @Option(
            names = "--phase1",
            paramLabel = "K",
            description = "Estimate from the first K usable subgroups and monitor the rest (default: all rows).")
    Integer phase1;

    @Option(names = "--p0", description = "Known centre proportion for p and laney (no Phase I).")
    Double p0;

    @Option(names = "--target", description = "Target (centre) for ewma and cusum; default the Phase I mean.")
    Double target;

    @Option(names = "--center", description = "Known centre for individuals (and ewma/cusum when --target is absent).")
    Double center;

    @Option(
            names = "--sigma",
            description = "Known sigma for ewma, cusum, individuals; default the Phase I average moving range / 1.128.")
    Double sigma;

    @Option(
            names = "--lambda",
            defaultValue = "0.2",
            description = "EWMA weight λ in (0, 1] (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(
            names = "--L",
            description = "Limit multiple: EWMA L (default 2.962, ARL0 ≈ 500 with λ = 0.2) or Shewhart L for p, laney,"
                    + " individuals (default 3).")
    Double limitMultiple;

    @Option(
            names = "--ewma-limits",
            defaultValue = "exact",
            description = "exact (time-varying) or asymptotic (default: ${DEFAULT-VALUE}).")
    LimitsKind ewmaLimits;

    @Option(
            names = "--k",
            defaultValue = "0.5",
            description = "CUSUM reference value in sigma units (default: ${DEFAULT-VALUE}).")
    double k;

    @Option(
            names = "--h",
            defaultValue = "5",
            description = "CUSUM decision interval in sigma units (default: ${DEFAULT-VALUE}).")
    double h;

    @Option(
            names = "--min-sample-size",
            defaultValue = "1",
            description =
                    "p, laney: subgroups with n below this are shown but never signal (default: ${DEFAULT-VALUE}).")
    long minSampleSize;

    @Override
    public Integer call() {
        RuleSet ruleSet;
        try {
            ruleSet = RuleSet.parse(rules);
        } catch (IllegalArgumentException e) {
            throw new UserException("--rules: " + e.getMessage());
        }
        checkOptions();
        Csv csv = Csv.read(input);
        Map<String, Object> json = switch (chart) {
            case p, laney -> proportion(csv, ruleSet);
            case individuals -> individuals(csv, ruleSet);
            case ewma, cusum -> smoothed(csv);
        };
        try {
            spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new UserException("cannot write JSON: " + e.getOriginalMessage(), 1);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void checkOptions() {
        if (phase1 != null && phase1 < 1) {
            throw new UserException("--phase1 must be at least 1, was " + phase1);
        }
        if (p0 != null && !(p0 >= 0.0 && p0 <= 1.0)) {
            throw new UserException("--p0 must be in [0, 1], was " + p0);
        }
        if (!(lambda > 0.0 && lambda <= 1.0)) {
            throw new UserException("--lambda must be in (0, 1], was " + lambda);
        }
        if (sigma != null && !(sigma > 0.0 && Double.isFinite(sigma))) {
            throw new UserException("--sigma must be a positive number, was " + sigma);
        }
        if (limitMultiple != null && !(limitMultiple > 0.0 && Double.isFinite(limitMultiple))) {
            throw new UserException("--L must be a positive number, was " + limitMultiple);
        }
        if (!(k >= 0.0 && Double.isFinite(k))) {
            throw new UserException("--k must be >= 0, was " + k);
        }
        if (!(h > 0.0 && Double.isFinite(h))) {
            throw new UserException("--h must be > 0, was " + h);
        }
        if (minSampleSize < 0) {
            throw new UserException("--min-sample-size must be >= 0, was " + minSampleSize);
        }
    }

    private int phase1Count(int rows) {
        return phase1 == null ? rows : Math.min(phase1, rows);
    }

    private Map<String, Object> proportion(Csv csv, RuleSet ruleSet) {
        List<String> subgroups = csv.column("subgroup");
        int nCol = csv.require("n");
        int dCol = csv.require("defectives");
        int m = csv.rows.size();
        long[] n = new long[m];
        long[] d = new long[m];
        for (int i = 0; i < m; i++) {
            n[i] = csv.longAt(i, nCol);
            d[i] = csv.longAt(i, dCol);
            if (n[i] < 0) {
                throw csv.error(i, nCol, "n must be >= 0, was " + n[i]);
            }
            if (d[i] < 0 || d[i] > n[i]) {
                throw csv.error(i, dCol, "defectives must be between 0 and n = " + n[i] + ", was " + d[i]);
            }
        }
        ProportionChartConfig cfg = ProportionChartConfig.defaults()
                .withMode(chart == ChartKind.laney ? ProportionMode.LANEY : ProportionMode.P)
                .withLimitSigmas(limitMultiple == null ? 3.0 : limitMultiple)
                .withRules(ruleSet)
                .withBaseline(phase1Count(m), 5)
                .withMinSampleSize(minSampleSize)
                .withEwma(false, 0.2, 2.962, EwmaLimits.EXACT)
                .withCusum(false, 0.5, 5.0)
                .withP0(p0);
        ProportionChart.Analysis a = ProportionChart.analyze(cfg, n, d);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("chart", chart.name());
        json.put("center", a.baseline() == null ? null : finite(a.baseline().centre()));
        json.put(
                "sigma_z",
                chart == ChartKind.laney && a.baseline() != null
                        ? finite(a.baseline().sigmaZ())
                        : null);
        if (a.baseline() != null) {
            json.put("chart_type", a.baseline().chartType().name());
            json.put("reason", a.baseline().reason());
        }
        json.put("points", points(subgroups, a.points()));
        return json;
    }

    private Map<String, Object> individuals(Csv csv, RuleSet ruleSet) {
        List<String> subgroups = csv.column("subgroup");
        double[] x = values(csv);
        IndividualsChartConfig cfg = IndividualsChartConfig.defaults()
                .withLimitSigmas(limitMultiple == null ? 3.0 : limitMultiple)
                .withRules(ruleSet)
                .withBaseline(Math.max(2, phase1Count(x.length)), 5)
                .withMinSampleSize(0)
                .withEwma(false, 0.2, 2.962, EwmaLimits.EXACT)
                .withKnown(center != null ? center : target, sigma);
        IndividualsChart.Analysis a = IndividualsChart.analyze(cfg, x, null);
        if (a.baseline() == null) {
            throw new UserException(input + ": need at least 2 rows in Phase I to estimate sigma; or give --sigma");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("chart", chart.name());
        json.put("center", finite(a.baseline().centre()));
        json.put("sigma_z", null);
        json.put("sigma", finite(a.baseline().sigma()));
        json.put("points", points(subgroups, a.points()));
        return json;
    }

    private Map<String, Object> smoothed(Csv csv) {
        List<String> subgroups = csv.column("subgroup");
        double[] x = values(csv);
        int k1 = phase1Count(x.length);
        Double centre = target != null ? target : center;
        double mu = centre != null ? centre : mean(x, k1);
        double s;
        if (sigma != null) {
            s = sigma;
        } else {
            if (k1 < 2) {
                throw new UserException(input + ": need at least 2 rows in Phase I to estimate sigma; or give --sigma");
            }
            double mr = 0.0;
            for (int i = 1; i < k1; i++) {
                mr += Math.abs(x[i] - x[i - 1]);
            }
            s = mr / (k1 - 1) / 1.128;
            if (!(s > 0.0)) {
                throw new UserException(input + ": the Phase I values do not vary, so sigma is 0; give --sigma");
            }
        }
        List<Map<String, Object>> points = new ArrayList<>(x.length);
        if (chart == ChartKind.ewma) {
            double l = limitMultiple == null ? 2.962 : limitMultiple;
            EwmaLimits limits = ewmaLimits == LimitsKind.asymptotic ? EwmaLimits.ASYMPTOTIC : EwmaLimits.EXACT;
            Ewma.Result r = Ewma.chart(x, mu, s, lambda, l, limits);
            for (int i = 0; i < x.length; i++) {
                List<String> signals = new ArrayList<>();
                if (r.high()[i]) {
                    signals.add("EWMA_HIGH");
                }
                if (r.low()[i]) {
                    signals.add("EWMA_LOW");
                }
                Map<String, Object> p = point(subgroups.get(i), x[i], r.lcl()[i], r.ucl()[i], signals);
                p.put("ewma", finite(r.ewma()[i]));
                points.add(p);
            }
        } else {
            Cusum.Result r = Cusum.chart(x, mu, s, k, h);
            for (int i = 0; i < x.length; i++) {
                List<String> signals = new ArrayList<>();
                if (r.high()[i]) {
                    signals.add("CUSUM_HIGH");
                }
                if (r.low()[i]) {
                    signals.add("CUSUM_LOW");
                }
                Map<String, Object> p =
                        point(subgroups.get(i), x[i], -r.decisionInterval(), r.decisionInterval(), signals);
                p.put("cusum_hi", finite(r.upper()[i]));
                p.put("cusum_lo", finite(-r.lower()[i]));
                points.add(p);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("chart", chart.name());
        json.put("center", finite(mu));
        json.put("sigma_z", null);
        json.put("sigma", finite(s));
        json.put("points", points);
        return json;
    }

    private static double mean(double[] x, int count) {
        double sum = 0.0;
        for (int i = 0; i < count; i++) {
            sum += x[i];
        }
        return sum / count;
    }

    private static double[] values(Csv csv) {
        int col = csv.require("value");
        double[] x = new double[csv.rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = csv.doubleAt(i, col);
        }
        return x;
    }

    private static List<Map<String, Object>> points(List<String> subgroups, List<SubgroupResult> results) {
        List<Map<String, Object>> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            SubgroupResult r = results.get(i);
            out.add(point(subgroups.get(i), r.value(), r.lcl(), r.ucl(), r.signals()));
        }
        return out;
    }

    private static Map<String, Object> point(
            String subgroup, double value, Double lcl, Double ucl, List<String> signals) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("subgroup", subgroup);
        p.put("value", finite(value));
        p.put("lcl", lcl == null ? null : finite(lcl));
        p.put("ucl", ucl == null ? null : finite(ucl));
        p.put("signals", signals);
        return p;
    }

    /** JSON has no NaN or Infinity: they become null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A small CSV reader: header row, comma-separated, optional double quotes, blank lines skipped. */
    private static final class Csv {
        final Path file;
        final List<String> header;
        final List<List<String>> rows = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();

        private Csv(Path file, List<String> header) {
            this.file = file;
            this.header = header;
        }

        static Csv read(Path file) {
            List<String> text;
            try {
                text = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new UserException(file + ": no such file");
            } catch (IOException e) {
                throw new UserException(file + ": cannot read: " + e.getMessage());
            }
            int first = 0;
            while (first < text.size() && text.get(first).isBlank()) {
                first++;
            }
            if (first == text.size()) {
                throw new UserException(file + ": the file is empty; expected a header row");
            }
            List<String> header = new ArrayList<>();
            for (String h : split(text.get(first))) {
                header.add(h.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT));
            }
            Csv csv = new Csv(file, header);
            for (int i = first + 1; i < text.size(); i++) {
                if (text.get(i).isBlank()) {
                    continue;
                }
                csv.rows.add(split(text.get(i)));
                csv.lines.add(i + 1);
            }
            if (csv.rows.isEmpty()) {
                throw new UserException(file + ": no data rows after the header");
            }
            return csv;
        }

        int require(String column) {
            int idx = header.indexOf(column);
            if (idx < 0) {
                throw new UserException(file + ": missing column '" + column + "' in the header " + header);
            }
            return idx;
        }

        List<String> column(String name) {
            int col = require(name);
            List<String> out = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                out.add(cell(i, col));
            }
            return out;
        }

        String cell(int row, int col) {
            List<String> r = rows.get(row);
            if (col >= r.size()) {
                throw error(row, col, "the row has " + r.size() + " fields, fewer than the header");
            }
            return r.get(col).strip();
        }

        long longAt(int row, int col) {
            String s = cell(row, col);
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error(row, col, "'" + s + "' is not a whole number");
            }
        }

        double doubleAt(int row, int col) {
            String s = cell(row, col);
            try {
                double v = Double.parseDouble(s);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error(row, col, "'" + s + "' is not a finite number");
        }

        UserException error(int row, int col, String what) {
            return new UserException(String.format(
                    Locale.ROOT,
                    "%s row %d (line %d), column '%s': %s",
                    file,
                    row + 1,
                    lines.get(row),
                    header.get(col),
                    what));
        }

        private static List<String> split(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    out.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            out.add(field.toString());
            return out;
        }
    }
}
