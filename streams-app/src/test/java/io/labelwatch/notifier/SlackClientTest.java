package io.labelwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.labelwatch.notifier.SlackStub.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackClientTest {
    private final FakeTime time = new FakeTime(Instant.parse("2026-03-01T12:00:00Z"));
    private final SlackStub slack;
    private final LogCapture logs = new LogCapture();

    SlackClientTest() throws Exception {
        slack = new SlackStub();
    }

    @AfterEach
    void tearDown() {
        slack.close();
        logs.close();
    }

    private SlackClient client(int attempts, Duration maxTime, Duration timeout) {
        RetryPolicy policy = new RetryPolicy(attempts, maxTime, Duration.ofMillis(500), Duration.ofSeconds(8), timeout);
        // jitter 0.5: every backoff is exactly 3/4 of its exponential value
        return new SlackClient(SlackClient.httpClient(policy), policy, time, time, () -> 0.5);
    }

    private SlackClient client() {
        return client(6, Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    private Webhook webhook() {
        return Webhook.parse(slack.url(), "test");
    }

    @Test
    void shouldPostJsonToTheWebhookWhenSlackAnswersOk() throws Exception {
        DeliveryResult result = client().post(webhook(), "{\"text\":\"hi\"}");

        assertThat(result).isEqualTo(new DeliveryResult(true, 1, 200, ""));
        assertThat(slack.requests).containsExactly(new SlackStub.Request(SlackStub.SECRET_PATH, "{\"text\":\"hi\"}"));
    }

    @Test
    void shouldRetryWithExponentialBackoffWhenSlackAnswers500ThenOk() throws Exception {
        slack.then(Reply.status(500, "oops"), Reply.status(503, "busy"));

        DeliveryResult result = client().post(webhook(), "{}");

        assertThat(result.delivered()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
        // 500 ms then 1 s, each at 3/4 by the jitter draw 0.5
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750));
        assertThat(slack.requests).hasSize(3);
    }

    @Test
    void shouldWaitRetryAfterSecondsWhenSlackAnswers429() throws Exception {
        slack.then(Reply.tooMany("7"));

        DeliveryResult result = client().post(webhook(), "{}");

        assertThat(result.delivered()).isTrue();
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void shouldGiveUpAtOnceWhenRetryAfterExceedsTheBudget() throws Exception {
        slack.then(Reply.tooMany("120"));

        DeliveryResult result =
                client(6, Duration.ofSeconds(60), Duration.ofSeconds(5)).post(webhook(), "{}");

        assertThat(result.delivered()).isFalse();
        assertThat(result.status()).isEqualTo(429);
        assertThat(result.reason()).contains("retry budget of PT1M exhausted").contains("HTTP 429");
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void shouldRetryAndThenFailWhenSlackNeverAnswers() throws Exception {
        slack.then(Reply.hang(), Reply.hang());

        DeliveryResult result =
                client(2, Duration.ofSeconds(60), Duration.ofMillis(200)).post(webhook(), "{}");

        assertThat(result.delivered()).isFalse();
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.status()).isZero();
        assertThat(result.reason()).isEqualTo("gave up after 2 attempts: timed out after PT0.2S");
    }

    @Test
    void shouldNotRetryWhenSlackRefusesPermanently() throws Exception {
        slack.then(Reply.status(404, "no_service"));

        DeliveryResult result = client().post(webhook(), "{}");

        assertThat(result).isEqualTo(new DeliveryResult(false, 1, 404, "HTTP 404 (permanent): no_service"));
        assertThat(slack.requests).hasSize(1);
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void shouldStopAfterTheLastAttemptWhenSlackKeepsFailing() throws Exception {
        slack.then(Reply.status(500, ""), Reply.status(500, ""), Reply.status(500, ""));

        DeliveryResult result =
                client(3, Duration.ofSeconds(60), Duration.ofSeconds(5)).post(webhook(), "{}");

        assertThat(result.delivered()).isFalse();
        assertThat(result.reason()).isEqualTo("gave up after 3 attempts: HTTP 500");
        assertThat(slack.requests).hasSize(3);
    }

    @Test
    void shouldNeverLogOrReportTheWebhookUrlWhenThingsFail() throws Exception {
        // the body echoes the URL, as a misbehaving proxy might; the unreachable port gives a connect error
        slack.then(Reply.status(500, "bad gateway for " + slack.url()), Reply.status(400, "invalid " + slack.url()));
        Webhook closed = Webhook.parse("http://127.0.0.1:1" + SlackStub.SECRET_PATH, "test");

        List<DeliveryResult> results = List.of(
                client().post(webhook(), "{}"),
                client(2, Duration.ofSeconds(60), Duration.ofSeconds(2)).post(closed, "{}"));

        assertThat(results).allMatch(r -> !r.delivered());
        List<String> everything = new java.util.ArrayList<>(logs.lines());
        results.forEach(r -> everything.add(r.reason()));
        everything.add(webhook().toString());
        assertThat(everything).isNotEmpty().noneMatch(line -> line.contains("SECRET") || line.contains("sEcReT"));
        assertThat(logs.lines()).anyMatch(line -> line.contains("http://127.0.0.1:1/services/T…/…"));
    }

    @Test
    void shouldRedactWebhookToSchemeHostAndFirstSegment() {
        assertThat(Webhook.parse("https://hooks.slack.com/services/T0001/B0002/XXXX", "k")
                        .redacted())
                .isEqualTo("https://hooks.slack.com/services/T…/…");
        assertThat(Webhook.parse("https://example.com/secret", "k").toString()).isEqualTo("https://example.com/…");
    }

    @Test
    void shouldCapAndJitterTheBackoff() {
        RetryPolicy policy = new RetryPolicy(
                10, Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(1));

        assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(250));
        assertThat(policy.backoff(1, 0.999)).isBetween(Duration.ofMillis(499), Duration.ofMillis(500));
        assertThat(policy.backoff(4, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(40, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(40, 0.999)).isBetween(Duration.ofMillis(7990), Duration.ofSeconds(8));
    }
}
