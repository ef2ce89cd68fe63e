package io.labelwatch.metrics;

import io.labelwatch.deploy.DeployFiles;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every meter of the application must satisfy, for the tests that look at a registry: tags only from a bounded
 * set (values bounded by the taxonomy, the topology or the deployment), never an id that went through the topology;
 * and a row in the README's metrics table for every metric name /metrics shows.
 */
public final class MeterChecks {
    /** Labelwatch's own tags: bounded by the taxonomy and by enums. */
    public static final Set<String> LABELWATCH_TAGS =
            Set.of("pipeline", "class", "metric", "severity", "cause", "topic", "outcome", "state");

    /**
     * Tags of the Kafka client metrics ({@code KafkaStreamsMetrics}) and the JVM binders. Their values are bounded
     * by the deployment and the topology: client, thread and process ids per instance, task ids and partitions per
     * partition count, processor and store names per topology, broker node ids, JVM memory pools and GC names.
     */
    public static final Set<String> KAFKA_AND_JVM_TAGS = Set.of(
            "client.id",
            "thread.id",
            "task.id",
            "partition",
            "processor.node.id",
            "rocksdb.state.id",
            "rocksdb.window.state.id",
            "node.id",
            "kafka.version",
            "application.id",
            "process.id",
            "id",
            "area",
            "gc",
            "action");

    private static final Pattern README_NAME = Pattern.compile("`([a-z_:*]+)`");
    private static final Pattern TYPE_LINE = Pattern.compile("(?m)^# TYPE (\\S+) \\S+$");

    private MeterChecks() {}

    /** One line per tag that is not in {@code allowedTags} or whose value is, or contains, one of {@code ids}. */
    public static List<String> unboundedTags(Collection<Meter> meters, Set<String> allowedTags, Set<String> ids) {
        List<String> problems = new ArrayList<>();
        for (Meter meter : meters) {
            for (Tag tag : meter.getId().getTags()) {
                String where = tag.getKey() + "=" + tag.getValue() + " on "
                        + meter.getId().getName();
                if (!allowedTags.contains(tag.getKey())) {
                    problems.add("unexpected tag " + where);
                }
                for (String id : ids) {
                    if (tag.getValue().contains(id)) {
                        problems.add("id " + id + " in " + where);
                        break;
                    }
                }
            }
        }
        return problems;
    }

    /** Metric names of a Prometheus scrape, from its {@code # TYPE} lines (counters with {@code _total}). */
    public static Set<String> scrapedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher m = TYPE_LINE.matcher(scrape);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The names in {@code names} that no row of the README's metrics table documents. */
    public static List<String> undocumented(Collection<String> names) {
        List<Pattern> documented = readmeMetricPatterns();
        return names.stream()
                .filter(n -> documented.stream().noneMatch(p -> p.matcher(n).matches()))
                .sorted()
                .toList();
    }

    /**
     * The metric names in the first column of the table under README's "### Metrics" heading, as patterns: a
     * trailing {@code *} stands for any rest of the name.
     */
    static List<Pattern> readmeMetricPatterns() {
        String readme;
        try {
            readme = Files.readString(DeployFiles.repoRoot().resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = readme.indexOf("\n### Metrics\n");
        if (start < 0) {
            throw new IllegalStateException("README.md has no \"### Metrics\" section");
        }
        int end = readme.indexOf("\n#", start + 1);
        List<Pattern> patterns = new ArrayList<>();
        for (String line :
                readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            Matcher m = README_NAME.matcher(firstCell);
            while (m.find()) {
                patterns.add(Pattern.compile(Pattern.quote(m.group(1)).replace("*", "\\E.*\\Q")));
            }
        }
        return patterns;
    }
}
