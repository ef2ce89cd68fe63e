package io.labelwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelwatch.agreement.AlphaBootstrap;
import io.labelwatch.agreement.AlphaResult;
import io.labelwatch.agreement.CohenKappa;
import io.labelwatch.agreement.CoincidenceMatrix;
import io.labelwatch.agreement.FleissKappa;
import io.labelwatch.agreement.Level;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code labelwatch agreement}: inter-annotator agreement over a CSV export ({@code unit,annotator,label}, one row per
 * judgement), printed as one JSON object.
 */
@Command(
        name = "agreement",
        mixinStandardHelpOptions = true,
        description = "Computes inter-annotator agreement over a CSV export and prints JSON.")
final class AgreementCommand implements Callable<Integer> {

    enum Metric {
        KRIPPENDORFF,
        FLEISS,
        COHEN
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE",
            description = "CSV file with header unit,annotator,label; one row per judgement.")
    Path input;

    @Option(names = "--metric", required = true, description = "krippendorff, fleiss or cohen.")
    Metric metric;

    @Option(
            names = "--level",
            description = "Level of measurement for krippendorff: nominal (default), ordinal, interval, ratio.")
    Level level;

    @Option(names = "--weights", description = "Weights for cohen: none (default), linear, quadratic.")
    CohenKappa.Weights weights;

    @Option(
            names = "--bootstrap",
            paramLabel = "N",
            description = "Replicates of a unit-resampling bootstrap for krippendorff's 95% interval (default: none).")
    Integer bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Bootstrap seed (default: 1).")
    long seed;

    /** A judgement table: unit → annotator → label, with the row each label came from. */
    record Judgements(
            Map<String, Map<String, String>> labels,
            Map<String, Map<String, Integer>> rows,
            TreeSet<String> annotators) {}

    @Override
    public Integer call() {
        checkOptions();
        Judgements data = read(input);
        Map<String, Object> json = switch (metric) {
            case KRIPPENDORFF -> krippendorff(data);
            case FLEISS -> fleiss(data);
            case COHEN -> cohen(data);
        };
        try {
            spec.commandLine().getOut().println(JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private void checkOptions() {
        if (level != null && level != Level.NOMINAL && metric != Metric.KRIPPENDORFF) {
            throw new UserException(
                    "--level " + lower(level) + " applies to krippendorff only; " + lower(metric) + " is nominal");
        }
        if (weights != null && weights != CohenKappa.Weights.NONE && metric != Metric.COHEN) {
            throw new UserException("--weights applies to cohen only");
        }
        if (bootstrap != null && metric != Metric.KRIPPENDORFF) {
            throw new UserException("--bootstrap applies to krippendorff only");
        }
        if (bootstrap != null && bootstrap < 1) {
            throw new UserException("--bootstrap must be at least 1, was " + bootstrap);
        }
    }

    private Map<String, Object> krippendorff(Judgements data) {
        Level lvl = level == null ? Level.NOMINAL : level;
        if (lvl != Level.NOMINAL) {
            requireNumericLabels(data, lvl);
        }
        List<List<String>> units = new ArrayList<>();
        for (Map<String, String> unit : data.labels().values()) {
            units.add(new ArrayList<>(unit.values()));
        }
        AlphaResult result = CoincidenceMatrix.of(units).alpha(lvl);
        Map<String, Object> json = header(
                lvl.name(),
                result.alpha(),
                data.labels().size(),
                data.annotators().size());
        json.put("observed_disagreement", number(result.observedDisagreement()));
        json.put("expected_disagreement", number(result.expectedDisagreement()));
        json.put("pairable_units", result.pairableUnits());
        json.put("pairable_values", result.pairableValues());
        if (bootstrap != null) {
            AlphaBootstrap.Interval interval = AlphaBootstrap.bootstrap(units, lvl, null, bootstrap, 0.95, seed);
            json.put("se", number(interval.standardError()));
            json.put("ci95", Arrays.asList(number(interval.lower()), number(interval.upper())));
            json.put("bootstrap_replicates", interval.replicates());
            json.put("bootstrap_defined_replicates", interval.definedReplicates());
            json.put("seed", seed);
        }
        return json;
    }

    private Map<String, Object> fleiss(Judgements data) {
        String firstUnit = null;
        int raters = -1;
        Map<String, List<String>> units = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> unit : data.labels().entrySet()) {
            int count = unit.getValue().size();
            if (firstUnit == null) {
                firstUnit = unit.getKey();
                raters = count;
            } else if (count != raters) {
                throw new UserException("row " + firstRow(data, unit.getKey()) + ", column unit: unit '"
                        + unit.getKey() + "' has " + count + " judgements but unit '" + firstUnit + "' (row "
                        + firstRow(data, firstUnit) + ") has " + raters
                        + "; fleiss needs the same number of annotators on every unit");
            }
            units.put(unit.getKey(), new ArrayList<>(unit.getValue().values()));
        }
        if (raters < 2) {
            throw new UserException("fleiss needs at least 2 judgements per unit; unit '" + firstUnit + "' (row "
                    + firstRow(data, firstUnit) + ") has " + raters);
        }
        FleissKappa.Result result = FleissKappa.compute(units);
        Map<String, Object> json = header(
                Level.NOMINAL.name(),
                result.kappa(),
                result.units(),
                data.annotators().size());
        json.put("raters_per_unit", result.raters());
        json.put("observed_agreement", number(result.observedAgreement()));
        json.put("expected_agreement", number(result.expectedAgreement()));
        json.put("se", number(result.standardErrorH0()));
        json.put("z", number(result.z()));
        json.put("p_value", number(result.pValue()));
        Map<String, Object> perCategory = new LinkedHashMap<>();
        result.perCategory().forEach((category, k) -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("kappa", number(k.kappa()));
            c.put("se", number(k.standardErrorH0()));
            c.put("z", number(k.z()));
            c.put("p_value", number(k.pValue()));
            perCategory.put(category, c);
        });
        json.put("per_category", perCategory);
        return json;
    }

    private Map<String, Object> cohen(Judgements data) {
        if (data.annotators().size() != 2) {
            throw new UserException("column annotator: cohen compares exactly 2 annotators, found "
                    + data.annotators().size() + " " + data.annotators()
                    + (data.annotators().size() > 2 ? "; use --metric fleiss or krippendorff" : ""));
        }
        String a = data.annotators().first();
        String b = data.annotators().last();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (Map<String, String> unit : data.labels().values()) {
            if (unit.containsKey(a) && unit.containsKey(b)) {
                first.add(unit.get(a));
                second.add(unit.get(b));
            }
        }
        if (first.isEmpty()) {
            throw new UserException("cohen needs units judged by both " + a + " and " + b + "; there are none");
        }
        CohenKappa.Weights w = weights == null ? CohenKappa.Weights.NONE : weights;
        CohenKappa.Result result = CohenKappa.compute(first, second, w);
        Map<String, Object> json = header(
                w == CohenKappa.Weights.NONE ? Level.NOMINAL.name() : Level.ORDINAL.name(),
                result.kappa(),
                result.units(),
                2);
        json.put("weights", lower(w));
        json.put("annotator_ids", List.of(a, b));
        json.put("categories", result.categories());
        json.put("observed_agreement", number(result.observedAgreement()));
        json.put("expected_agreement", number(result.expectedAgreement()));
        json.put("se", number(result.standardError()));
        json.put("ci95", Arrays.asList(number(result.lower95()), number(result.upper95())));
        json.put("se_h0", number(result.standardErrorH0()));
        json.put("z", number(result.z()));
        json.put("p_value", number(result.pValue()));
        return json;
    }

    private Map<String, Object> header(String levelName, double value, long units, int annotators) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("metric", lower(metric));
        json.put("level", levelName.toLowerCase(Locale.ROOT));
        json.put("value", number(value));
        json.put("units", units);
        json.put("annotators", annotators);
        return json;
    }

    private static void requireNumericLabels(Judgements data, Level lvl) {
        for (Map.Entry<String, Map<String, String>> unit : data.labels().entrySet()) {
            for (Map.Entry<String, String> label : unit.getValue().entrySet()) {
                String v = label.getValue();
                boolean numeric;
                try {
                    numeric = Double.isFinite(Double.parseDouble(v.trim()));
                } catch (NumberFormatException e) {
                    numeric = false;
                }
                if (!numeric) {
                    int row = data.rows().get(unit.getKey()).get(label.getKey());
                    throw new UserException("row " + row + ", column label: '" + v + "' is not a number; level "
                            + lower(lvl) + " needs numeric labels");
                }
            }
        }
    }

    private static int firstRow(Judgements data, String unit) {
        return data.rows().get(unit).values().stream().min(Integer::compare).orElse(0);
    }

    /** Reads the CSV; every problem becomes a one-line {@link UserException} naming the row and column. */
    static Judgements read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + e.getMessage());
        }
        int headerIndex = 0;
        while (headerIndex < lines.size() && lines.get(headerIndex).isBlank()) {
            headerIndex++;
        }
        if (headerIndex == lines.size()) {
            throw new UserException(file + " is empty; expected a header row unit,annotator,label");
        }
        List<String> header = Csv.split(stripBom(lines.get(headerIndex)), headerIndex + 1);
        int unitColumn = column(header, "unit", headerIndex + 1, file);
        int annotatorColumn = column(header, "annotator", headerIndex + 1, file);
        int labelColumn = column(header, "label", headerIndex + 1, file);
        int needed = Math.max(unitColumn, Math.max(annotatorColumn, labelColumn)) + 1;

        Map<String, Map<String, String>> labels = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> rows = new LinkedHashMap<>();
        TreeSet<String> annotators = new TreeSet<>();
        for (int i = headerIndex + 1; i < lines.size(); i++) {
            int row = i + 1;
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> fields = Csv.split(lines.get(i), row);
            if (fields.size() < needed) {
                throw new UserException(
                        "row " + row + ": expected " + header.size() + " columns, found " + fields.size());
            }
            String unit = value(fields, unitColumn, "unit", row);
            String annotator = value(fields, annotatorColumn, "annotator", row);
            String label = value(fields, labelColumn, "label", row);
            Integer earlier =
                    rows.computeIfAbsent(unit, u -> new LinkedHashMap<>()).putIfAbsent(annotator, row);
            if (earlier != null) {
                throw new UserException("row " + row + ", column annotator: '" + annotator + "' already judged unit '"
                        + unit + "' at row " + earlier);
            }
            labels.computeIfAbsent(unit, u -> new LinkedHashMap<>()).put(annotator, label);
            annotators.add(annotator);
        }
        if (labels.isEmpty()) {
            throw new UserException(file + " has a header but no judgements");
        }
        return new Judgements(labels, rows, annotators);
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static int column(List<String> header, String name, int row, Path file) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return i;
            }
        }
        throw new UserException(
                "row " + row + ": " + file + " has no '" + name + "' column; expected header unit,annotator,label");
    }

    private static String value(List<String> fields, int column, String name, int row) {
        String v = fields.get(column).trim();
        if (v.isEmpty()) {
            throw new UserException("row " + row + ", column " + name + ": empty value");
        }
        return v;
    }

    private static Object number(double d) {
        return Double.isFinite(d) ? d : null;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Minimal RFC 4180 field splitting of one line: commas, double-quoted fields, doubled quotes inside quotes. */
    static final class Csv {
        private Csv() {}

        static List<String> split(String line, int row) {
            List<String> fields = new ArrayList<>();
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
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new UserException("row " + row + ": unterminated quoted field");
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
