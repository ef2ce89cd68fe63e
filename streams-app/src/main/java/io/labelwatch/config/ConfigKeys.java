package io.labelwatch.config;

import static io.labelwatch.config.ConfigKey.of;
import static io.labelwatch.config.KeyType.BOOLEAN;
import static io.labelwatch.config.KeyType.DOUBLE;
import static io.labelwatch.config.KeyType.DURATION;
import static io.labelwatch.config.KeyType.INT;
import static io.labelwatch.config.KeyType.STRING;
import static io.labelwatch.config.KeyType.URL;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every {@code labelwatch.*} key, with its type, default and documentation. The README's configuration reference is
 * checked against this list by a test, so a key cannot be added without being documented.
 */
public final class ConfigKeys {
    private ConfigKeys() {}

    private static final java.util.function.Predicate<Object> POSITIVE_INT = v -> (Integer) v > 0;
    private static final java.util.function.Predicate<Object> POSITIVE_DOUBLE = v -> (Double) v > 0;
    private static final java.util.function.Predicate<Object> POSITIVE_DURATION =
            v -> !((Duration) v).isNegative() && !((Duration) v).isZero();
    private static final java.util.function.Predicate<Object> NON_NEGATIVE_DURATION = v -> !((Duration) v).isNegative();
    private static final java.util.function.Predicate<Object> PROBABILITY = v -> (Double) v > 0 && (Double) v < 1;
    private static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    // Topics
    public static final ConfigKey TOPIC_LABELS =
            of("labelwatch.topic.labels", STRING, "annotation.labels", "Input topic of LabelEvents.");
    public static final ConfigKey TOPIC_REVIEWS =
            of("labelwatch.topic.reviews", STRING, "annotation.reviews", "Input topic of ReviewEvents.");
    public static final ConfigKey TOPIC_TAXONOMY = of(
            "labelwatch.topic.taxonomy",
            STRING,
            "annotation.taxonomy",
            "Compacted input topic of TaxonomyClass records.");
    public static final ConfigKey TOPIC_CHART_POINTS =
            of("labelwatch.topic.chart-points", STRING, "quality.chart-points", "Output topic of ChartPoints.");
    public static final ConfigKey TOPIC_ALERTS =
            of("labelwatch.topic.alerts", STRING, "quality.alerts", "Output topic of QualityAlerts.");
    public static final ConfigKey TOPIC_DLQ = of(
            "labelwatch.topic.dlq",
            STRING,
            "quality.dlq",
            "Dead-letter topic: bad records with the reason, source topic, partition and offset in headers.");
    public static final ConfigKey TOPIC_COMMANDS = of(
            "labelwatch.topic.commands",
            STRING,
            "labelwatch.commands",
            "Operator commands (re-baseline a chart), written by the HTTP API and the CLI.");
    public static final ConfigKey TOPIC_PARTITIONS = of(
                    "labelwatch.topic.partitions",
                    INT,
                    "6",
                    "Partitions of the topics that `labelwatch topics create` makes (input and output).")
            .requiring("a positive whole number", POSITIVE_INT);
    public static final ConfigKey TOPIC_REPLICATION = of(
                    "labelwatch.topic.replication",
                    INT,
                    "1",
                    "Replication factor of the topics that `labelwatch topics create` makes; 3 in production.")
            .requiring("a positive whole number", POSITIVE_INT);

    // Windows
    public static final ConfigKey WINDOW_SIZE = of(
                    "labelwatch.window.size", DURATION, "PT1H", "Size of the tumbling event-time windows (subgroups).")
            .requiring("a positive duration", POSITIVE_DURATION);
    public static final ConfigKey WINDOW_GRACE = of(
                    "labelwatch.window.grace",
                    DURATION,
                    "PT10M",
                    "How long after its end a window still accepts late events; later ones are counted as late.")
            .requiring("a duration of zero or more", NON_NEGATIVE_DURATION);
    public static final ConfigKey WINDOW_IDLE_CLOSE = of(
                    "labelwatch.window.idle-close",
                    DURATION,
                    "PT15M",
                    "Wall-clock time after which a window past its end plus grace is closed even when stream time"
                            + " has stalled (a quiet partition must not hold an alert back).")
            .requiring("a positive duration", POSITIVE_DURATION);
    public static final ConfigKey MAX_FUTURE_SKEW = of(
                    "labelwatch.validation.max-future-skew",
                    DURATION,
                    "PT1H",
                    "Events whose timestamp is further than this ahead of the wall clock go to the DLQ.")
            .requiring("a positive duration", POSITIVE_DURATION);
    public static final ConfigKey DEDUP_HORIZON = of(
                    "labelwatch.dedup.horizon",
                    DURATION,
                    "PT24H",
                    "How long an event_id is remembered to drop duplicates.")
            .requiring("a positive duration", POSITIVE_DURATION);

    // SPC
    public static final ConfigKey SPC_CHART = of(
                    "labelwatch.spc.chart",
                    STRING,
                    "AUTO",
                    "Error-rate chart: P, LANEY, AUTO (Laney p' when the data are overdispersed) or PROBABILITY (p chart"
                            + " with exact binomial probability limits; set by the fleet budget).")
            .requiring(
                    "one of P, LANEY, AUTO, PROBABILITY",
                    ConfigKey.oneOf(List.of("P", "LANEY", "AUTO", "PROBABILITY")));
    public static final ConfigKey SPC_RULES = of(
            "labelwatch.spc.rules",
            STRING,
            "nelson",
            "Run rules: nelson, we, none, or a comma list of ids such as NELSON_1,NELSON_2.");
    public static final ConfigKey SPC_SIGMA = of(
                    "labelwatch.spc.sigma-multiplier",
                    DOUBLE,
                    "3",
                    "L, the width of the Shewhart limits in sigmas (3 gives ARL0 370 per chart).")
            .requiring("a positive number", POSITIVE_DOUBLE);
    public static final ConfigKey SPC_BASELINE_WINDOWS = of(
                    "labelwatch.spc.baseline.windows",
                    INT,
                    "8",
                    "Phase I: usable windows from which a chart's centre is estimated before monitoring starts.")
            .requiring("a whole number of 2 or more", v -> (Integer) v >= 2);
    public static final ConfigKey SPC_BASELINE_MIN_DEFECTS = of(
                    "labelwatch.spc.baseline.min-defects",
                    INT,
                    "25",
                    "Phase I of an error-rate chart goes on past labelwatch.spc.baseline.windows until its windows hold"
                            + " this many defects (at most 10 times as many windows), so a rare class's centre is not"
                            + " estimated from a handful of defects; 0 ends Phase I after the windows whatever they hold.")
            .requiring("a whole number of 0 or more", v -> (Integer) v >= 0);
    public static final ConfigKey SPC_P0 = of(
                    "labelwatch.spc.p0",
                    DOUBLE,
                    null,
                    "Known centre (error rate) for every chart; charts then start in Phase II at once.")
            .requiring("a number strictly between 0 and 1", PROBABILITY);
    public static final ConfigKey SPC_P0_PER_CHART = of(
                    "labelwatch.spc.p0",
                    DOUBLE,
                    null,
                    "Known centre of one chart: labelwatch.spc.p0.<pipeline>.<class_label>.")
            .requiring("a number strictly between 0 and 1", PROBABILITY)
            .asPrefix();
    public static final ConfigKey SPC_MIN_SAMPLE = of(
                    "labelwatch.spc.min-sample-size",
                    INT,
                    "30",
                    "Windows with fewer charted reviews are recorded but never signal.")
            .requiring("a positive whole number", POSITIVE_INT);
    public static final ConfigKey SPC_EWMA_LAMBDA = of(
                    "labelwatch.spc.ewma.lambda", DOUBLE, "0.2", "EWMA smoothing constant lambda.")
            .requiring("a number in (0, 1]", v -> (Double) v > 0 && (Double) v <= 1);
    public static final ConfigKey SPC_EWMA_L = of(
                    "labelwatch.spc.ewma.l", DOUBLE, "2.962", "EWMA limit width L in sigmas of the EWMA statistic.")
            .requiring("a positive number", POSITIVE_DOUBLE);
    public static final ConfigKey SPC_CUSUM_K = of(
                    "labelwatch.spc.cusum.k", DOUBLE, "0.5", "CUSUM reference value k, in sigmas.")
            .requiring("a number of 0 or more", v -> (Double) v >= 0);
    public static final ConfigKey SPC_CUSUM_H = of(
                    "labelwatch.spc.cusum.h", DOUBLE, "5", "CUSUM decision interval h, in sigmas.")
            .requiring("a positive number", POSITIVE_DOUBLE);
    public static final ConfigKey SPC_WEIGHTING = of(
                    "labelwatch.spc.weighting",
                    STRING,
                    "NONE",
                    "NONE charts every RANDOM/FULL review once; HORVITZ_THOMPSON weighs each by 1/sampling_rate and"
                            + " charts the Hajek ratio estimate at Kish's effective sample size (Σw)²/Σw².")
            .requiring("one of NONE, HORVITZ_THOMPSON", ConfigKey.oneOf(List.of("NONE", "HORVITZ_THOMPSON")));

    // Alerts
    public static final ConfigKey ALERTS_RESOLVE_AFTER = of(
                    "labelwatch.alerts.resolve-after",
                    INT,
                    "3",
                    "A firing alert resolves after this many consecutive in-control windows.")
            .requiring("a positive whole number", POSITIVE_INT);
    public static final ConfigKey ALERTS_RESOLVE_MAX_Z = of(
                    "labelwatch.alerts.resolve-max-z",
                    DOUBLE,
                    "1.645",
                    "A chart alert resolves only when its in-control run, combined as Stouffer's Z = Σz/√k, is at most"
                            + " this many sigmas out on the side the chart pages for, so a shift that persists between"
                            + " signals keeps its alert open instead of resolving and firing again; 1.645 passes a"
                            + " recovered chart 95 % of the time, a large value (100) turns the check off.")
            .requiring("a positive number", POSITIVE_DOUBLE);
    public static final ConfigKey ALERTS_RUNBOOK_URL = of(
            "labelwatch.alerts.runbook-url",
            URL,
            "https://github.com/labelwatch/labelwatch/blob/main/README.md#runbook",
            "Runbook link put on every alert; the metric is appended as an anchor (#runbook-error_rate).");
    public static final ConfigKey ALERTS_DECREASES = of(
            "labelwatch.alerts.decreases",
            BOOLEAN,
            "false",
            "Also raise an error-rate alert when a chart signals a decrease (fewer defects than its centre): usually an"
                    + " improvement, sometimes QA rubber-stamping. The signal is on the chart point either way.");
    public static final ConfigKey ALERTS_ANNOTATOR_FIRE_AFTER = of(
                    "labelwatch.alerts.annotator.fire-after",
                    INT,
                    "2",
                    "An annotator above the funnel limit in this many consecutive windows raises an ANNOTATOR alert.")
            .requiring("a positive whole number", POSITIVE_INT);
    public static final ConfigKey SEVERITY_DEFAULT = of(
                    "labelwatch.severity.default",
                    STRING,
                    "MEDIUM",
                    "Severity of a class that the taxonomy topic and labelwatch.severity.<class> do not name.")
            .requiring("one of LOW, MEDIUM, HIGH, CRITICAL", ConfigKey.oneOf(SEVERITIES));
    public static final ConfigKey SEVERITY_PER_CLASS = of(
                    "labelwatch.severity",
                    STRING,
                    null,
                    "Severity of one class until the taxonomy topic says otherwise: labelwatch.severity.<class_label>.")
            .requiring("one of LOW, MEDIUM, HIGH, CRITICAL", ConfigKey.oneOf(SEVERITIES))
            .asPrefix();

    // HTTP and metrics
    public static final ConfigKey HTTP_HOST = of(
            "labelwatch.http.host",
            STRING,
            "127.0.0.1",
            "Address the HTTP server (status page, API, /metrics, health) binds to; 0.0.0.0 to be scraped from"
                    + " other hosts.");
    public static final ConfigKey HTTP_PORT = of(
                    "labelwatch.http.port", INT, "8080", "Port of the HTTP server; 0 picks a free one.")
            .requiring("a port number from 0 to 65535", v -> (Integer) v >= 0 && (Integer) v <= 65535);
    public static final ConfigKey HTTP_TOKEN = of(
            "labelwatch.http.token",
            STRING,
            null,
            "Bearer token required by the API's state-changing calls (and by reads when"
                    + " labelwatch.http.protect-reads is true).");
    public static final ConfigKey HTTP_PROTECT_READS =
            of("labelwatch.http.protect-reads", BOOLEAN, "false", "Require the bearer token for reads too.");
    public static final ConfigKey METRICS_STALE_AFTER = of(
                    "labelwatch.metrics.stale-after",
                    DURATION,
                    "PT2H",
                    "A (pipeline, class) series that closed no window for this long is removed from /metrics.")
            .requiring("a positive duration", POSITIVE_DURATION);

    // Notifier
    public static final ConfigKey NOTIFIER_ENABLED = of(
            "labelwatch.notifier.enabled",
            BOOLEAN,
            "true",
            "Run the Slack notifier inside `labelwatch run` (it only runs when a webhook is configured).");
    public static final ConfigKey SLACK_WEBHOOK = of(
            "labelwatch.notifier.slack.webhook-url",
            URL,
            null,
            "Default Slack incoming-webhook URL (a secret: never logged). SLACK_WEBHOOK_URL is read too.");
    public static final ConfigKey NOTIFIER_SLACK_ROUTE = of(
                    "labelwatch.notifier.slack.route",
                    STRING,
                    null,
                    "Webhook URL for alerts of one pipeline and severity: labelwatch.notifier.slack.route.<pipeline>."
                            + "<SEVERITY>; * for any pipeline or any severity, and .<pipeline> alone for every severity."
                            + " The most specific route wins: pipeline and severity, then pipeline, then severity, then"
                            + " the default webhook.")
            .asPrefix();
    public static final ConfigKey NOTIFIER_GRAFANA_URL = of(
            "labelwatch.notifier.grafana-url",
            URL,
            null,
            "Grafana base URL; when set, Slack messages link to the alert's panel on the Label quality overview.");
    public static final ConfigKey NOTIFIER_STATUS_URL = of(
            "labelwatch.notifier.status-url",
            URL,
            null,
            "Base URL of the Labelwatch status page; when set, Slack messages link to the alert's chart there.");
    public static final ConfigKey NOTIFIER_GROUP_ID = of(
            "labelwatch.notifier.group-id",
            STRING,
            "labelwatch-notifier",
            "Consumer group id of the Slack notifier (separate from the Streams application id).");
    public static final ConfigKey NOTIFIER_GROUP_WAIT = of(
                    "labelwatch.notifier.group-wait",
                    DURATION,
                    "PT30S",
                    "Alerts of one pipeline for one channel that arrive within this wall-clock time are posted as"
                            + " one message; 0 groups only what arrives in the same poll.")
            .requiring("a duration of zero or more", NON_NEGATIVE_DURATION);
    public static final ConfigKey NOTIFIER_GROUP_MAX = of(
                    "labelwatch.notifier.group-max",
                    INT,
                    "8",
                    "Most alerts in one Slack message (Slack allows 50 blocks; each alert of a group takes up to 6).")
            .requiring("a whole number from 1 to 8", v -> (Integer) v >= 1 && (Integer) v <= 8);
    public static final ConfigKey NOTIFIER_RATE = of(
                    "labelwatch.notifier.rate-limit.per-second",
                    DOUBLE,
                    "1",
                    "Messages per second per webhook (token bucket refill rate); Slack allows about 1.")
            .requiring("a positive number", POSITIVE_DOUBLE);
    public static final ConfigKey NOTIFIER_BURST = of(
                    "labelwatch.notifier.rate-limit.burst",
                    INT,
                    "1",
                    "Messages a webhook may receive back to back before the rate applies (token bucket size).")
            .requiring("a positive whole number", POSITIVE_INT);
    public static final ConfigKey NOTIFIER_RETRY_ATTEMPTS = of(
                    "labelwatch.notifier.retry.max-attempts",
                    INT,
                    "6",
                    "Most HTTP attempts per Slack message (first try included) before it goes to the DLQ.")
            .requiring("a positive whole number", POSITIVE_INT);
    public static final ConfigKey NOTIFIER_RETRY_MAX_TIME = of(
                    "labelwatch.notifier.retry.max-time",
                    DURATION,
                    "PT60S",
                    "Most time spent on one Slack message, waits included, before it goes to the DLQ; keep it well"
                            + " below max.poll.interval.ms.")
            .requiring("a positive duration", POSITIVE_DURATION);
    public static final ConfigKey NOTIFIER_RETRY_BACKOFF = of(
                    "labelwatch.notifier.retry.initial-backoff",
                    DURATION,
                    "PT0.5S",
                    "Wait before the first retry; doubles on each retry (with jitter) up to max-backoff.")
            .requiring("a positive duration", POSITIVE_DURATION);
    public static final ConfigKey NOTIFIER_RETRY_MAX_BACKOFF = of(
                    "labelwatch.notifier.retry.max-backoff",
                    DURATION,
                    "PT15S",
                    "Longest wait between two attempts (a 429's Retry-After is honoured even when longer, within"
                            + " max-time).")
            .requiring("a positive duration", POSITIVE_DURATION);
    public static final ConfigKey NOTIFIER_HTTP_TIMEOUT = of(
                    "labelwatch.notifier.http.timeout",
                    DURATION,
                    "PT10S",
                    "Timeout of one HTTP request to Slack (connect and response); a timeout is retried.")
            .requiring("a positive duration", POSITIVE_DURATION);
    public static final ConfigKey NOTIFIER_DEDUP_CAPACITY = of(
                    "labelwatch.notifier.dedup.capacity",
                    INT,
                    "10000",
                    "Alert ids whose last posted state (status, occurrences) the notifier remembers to skip"
                            + " re-sends.")
            .requiring("a positive whole number", POSITIVE_INT);

    // Serde
    public static final ConfigKey SERDE_CLASS = of(
            "labelwatch.serde.class",
            STRING,
            "io.labelwatch.registry.AvroSerde",
            "Serde used for Avro topics; Confluent's io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde"
                    + " can be dropped in where its jars are on the classpath.");

    // Agreement
    public static final ConfigKey AGREEMENT_UNIT_TIMEOUT = of(
                    "labelwatch.agreement.unit-timeout",
                    DURATION,
                    "PT30M",
                    "An overlap unit still short of its expected annotators closes this long (event time, with a"
                            + " wall-clock fallback) after its last label; with at least 2 labels it counts as partial.")
            .requiring("a positive duration", POSITIVE_DURATION);
    public static final ConfigKey AGREEMENT_MAX_OPEN_UNITS = of(
                    "labelwatch.agreement.max-open-units",
                    INT,
                    "100000",
                    "Most overlap units held open per stream task; past it the least recently labelled unit is"
                            + " closed early (counted as evicted).")
            .requiring("a positive whole number", POSITIVE_INT);
    public static final ConfigKey AGREEMENT_ROLLING_WINDOWS = of(
                    "labelwatch.agreement.rolling-windows",
                    INT,
                    "24",
                    "Rolling Krippendorff's alpha is computed over the coincidence matrices of this many closed"
                            + " windows (summed, so exact).")
            .requiring("a positive whole number", POSITIVE_INT);
    public static final ConfigKey AGREEMENT_CLASS_ALERTS = of(
            "labelwatch.agreement.class-alerts",
            BOOLEAN,
            "false",
            "Whether the agreement charts of each (pipeline, top-level class) raise alerts; by default they are charted"
                    + " and served but only the pipeline-wide agreement chart alerts. Alpha within one top-level class"
                    + " has little expected disagreement and swings with a few cross-class confusions.");
    public static final ConfigKey AGREEMENT_FLOOR = of(
                    "labelwatch.agreement.floor",
                    DOUBLE,
                    "0.667",
                    "An agreement window whose alpha is below this fires BELOW_FLOOR in either phase (Krippendorff"
                            + " 2004: 0.667 is the lowest alpha for tentative conclusions, 0.8 for reliable data).")
            .requiring("a number in (0, 1]", v -> (Double) v > 0 && (Double) v <= 1);
    public static final ConfigKey AGREEMENT_MIN_UNITS = of(
                    "labelwatch.agreement.min-units",
                    INT,
                    "10",
                    "Agreement windows with fewer pairable units are recorded but never signal.")
            .requiring("a positive whole number", POSITIVE_INT);

    public static final ConfigKey AGREEMENT_LEVEL = of(
                    "labelwatch.agreement.level",
                    STRING,
                    null,
                    "Level of measurement of one pipeline's agreement: labelwatch.agreement.level.<pipeline> ="
                            + " NOMINAL (default), ORDINAL, INTERVAL or RATIO; all but NOMINAL need"
                            + " labelwatch.agreement.attribute.<pipeline> with numeric values.")
            .requiring(
                    "one of NOMINAL, ORDINAL, INTERVAL, RATIO",
                    ConfigKey.oneOf(List.of("NOMINAL", "ORDINAL", "INTERVAL", "RATIO")))
            .asPrefix();
    public static final ConfigKey AGREEMENT_ATTRIBUTE = of(
                    "labelwatch.agreement.attribute",
                    STRING,
                    null,
                    "Label attribute whose values one pipeline's agreement compares instead of class_label:"
                            + " labelwatch.agreement.attribute.<pipeline> = e.g. occlusion.")
            .asPrefix();

    // Fleet false-alarm budget (see io.labelwatch.spc.FleetBudget)
    public static final ConfigKey SPC_FLEET_FALSE_ALARMS = of(
                    "labelwatch.spc.fleet.false-alarms-per-day",
                    DOUBLE,
                    null,
                    "Budget of false alarms per day over all charts; with labelwatch.spc.fleet.charts it derives"
                            + " sigma-multiplier, ewma.l and cusum.h (each detector gets a third of the budget) from"
                            + " the window size, and sets labelwatch.spc.chart=PROBABILITY. Use with"
                            + " labelwatch.spc.rules=NELSON_1.")
            .requiring("a positive number", POSITIVE_DOUBLE);
    public static final ConfigKey SPC_FLEET_CHARTS = of(
                    "labelwatch.spc.fleet.charts",
                    INT,
                    null,
                    "Number of active (pipeline, class) charts the false-alarm budget is spread over.")
            .requiring("a positive whole number", POSITIVE_INT);

    /** All keys, in the order of the configuration reference. */
    public static final List<ConfigKey> ALL = List.of(
            TOPIC_LABELS,
            TOPIC_REVIEWS,
            TOPIC_TAXONOMY,
            TOPIC_CHART_POINTS,
            TOPIC_ALERTS,
            TOPIC_DLQ,
            TOPIC_COMMANDS,
            TOPIC_PARTITIONS,
            TOPIC_REPLICATION,
            WINDOW_SIZE,
            WINDOW_GRACE,
            WINDOW_IDLE_CLOSE,
            MAX_FUTURE_SKEW,
            DEDUP_HORIZON,
            SPC_CHART,
            SPC_RULES,
            SPC_SIGMA,
            SPC_BASELINE_WINDOWS,
            SPC_BASELINE_MIN_DEFECTS,
            SPC_P0,
            SPC_P0_PER_CHART,
            SPC_MIN_SAMPLE,
            SPC_EWMA_LAMBDA,
            SPC_EWMA_L,
            SPC_CUSUM_K,
            SPC_CUSUM_H,
            SPC_WEIGHTING,
            ALERTS_RESOLVE_AFTER,
            ALERTS_RESOLVE_MAX_Z,
            ALERTS_RUNBOOK_URL,
            ALERTS_ANNOTATOR_FIRE_AFTER,
            ALERTS_DECREASES,
            SEVERITY_DEFAULT,
            SEVERITY_PER_CLASS,
            HTTP_HOST,
            HTTP_PORT,
            HTTP_TOKEN,
            HTTP_PROTECT_READS,
            METRICS_STALE_AFTER,
            NOTIFIER_ENABLED,
            SLACK_WEBHOOK,
            NOTIFIER_SLACK_ROUTE,
            NOTIFIER_GRAFANA_URL,
            NOTIFIER_STATUS_URL,
            NOTIFIER_GROUP_ID,
            NOTIFIER_GROUP_WAIT,
            NOTIFIER_GROUP_MAX,
            NOTIFIER_RATE,
            NOTIFIER_BURST,
            NOTIFIER_RETRY_ATTEMPTS,
            NOTIFIER_RETRY_MAX_TIME,
            NOTIFIER_RETRY_BACKOFF,
            NOTIFIER_RETRY_MAX_BACKOFF,
            NOTIFIER_HTTP_TIMEOUT,
            NOTIFIER_DEDUP_CAPACITY,
            SERDE_CLASS,
            AGREEMENT_UNIT_TIMEOUT,
            AGREEMENT_MAX_OPEN_UNITS,
            AGREEMENT_ROLLING_WINDOWS,
            AGREEMENT_FLOOR,
            AGREEMENT_CLASS_ALERTS,
            AGREEMENT_MIN_UNITS,
            AGREEMENT_LEVEL,
            AGREEMENT_ATTRIBUTE,
            SPC_FLEET_FALSE_ALARMS,
            SPC_FLEET_CHARTS);

    /** The definition that governs {@code key}: an exact key first, else a prefix key. */
    static Optional<ConfigKey> find(String key) {
        return ALL.stream()
                .filter(k -> !k.prefix() && k.matches(key))
                .findFirst()
                .or(() -> ALL.stream().filter(k -> k.prefix() && k.matches(key)).findFirst());
    }
}
