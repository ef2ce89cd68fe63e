package io.labelwatch.embedded;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics so that they are usable when the call returns: producing right after creation can otherwise lose
 * records (KAFKA-15591), so it waits until every partition of each topic answers {@code listOffsets}. Used by the
 * embedded broker and by {@code labelwatch topics create} against any cluster.
 */
public final class TopicCreation {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private TopicCreation() {}

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are, and waited for too).
     *
     * @return for each topic name in order, true when this call created it, false when it already existed
     * @throws ExecutionException when the cluster refuses a topic (the cause says why) or a partition cannot be used
     * @throws TimeoutException when creation or the partitions' first answer take longer than {@code timeout}
     */
    public static Map<String, Boolean> createAndAwait(Admin admin, Collection<NewTopic> topics, Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Boolean> created = new LinkedHashMap<>();
        if (topics.isEmpty()) {
            return created;
        }
        for (Map.Entry<String, KafkaFuture<Void>> topic :
                admin.createTopics(topics).values().entrySet()) {
            try {
                topic.getValue().get(remainingMillis(deadline), TimeUnit.MILLISECONDS);
                created.put(topic.getKey(), true);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
                created.put(topic.getKey(), false);
            }
        }
        awaitPartitionsAnswer(admin, List.copyOf(created.keySet()), deadline);
        return created;
    }

    private static void awaitPartitionsAnswer(Admin admin, List<String> names, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        Throwable last = null;
        while (System.nanoTime() < deadline) {
            long probe = Math.min(PROBE_TIMEOUT.toMillis(), remainingMillis(deadline));
            try {
                Map<String, TopicDescription> described =
                        admin.describeTopics(names).allTopicNames().get(probe, TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                described
                        .values()
                        .forEach(topic -> topic.partitions()
                                .forEach(p -> partitions.put(
                                        new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions).all().get(probe, TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw e;
                }
                last = e.getCause();
            } catch (TimeoutException e) {
                last = e;
            }
            // A short backoff between metadata probes; the partitions usually answer within a few hundred ms.
            Thread.sleep(100);
        }
        TimeoutException timeout = new TimeoutException("partitions of " + names + " did not answer listOffsets");
        timeout.initCause(last);
        throw timeout;
    }

    private static long remainingMillis(long deadline) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
