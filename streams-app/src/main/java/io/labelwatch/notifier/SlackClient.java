package io.labelwatch.notifier;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON to Slack incoming webhooks with {@link HttpClient}, retrying within a {@link RetryPolicy}.
 *
 * <ul>
 *   <li>2xx: delivered.
 *   <li>I/O error, timeout, 5xx: retried after an exponential, jittered backoff.
 *   <li>429: retried after {@code Retry-After} (seconds, or an HTTP date), else after the backoff.
 *   <li>any other status (400 {@code invalid_payload}, 403, 404 {@code no_service}, 410 …): permanent, no retry.
 *   <li>when the next wait would cross {@link RetryPolicy#maxTime()} or the attempts are used up: failed, with the
 *       last error as the reason.
 * </ul>
 *
 * The webhook URL never appears in a log line, a reason or an exception message: logs show {@link
 * Webhook#redacted()}, and every message taken from an exception or a response body is {@linkplain Webhook#scrub
 * scrubbed}. Redirects are not followed (a redirect target would be a second place the secret path could go).
 */
public final class SlackClient {
    private static final Logger LOG = LoggerFactory.getLogger(SlackClient.class);
    private static final int MAX_BODY_IN_REASON = 200;

    private final HttpClient http;
    private final RetryPolicy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    /**
     * @param http the HTTP client (see {@link #httpClient(RetryPolicy)})
     * @param policy attempts, time budget, backoff and request timeout
     * @param clock measures the time budget
     * @param sleeper waits between attempts
     * @param jitter uniform draws from [0, 1) for the backoff jitter
     */
    public SlackClient(HttpClient http, RetryPolicy policy, Clock clock, Sleeper sleeper, DoubleSupplier jitter) {
        this.http = http;
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /** A client on the system clock, really sleeping, with random jitter. */
    public static SlackClient create(RetryPolicy policy) {
        return new SlackClient(
                httpClient(policy),
                policy,
                Clock.systemUTC(),
                Sleeper.SYSTEM,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Longest {@link #post} can take: the retry budget, plus the last request's timeout (a request started just
     * inside the budget may run that long).
     */
    public Duration longestPost() {
        return policy.maxTime().plus(policy.requestTimeout());
    }

    /** An HTTP client with the policy's connect timeout that follows no redirects. */
    public static HttpClient httpClient(RetryPolicy policy) {
        return HttpClient.newBuilder()
                .connectTimeout(policy.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Posts {@code json} to {@code webhook}, retrying as the policy allows.
     *
     * @throws InterruptedException when interrupted while waiting or sending; nothing is decided then, so the caller
     *     must neither commit nor dead-letter the alert
     */
    public DeliveryResult post(Webhook webhook, String json) throws InterruptedException {
        Instant deadline = clock.instant().plus(policy.maxTime());
        HttpRequest request = HttpRequest.newBuilder(webhook.uri())
                .timeout(policy.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        int attempt = 0;
        while (true) {
            attempt++;
            int status = 0;
            String reason;
            Duration wait = policy.backoff(attempt, jitter.getAsDouble());
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return DeliveryResult.ok(attempt, status);
                }
                String body = snippet(webhook.scrub(response.body()));
                if (status == 429) {
                    reason = "HTTP 429 rate limited" + body;
                    Optional<Duration> retryAfter = retryAfter(response);
                    if (retryAfter.isPresent()) {
                        wait = retryAfter.get();
                    }
                } else if (status >= 500) {
                    reason = "HTTP " + status + body;
                } else {
                    LOG.warn("Slack webhook {} refused the message: HTTP {}{}", webhook, status, body);
                    return DeliveryResult.failed(attempt, status, "HTTP " + status + " (permanent)" + body);
                }
            } catch (HttpTimeoutException e) {
                reason = "timed out after " + policy.requestTimeout();
            } catch (IOException e) {
                reason = e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + webhook.scrub(e.getMessage()));
            }
            if (attempt >= policy.maxAttempts()) {
                return giveUp(webhook, attempt, status, "gave up after " + attempt + " attempts: " + reason);
            }
            if (clock.instant().plus(wait).isAfter(deadline)) {
                return giveUp(
                        webhook,
                        attempt,
                        status,
                        "retry budget of " + policy.maxTime() + " exhausted after " + attempt + " attempts (next wait "
                                + wait + "): " + reason);
            }
            LOG.debug("Slack webhook {} attempt {} failed ({}); retrying in {}", webhook, attempt, reason, wait);
            sleeper.sleep(wait);
        }
    }

    private static DeliveryResult giveUp(Webhook webhook, int attempts, int status, String reason) {
        LOG.warn("Slack webhook {}: {}", webhook, reason);
        return DeliveryResult.failed(attempts, status, reason);
    }

    /** {@code Retry-After} as delta-seconds or as an HTTP date (RFC 9110 §10.2.3); empty when absent or unreadable. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        if (oneLine.length() > MAX_BODY_IN_REASON) {
            oneLine = oneLine.substring(0, MAX_BODY_IN_REASON) + "…";
        }
        return ": " + oneLine;
    }
}
