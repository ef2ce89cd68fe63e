package io.labelwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Field;
import java.time.Duration;
import kafka.server.KafkaRaftServer;
import kafka.server.SharedServer;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.server.fault.FaultHandler;
import org.junit.jupiter.api.Test;

/**
 * A fatal fault inside the broker goes through Kafka's own {@code ProcessTerminatingFaultHandler}, which calls {@code
 * Exit.halt(1)}. Without {@link FatalExitGuard} that halt would end this test JVM and surefire would report a crashed
 * fork instead of a pass.
 */
class EmbeddedKafkaBrokerFatalFaultTest {

    @Test
    void shouldFailTheBrokerAndKeepTheJvmWhenKafkaHitsAFatalFault() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, null)) {
            FaultHandler fatal = sharedServer(broker.kafkaServer()).fatalQuorumControllerFaultHandler();

            fatal.handleFault("simulated fatal controller fault", new IllegalStateException("simulated"));

            assertThat(broker.failure())
                    .hasValueSatisfying(
                            reason -> assertThat(reason).contains("halt").contains("status 1"));
            assertThat(broker.isRunning()).isFalse();
            // The broker shuts down off Kafka's thread; its temporary log directory goes last.
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(broker.dataDir()).doesNotExist());

            // A Kafka thread that outlives its broker must not halt the JVM either.
            Exit.halt(1, "simulated late fault after the broker closed");
            assertThat(broker.failure())
                    .hasValueSatisfying(reason -> assertThat(reason).doesNotContain("late fault"));
        }
    }

    @Test
    void shouldStayClosedAndHealthyWhenClosedTwice() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(0, null);
        broker.close();
        broker.close();

        assertThat(broker.isRunning()).isFalse();
        assertThat(broker.failure()).isEmpty();
    }

    private static SharedServer sharedServer(KafkaRaftServer server) throws ReflectiveOperationException {
        // KafkaRaftServer keeps its SharedServer private; the fault handlers we want to trigger hang off it.
        Field field = KafkaRaftServer.class.getDeclaredField("sharedServer");
        field.setAccessible(true);
        return (SharedServer) field.get(server);
    }
}
