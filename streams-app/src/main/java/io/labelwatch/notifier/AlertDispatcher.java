package io.labelwatch.notifier;

import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.QualityAlert;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery pipeline without Kafka: alerts in, Slack messages out, one {@link Outcome} per alert handed in.
 *
 * <ol>
 *   <li>{@link #offer}: an alert already posted in this or a later state ({@link SentAlerts}) is done at once as
 *       {@link Kind#DUPLICATE}; one that no route fits is done at once as {@link Kind#UNROUTED}. Otherwise it joins
 *       the group of its (webhook, pipeline); a second state of an alert already in the group replaces it (the later
 *       state wins, both handles share its outcome).
 *   <li>{@link #flushDue}: a group is due when {@code groupWait} has passed since its first alert arrived (wall clock),
 *       or when it holds {@code groupMax} alerts. A due group becomes one message (see {@link SlackMessages}), waits
 *       for its webhook's {@link TokenBucket}, and is posted by {@link SlackClient}. Every handle of the group gets
 *       {@link Kind#DELIVERED} or {@link Kind#FAILED} with the client's reason.
 * </ol>
 *
 * A handle ({@code T}) is whatever the caller needs to finish the alert; the Kafka loop uses the consumer record.
 * Single-threaded.
 *
 * @param <T> the caller's handle of one offered alert
 */
public final class AlertDispatcher<T> {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    /** What became of an offered alert. */
    public enum Kind {
        /** Posted to Slack (alone, in a group, or as a later state that replaced it). */
        DELIVERED,
        /** This state, or a later one, was posted before; skipped. */
        DUPLICATE,
        /** No route and no default webhook fits its pipeline and severity. */
        UNROUTED,
        /** Slack refused it or the retry budget ran out. */
        FAILED
    }

    /**
     * @param handle the caller's handle, as offered
     * @param alert the alert offered with it
     * @param kind what became of it
     * @param reason why it was not delivered (never contains a webhook URL); empty otherwise
     */
    public record Outcome<T>(T handle, QualityAlert alert, Kind kind, String reason) {}

    private final SlackRouter router;
    private final SlackMessages messages;
    private final SlackClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration groupWait;
    private final int groupMax;
    private final double ratePerSecond;
    private final int burst;
    private final SentAlerts sent;
    private final Map<Webhook, TokenBucket> buckets = new HashMap<>();
    private final Map<GroupKey, Group<T>> groups = new LinkedHashMap<>();

    /**
     * @param router webhook per pipeline and severity
     * @param messages message builder
     * @param client HTTP client with retries
     * @param clock wall clock for grouping and rate limits
     * @param sleeper waits for the rate limit
     * @param groupWait how long a group collects alerts; zero sends each group on the next flush
     * @param groupMax most alerts in one message
     * @param ratePerSecond messages per second per webhook
     * @param burst back-to-back messages per webhook
     * @param sent the dedup memory
     */
    public AlertDispatcher(
            SlackRouter router,
            SlackMessages messages,
            SlackClient client,
            Clock clock,
            Sleeper sleeper,
            Duration groupWait,
            int groupMax,
            double ratePerSecond,
            int burst,
            SentAlerts sent) {
        if (groupMax < 1) {
            throw new IllegalArgumentException("groupMax must be at least 1");
        }
        this.router = Objects.requireNonNull(router, "router");
        this.messages = Objects.requireNonNull(messages, "messages");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.groupWait = Objects.requireNonNull(groupWait, "groupWait");
        this.groupMax = groupMax;
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.sent = Objects.requireNonNull(sent, "sent");
        new TokenBucket(ratePerSecond, burst, clock); // validates rate and burst now rather than on the first send
    }

    /** A dispatcher configured by {@code labelwatch.notifier.*}, on the system clock, really sleeping. */
    public static <T> AlertDispatcher<T> create(LabelwatchConfig config, Map<String, String> environment) {
        RetryPolicy policy = new RetryPolicy(
                config.integer(ConfigKeys.NOTIFIER_RETRY_ATTEMPTS),
                config.duration(ConfigKeys.NOTIFIER_RETRY_MAX_TIME),
                config.duration(ConfigKeys.NOTIFIER_RETRY_BACKOFF),
                config.duration(ConfigKeys.NOTIFIER_RETRY_MAX_BACKOFF),
                config.duration(ConfigKeys.NOTIFIER_HTTP_TIMEOUT));
        return new AlertDispatcher<>(
                SlackRouter.from(config, environment),
                SlackMessages.from(config),
                SlackClient.create(policy),
                Clock.systemUTC(),
                Sleeper.SYSTEM,
                config.duration(ConfigKeys.NOTIFIER_GROUP_WAIT),
                config.integer(ConfigKeys.NOTIFIER_GROUP_MAX),
                config.number(ConfigKeys.NOTIFIER_RATE),
                config.integer(ConfigKeys.NOTIFIER_BURST),
                new SentAlerts(config.integer(ConfigKeys.NOTIFIER_DEDUP_CAPACITY)));
    }

    /** Takes an alert; returns its outcome when it is decided at once (duplicate, unrouted), else empty. */
    public Optional<Outcome<T>> offer(QualityAlert alert, T handle) {
        if (!sent.isNew(alert)) {
            return Optional.of(new Outcome<>(handle, alert, Kind.DUPLICATE, ""));
        }
        Optional<Webhook> webhook = router.route(alert.getPipeline(), alert.getSeverity());
        if (webhook.isEmpty()) {
            return Optional.of(new Outcome<>(
                    handle,
                    alert,
                    Kind.UNROUTED,
                    "no Slack route for pipeline " + alert.getPipeline() + " and severity " + alert.getSeverity()
                            + ", and no default webhook"));
        }
        GroupKey key = new GroupKey(webhook.get(), alert.getPipeline());
        Group<T> group = groups.computeIfAbsent(key, k -> new Group<>(clock.instant()));
        group.add(alert, handle);
        return Optional.empty();
    }

    /** Alerts waiting in groups. */
    public int pending() {
        return groups.values().stream().mapToInt(g -> g.handles()).sum();
    }

    /** When the earliest group falls due; empty when nothing is pending. */
    public Optional<Instant> nextDue() {
        return groups.values().stream()
                .map(g -> g.size() >= groupMax ? g.since : g.since.plus(groupWait))
                .min(Instant::compareTo);
    }

    /**
     * Sends every due group, oldest first.
     *
     * @throws InterruptedException when interrupted; the group being sent stays pending, undecided
     */
    public List<Outcome<T>> flushDue() throws InterruptedException {
        return flush(false, Instant.MAX);
    }

    /**
     * Sends due groups, oldest first, but starts another group only while it would be done, even in the worst case
     * ({@link #longestSend()}), by {@code sendUntil}; the first due group is always sent. The groups left over stay
     * pending, undecided, for the next call: the caller polls in between (a consumer that stops polling for
     * {@code max.poll.interval.ms} leaves its group) and commits nothing of them.
     *
     * @throws InterruptedException when interrupted; the group being sent stays pending, undecided
     */
    public List<Outcome<T>> flushDue(Instant sendUntil) throws InterruptedException {
        return flush(false, sendUntil);
    }

    /** Sends every pending group now, due or not (shutdown with time to spare, tests). */
    public List<Outcome<T>> flushAll() throws InterruptedException {
        return flush(true, Instant.MAX);
    }

    /** Longest one message can take: a rate-limit wait of its webhook, then the client's retry budget. */
    public Duration longestSend() {
        return client.longestPost().plus(Duration.ofMillis((long) Math.ceil(1000 / ratePerSecond)));
    }

    /** Forgets pending alerts whose handle matches, undecided (their partition was revoked: another owner sends them). */
    public void discard(Predicate<T> which) {
        for (Iterator<Group<T>> it = groups.values().iterator(); it.hasNext(); ) {
            Group<T> group = it.next();
            group.discard(which);
            if (group.size() == 0) {
                it.remove();
            }
        }
    }

    private List<Outcome<T>> flush(boolean all, Instant sendUntil) throws InterruptedException {
        List<Outcome<T>> outcomes = new ArrayList<>();
        Instant now = clock.instant();
        boolean sentOne = false;
        for (Iterator<Map.Entry<GroupKey, Group<T>>> it = groups.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<GroupKey, Group<T>> entry = it.next();
            Group<T> group = entry.getValue();
            while (group.size() > 0
                    && (all || group.size() >= groupMax || !now.isBefore(group.since.plus(groupWait)))) {
                if (sentOne
                        && !sendUntil.equals(Instant.MAX)
                        && clock.instant().plus(longestSend()).isAfter(sendUntil)) {
                    return outcomes;
                }
                sentOne = true;
                List<Entry<T>> batch = group.take(groupMax);
                outcomes.addAll(send(entry.getKey().webhook(), batch));
                group.remove(batch);
            }
            if (group.size() == 0) {
                it.remove();
            }
        }
        return outcomes;
    }

    private List<Outcome<T>> send(Webhook webhook, List<Entry<T>> batch) throws InterruptedException {
        List<QualityAlert> alerts = batch.stream().map(e -> e.alert).toList();
        String json = messages.json(alerts);
        sleeper.sleep(buckets.computeIfAbsent(webhook, w -> new TokenBucket(ratePerSecond, burst, clock))
                .reserve());
        DeliveryResult result = client.post(webhook, json);
        List<Outcome<T>> outcomes = new ArrayList<>();
        for (Entry<T> e : batch) {
            if (result.delivered()) {
                sent.posted(e.alert);
            }
            for (T handle : e.handles) {
                outcomes.add(new Outcome<>(
                        handle,
                        e.alert,
                        result.delivered() ? Kind.DELIVERED : Kind.FAILED,
                        result.delivered() ? "" : result.reason()));
            }
        }
        if (result.delivered()) {
            LOG.info("Posted {} alert(s) to Slack webhook {}", alerts.size(), webhook);
        } else {
            LOG.warn("Could not post {} alert(s) to Slack webhook {}: {}", alerts.size(), webhook, result.reason());
        }
        return outcomes;
    }

    private record GroupKey(Webhook webhook, String pipeline) {}

    /** One alert in a group and every handle that carried a state of it. */
    private static final class Entry<T> {
        QualityAlert alert;
        final List<T> handles = new ArrayList<>();

        Entry(QualityAlert alert) {
            this.alert = alert;
        }
    }

    private static final class Group<T> {
        final Instant since;
        final LinkedHashMap<String, Entry<T>> entries = new LinkedHashMap<>();

        Group(Instant since) {
            this.since = since;
        }

        void add(QualityAlert alert, T handle) {
            Entry<T> entry = entries.computeIfAbsent(alert.getAlertId(), id -> new Entry<>(alert));
            if (SentAlerts.rank(alert) > SentAlerts.rank(entry.alert)) {
                entry.alert = alert;
            }
            entry.handles.add(handle);
        }

        int size() {
            return entries.size();
        }

        int handles() {
            return entries.values().stream().mapToInt(e -> e.handles.size()).sum();
        }

        List<Entry<T>> take(int max) {
            return entries.values().stream().limit(max).toList();
        }

        void remove(List<Entry<T>> batch) {
            batch.forEach(e -> entries.remove(e.alert.getAlertId()));
        }

        void discard(Predicate<T> which) {
            for (Iterator<Entry<T>> it = entries.values().iterator(); it.hasNext(); ) {
                Entry<T> e = it.next();
                e.handles.removeIf(which);
                if (e.handles.isEmpty()) {
                    it.remove();
                }
            }
        }
    }
}
