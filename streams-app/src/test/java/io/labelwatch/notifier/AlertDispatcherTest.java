package io.labelwatch.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.events.SafetyCriticality;
import io.labelwatch.notifier.AlertDispatcher.Kind;
import io.labelwatch.notifier.AlertDispatcher.Outcome;
import io.labelwatch.notifier.SlackStub.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertDispatcherTest {
    private static final String TEAM_PATH = "/services/T1/B1/team";
    private static final String PAGER_PATH = "/services/T1/B2/pager";

    private final FakeTime time = new FakeTime(Instant.parse("2026-03-01T12:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private final SlackStub slack;

    AlertDispatcherTest() throws Exception {
        slack = new SlackStub();
    }

    @AfterEach
    void tearDown() {
        slack.close();
    }

    private AlertDispatcher<String> dispatcher(Duration groupWait, int groupMax, int attempts) {
        RetryPolicy policy = new RetryPolicy(
                attempts, Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
        SlackRouter router = new SlackRouter(Map.of("*.CRITICAL", slack.url(PAGER_PATH)), slack.url(TEAM_PATH));
        return new AlertDispatcher<>(
                router,
                new SlackMessages(null, null),
                new SlackClient(SlackClient.httpClient(policy), policy, time, time, () -> 0.5),
                time,
                time,
                groupWait,
                groupMax,
                1.0,
                1,
                new SentAlerts(100));
    }

    private static QualityAlert high(String id, String pipeline) {
        return TestAlerts.firing(id)
                .setPipeline(pipeline)
                .setSeverity(SafetyCriticality.HIGH)
                .build();
    }

    @Test
    void shouldPostAlertsOfOnePipelineAsOneMessageWhenTheyArriveWithinTheGroupWait() throws Exception {
        AlertDispatcher<String> dispatcher = dispatcher(Duration.ofSeconds(30), 8, 3);
        assertThat(dispatcher.offer(high("a1", "cam"), "r1")).isEmpty();
        time.advance(Duration.ofSeconds(10));
        dispatcher.offer(high("a2", "cam"), "r2");
        dispatcher.offer(high("a3", "lidar"), "r3");

        assertThat(dispatcher.flushDue()).isEmpty();
        assertThat(dispatcher.nextDue()).contains(Instant.parse("2026-03-01T12:00:30Z"));
        time.advance(Duration.ofSeconds(20));
        List<Outcome<String>> firstFlush = dispatcher.flushDue();

        assertThat(firstFlush).extracting(Outcome::handle).containsExactly("r1", "r2");
        assertThat(firstFlush).extracting(Outcome::kind).containsOnly(Kind.DELIVERED);
        assertThat(slack.requests).hasSize(1);
        JsonNode message = json.readTree(slack.requests.get(0).body());
        assertThat(message.get("blocks").get(0).get("text").get("text").asText())
                .contains("2 alerts · cam");
        assertThat(dispatcher.pending()).isEqualTo(1);

        time.advance(Duration.ofSeconds(10));
        assertThat(dispatcher.flushDue()).extracting(Outcome::handle).containsExactly("r3");
        assertThat(slack.requests).hasSize(2);
    }

    @Test
    void shouldSendAtOnceWhenTheGroupIsFull() throws Exception {
        AlertDispatcher<String> dispatcher = dispatcher(Duration.ofSeconds(30), 2, 3);
        dispatcher.offer(high("a1", "cam"), "r1");
        dispatcher.offer(high("a2", "cam"), "r2");
        dispatcher.offer(high("a3", "cam"), "r3");

        assertThat(dispatcher.flushDue()).extracting(Outcome::handle).containsExactly("r1", "r2");
        assertThat(dispatcher.pending()).isEqualTo(1);
    }

    @Test
    void shouldRouteEachGroupToItsWebhookWhenSeveritiesDiffer() throws Exception {
        AlertDispatcher<String> dispatcher = dispatcher(Duration.ZERO, 8, 3);
        dispatcher.offer(TestAlerts.alert("crit"), "r1");
        dispatcher.offer(high("high", "camera-2d-boxes"), "r2");

        dispatcher.flushDue();

        assertThat(slack.requests).extracting(SlackStub.Request::path).containsExactly(PAGER_PATH, TEAM_PATH);
    }

    @Test
    void shouldSpaceMessagesToOneWebhookByTheRateLimit() throws Exception {
        AlertDispatcher<String> dispatcher = dispatcher(Duration.ZERO, 1, 3);
        dispatcher.offer(high("a1", "cam"), "r1");
        dispatcher.offer(high("a2", "cam"), "r2");
        dispatcher.offer(high("a3", "cam"), "r3");

        dispatcher.flushDue();

        assertThat(slack.requests).hasSize(3);
        assertThat(time.sleeps).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void shouldSkipAStateAlreadyPostedAndPostEveryLaterState() throws Exception {
        AlertDispatcher<String> dispatcher = dispatcher(Duration.ZERO, 8, 3);
        dispatcher.offer(high("a1", "cam"), "r1");
        dispatcher.flushDue();

        assertThat(dispatcher.offer(high("a1", "cam"), "r1-again"))
                .map(Outcome::kind)
                .contains(Kind.DUPLICATE);
        QualityAlert update = TestAlerts.firing("a1")
                .setPipeline("cam")
                .setSeverity(SafetyCriticality.HIGH)
                .setOccurrences(2)
                .build();
        QualityAlert resolved = TestAlerts.firing("a1")
                .setPipeline("cam")
                .setSeverity(SafetyCriticality.HIGH)
                .setStatus(AlertStatus.RESOLVED)
                .setResolvedAt(TestAlerts.WINDOW_END)
                .setOccurrences(2)
                .build();
        assertThat(dispatcher.offer(update, "r2")).isEmpty();
        dispatcher.flushDue();
        assertThat(dispatcher.offer(resolved, "r3")).isEmpty();
        dispatcher.flushDue();
        assertThat(dispatcher.offer(update, "r2-late")).map(Outcome::kind).contains(Kind.DUPLICATE);

        assertThat(slack.requests).hasSize(3);
    }

    @Test
    void shouldPostOnlyTheLatestStateWhenTwoStatesOfAnAlertWaitInOneGroup() throws Exception {
        AlertDispatcher<String> dispatcher = dispatcher(Duration.ofSeconds(30), 8, 3);
        dispatcher.offer(high("a1", "cam"), "r1");
        dispatcher.offer(
                TestAlerts.firing("a1")
                        .setPipeline("cam")
                        .setSeverity(SafetyCriticality.HIGH)
                        .setOccurrences(2)
                        .build(),
                "r2");

        List<Outcome<String>> outcomes = dispatcher.flushAll();

        assertThat(outcomes).extracting(Outcome::handle).containsExactly("r1", "r2");
        assertThat(outcomes).allMatch(o -> o.alert().getOccurrences() == 2 && o.kind() == Kind.DELIVERED);
        assertThat(slack.requests).hasSize(1);
    }

    @Test
    void shouldReportFailureWithReasonForEveryAlertOfTheGroupWhenSlackRefuses() throws Exception {
        slack.then(Reply.status(403, "invalid_token"));
        AlertDispatcher<String> dispatcher = dispatcher(Duration.ZERO, 8, 3);
        dispatcher.offer(high("a1", "cam"), "r1");
        dispatcher.offer(high("a2", "cam"), "r2");

        List<Outcome<String>> outcomes = dispatcher.flushDue();

        assertThat(outcomes).extracting(Outcome::kind).containsOnly(Kind.FAILED);
        assertThat(outcomes).extracting(Outcome::reason).containsOnly("HTTP 403 (permanent): invalid_token");
        assertThat(dispatcher.offer(high("a1", "cam"), "r1-again")).isEmpty(); // not remembered as posted
    }

    @Test
    void shouldReportUnroutedAtOnceWhenNoWebhookFits() {
        AlertDispatcher<String> dispatcher = new AlertDispatcher<>(
                new SlackRouter(Map.of("cam.LOW", slack.url()), null),
                new SlackMessages(null, null),
                SlackClient.create(new RetryPolicy(
                        1, Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1))),
                time,
                time,
                Duration.ZERO,
                8,
                1,
                1,
                new SentAlerts(10));

        assertThat(dispatcher.offer(high("a1", "cam"), "r1")).map(Outcome::kind).contains(Kind.UNROUTED);
    }

    @Test
    void shouldRefillTheBucketAtItsRateUpToTheBurst() {
        TokenBucket bucket = new TokenBucket(2.0, 3, time);

        assertThat(List.of(bucket.reserve(), bucket.reserve(), bucket.reserve(), bucket.reserve()))
                .containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(500));
        time.advance(Duration.ofSeconds(10));
        assertThat(List.of(bucket.reserve(), bucket.reserve(), bucket.reserve(), bucket.reserve()))
                .containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(500));
    }
}
