package io.labelwatch.notifier;

import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.SafetyCriticality;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the Slack webhook for an alert from its pipeline and severity.
 *
 * <p>Keys (values are webhook URLs):
 *
 * <pre>
 * labelwatch.notifier.slack.route.&lt;pipeline&gt;.&lt;SEVERITY&gt;   one pipeline, one severity
 * labelwatch.notifier.slack.route.&lt;pipeline&gt;              one pipeline, every severity (same as .&lt;pipeline&gt;.*)
 * labelwatch.notifier.slack.route.*.&lt;SEVERITY&gt;            every pipeline, one severity
 * labelwatch.notifier.slack.webhook-url                  the default (same as route.*.*); SLACK_WEBHOOK_URL when unset
 * </pre>
 *
 * The suffix is split at its last dot: when the part after it is a severity (LOW, MEDIUM, HIGH, CRITICAL, any case)
 * or {@code *}, the part before is the pipeline, so pipeline names may contain dots. The most specific route wins, in
 * this order: (pipeline, severity), (pipeline, any), (any, severity), default. So a team channel per pipeline with
 * critical alerts of every pipeline in an incident channel is {@code route.*.CRITICAL=…incident…} plus {@code
 * route.camera-2d-boxes=…team…} — and then a critical camera alert goes to the team channel, because the pipeline
 * route is more specific; add {@code route.camera-2d-boxes.CRITICAL=…incident…} to send it to the incident channel.
 * One alert goes to one channel.
 */
public final class SlackRouter {
    /** The environment variable read when {@code labelwatch.notifier.slack.webhook-url} is not set. */
    public static final String WEBHOOK_ENV = "SLACK_WEBHOOK_URL";

    private static final String ANY = "*";

    private final Map<String, Webhook> routes;
    private final Webhook fallback;

    /**
     * @param routes webhook by route suffix as in the key scheme above, e.g. {@code camera-2d-boxes.CRITICAL}
     * @param fallback the default webhook, or null
     * @throws IllegalArgumentException when a route names an unknown severity form or a value is not a URL; the
     *     message names the key, never the URL
     */
    public SlackRouter(Map<String, String> routes, String fallback) {
        Map<String, Webhook> parsed = new HashMap<>();
        routes.forEach((suffix, url) -> {
            String source = ConfigKeys.NOTIFIER_SLACK_ROUTE.name() + "." + suffix;
            String[] key = split(suffix);
            if (key[0].isEmpty()) {
                throw new IllegalArgumentException(source + ": the route names no pipeline");
            }
            parsed.put(key[0] + "\u0000" + key[1], Webhook.parse(url, source));
        });
        this.routes = Map.copyOf(parsed);
        this.fallback = fallback == null ? null : Webhook.parse(fallback, ConfigKeys.SLACK_WEBHOOK.name());
    }

    /** The routes of {@code config}; the default webhook from the config, else from {@code SLACK_WEBHOOK_URL}. */
    public static SlackRouter from(LabelwatchConfig config, Map<String, String> environment) {
        Map<String, String> routes = new HashMap<>();
        config.prefixed(ConfigKeys.NOTIFIER_SLACK_ROUTE).forEach((suffix, url) -> routes.put(suffix, (String) url));
        String fallback = config.optionalString(ConfigKeys.SLACK_WEBHOOK)
                .or(() -> Optional.ofNullable(environment.get(WEBHOOK_ENV)).filter(v -> !v.isBlank()))
                .orElse(null);
        return new SlackRouter(routes, fallback);
    }

    /** The webhook for an alert of {@code pipeline} with {@code severity}; empty when no route and no default fit. */
    public Optional<Webhook> route(String pipeline, SafetyCriticality severity) {
        String level = severity.name();
        for (String candidate :
                new String[] {pipeline + "\u0000" + level, pipeline + "\u0000" + ANY, ANY + "\u0000" + level}) {
            Webhook hook = routes.get(candidate);
            if (hook != null) {
                return Optional.of(hook);
            }
        }
        return Optional.ofNullable(routes.getOrDefault(ANY + "\u0000" + ANY, fallback));
    }

    /** True when at least one webhook is configured (the notifier has nothing to do otherwise). */
    public boolean isConfigured() {
        return fallback != null || !routes.isEmpty();
    }

    /** Every distinct webhook, for the start-up log (their {@code toString} is redacted). */
    public Set<Webhook> webhooks() {
        Set<Webhook> all = new LinkedHashSet<>(routes.values());
        if (fallback != null) {
            all.add(fallback);
        }
        return all;
    }

    /** {pipeline, severity-or-*} of a route suffix. */
    private static String[] split(String suffix) {
        int dot = suffix.lastIndexOf('.');
        if (dot > 0) {
            String last = suffix.substring(dot + 1).toUpperCase(Locale.ROOT);
            if (last.equals(ANY) || isSeverity(last)) {
                return new String[] {suffix.substring(0, dot), last};
            }
        }
        return new String[] {suffix, ANY};
    }

    private static boolean isSeverity(String s) {
        for (SafetyCriticality c : SafetyCriticality.values()) {
            if (c.name().equals(s)) {
                return true;
            }
        }
        return false;
    }
}
