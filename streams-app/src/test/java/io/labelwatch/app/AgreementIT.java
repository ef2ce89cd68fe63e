package io.labelwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.labelwatch.codec.AvroTrust;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.embedded.ApicurioRegistry;
import io.labelwatch.embedded.EmbeddedKafkaBroker;
import io.labelwatch.events.AlertScope;
import io.labelwatch.events.AlertStatus;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.LabelEvent;
import io.labelwatch.events.Metric;
import io.labelwatch.events.Modality;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.registry.AvroSerde;
import io.labelwatch.testing.ApicurioExtension;
import io.labelwatch.testing.EmbeddedKafkaExtension;
import io.labelwatch.topology.TopicNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agreement end to end on a real broker and the real schema registry: overlapping labels in, agreement chart
 * points and an AGREEMENT alert out when annotators stop agreeing.
 */
@ExtendWith({EmbeddedKafkaExtension.class, ApicurioExtension.class})
class AgreementIT {
    private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
    private static final List<String> CLASSES =
            List.of("vehicle.car", "vehicle.truck", "human.pedestrian.adult", "movable_object.barrier");
    private static final int WINDOWS = 8;
    private static final int DROP_FROM = 5;
    private static final int PARTITIONS = 3;

    private final EmbeddedKafkaBroker broker;
    private final ApicurioRegistry registry;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    java.nio.file.Path dir;

    AgreementIT(EmbeddedKafkaBroker broker, ApicurioRegistry registry) {
        AvroTrust.trustLabelwatchEvents();
        this.broker = broker;
        this.registry = registry;
    }

    /** 40 units of 3 annotators per window; before the drop 1 label in 20 differs, after it 1 in 2. */
    private static List<LabelEvent> window(int k, SplittableRandom random) {
        List<LabelEvent> out = new ArrayList<>();
        for (int u = 0; u < 40; u++) {
            String truth = CLASSES.get(random.nextInt(CLASSES.size()));
            for (int a = 0; a < 3; a++) {
                double wrong = k < DROP_FROM ? 0.05 : 0.5;
                String label = random.nextDouble() < wrong ? CLASSES.get(random.nextInt(CLASSES.size())) : truth;
                String id = "w" + k + "-u" + u + "-a" + a;
                out.add(LabelEvent.newBuilder()
                        .setEventId(id)
                        .setUnitId("w" + k + "-u" + u)
                        .setItemId("frame-" + k)
                        .setPipeline("lidar-3d-cuboids")
                        .setModality(Modality.LIDAR)
                        .setTaxonomyVersion("nuscenes-v1.0")
                        .setClassLabel(label)
                        .setAnnotatorId("vendor-a/ann-" + ((u + a) % 9))
                        .setVendor("vendor-a")
                        .setTaskId("task")
                        .setGuidelineVersion("g1")
                        .setToolVersion("tool-1")
                        .setExpectedAnnotations(3)
                        .setGoldLabel(null)
                        .setGeometry(null)
                        .setLabeledAt(T0.plus(Duration.ofHours(k)).plusSeconds(60L * u + a))
                        .build());
            }
        }
        return out;
    }

    /** Units charted in window k summed over the per-top-level-class agreement charts (each unit is in one). */
    private static long unitsByTopLevelClass(List<ChartPoint> points, int k) {
        return points.stream()
                .filter(p -> p.getMetric() == Metric.AGREEMENT
                        && p.getClassLabel() != null
                        && p.getWindowStart().equals(T0.plus(Duration.ofHours(k))))
                .mapToLong(ChartPoint::getN)
                .sum();
    }

    @Test
    void shouldChartAgreementAndAlertWhenAnnotatorsStopAgreeing() throws Exception {
        Map<String, String> settings = new TreeMap<>();
        settings.put("bootstrap.servers", broker.bootstrapServers());
        settings.put("schema.registry.url", registry.ccompatUrl());
        settings.put("application.id", "labelwatch-agreement-it-" + suffix);
        settings.put("state.dir", dir.resolve("state").toString());
        settings.put("commit.interval.ms", "200");
        for (String topic : List.of("labels", "reviews", "taxonomy", "chart-points", "alerts", "dlq", "commands")) {
            settings.put("labelwatch.topic." + topic, "ag-" + suffix + "-" + topic);
        }
        settings.put("labelwatch.http.port", "0");
        settings.put("labelwatch.window.size", "PT1H");
        settings.put("labelwatch.window.grace", "PT10M");
        settings.put("labelwatch.spc.baseline.windows", "3");
        settings.put("labelwatch.agreement.min-units", "10");
        LabelwatchConfig config = LabelwatchConfig.of(settings);
        TopicNames topics = TopicNames.from(config);
        // Three labels partitions, all produced in seconds: agreement windows must close on the slowest
        // partition's progress, not on the newest unit seen, or the other partitions' units count as late.
        broker.createTopics(topics.specs(PARTITIONS, (short) 1));
        Map<String, Object> registryConfig = Map.of("schema.registry.url", registry.ccompatUrl());

        try (LabelwatchApp app = LabelwatchApp.start(config, Clock.systemUTC());
                KafkaProducer<String, LabelEvent> producer = new KafkaProducer<>(
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                        new StringSerializer(),
                        AvroSerde.specific(LabelEvent.class, registryConfig, false)
                                .serializer())) {
            SplittableRandom random = new SplittableRandom(7);
            for (int k = 0; k < WINDOWS; k++) {
                for (LabelEvent label : window(k, random)) {
                    producer.send(new ProducerRecord<>(topics.labels(), label.getUnitId(), label));
                }
            }
            // A complete unit three hours later on every labels partition moves each past the last window.
            for (int partition = 0; partition < PARTITIONS; partition++) {
                for (int a = 0; a < 3; a++) {
                    LabelEvent tick = LabelEvent.newBuilder(
                                    window(0, new SplittableRandom(1)).get(0))
                            .setEventId("tick-" + partition + "-" + a)
                            .setUnitId("tick-" + partition)
                            .setAnnotatorId("vendor-a/ann-" + a)
                            .setLabeledAt(T0.plus(Duration.ofHours(WINDOWS + 3)).plusSeconds(a))
                            .build();
                    producer.send(new ProducerRecord<>(topics.labels(), partition, tick.getUnitId(), tick));
                }
            }
            producer.flush();

            List<ChartPoint> points = new ArrayList<>();
            List<QualityAlert> alerts = new ArrayList<>();
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "ag-reader-" + suffix);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            var pointValues =
                    AvroSerde.specific(ChartPoint.class, registryConfig, false).deserializer();
            var alertValues = AvroSerde.specific(QualityAlert.class, registryConfig, false)
                    .deserializer();
            try (KafkaConsumer<String, byte[]> consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(topics.chartPoints(), topics.alerts()));
                await().atMost(Duration.ofSeconds(120)).until(() -> {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        if (r.topic().equals(topics.chartPoints())) {
                            points.add(pointValues.deserialize(r.topic(), r.value()));
                        } else {
                            alerts.add(alertValues.deserialize(r.topic(), r.value()));
                        }
                    }
                    return points.stream()
                                            .filter(p -> p.getMetric() == Metric.AGREEMENT && p.getClassLabel() == null)
                                            .count()
                                    >= WINDOWS
                            && unitsByTopLevelClass(points, 0) == 40
                            && alerts.stream()
                                    .anyMatch(a -> a.getMetric() == Metric.AGREEMENT && a.getClassLabel() == null);
                });
            }

            List<ChartPoint> agreement = points.stream()
                    .filter(p -> p.getMetric() == Metric.AGREEMENT && p.getClassLabel() == null)
                    .toList();
            assertThat(agreement).allMatch(p -> p.getChartKey().equals("AGREEMENT/lidar-3d-cuboids/*"));
            assertThat(agreement).extracting(ChartPoint::getN).containsOnly(40L);
            assertThat(points)
                    .filteredOn(p -> p.getMetric() == Metric.AGREEMENT && p.getClassLabel() != null)
                    .extracting(ChartPoint::getChartKey)
                    .contains("AGREEMENT/lidar-3d-cuboids/vehicle", "AGREEMENT/lidar-3d-cuboids/human");
            assertThat(agreement.get(0).getValue()).isGreaterThan(0.8);
            assertThat(agreement.get(DROP_FROM).getValue()).isLessThan(0.667);
            assertThat(agreement.get(DROP_FROM).getSignals()).contains("BELOW_FLOOR");
            QualityAlert alert = alerts.stream()
                    .filter(a -> a.getMetric() == Metric.AGREEMENT
                            && a.getScope() == AlertScope.CHART
                            && a.getClassLabel() == null)
                    .findFirst()
                    .orElseThrow();
            assertThat(alert.getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(alert.getRules()).contains("BELOW_FLOOR");
            assertThat(alert.getWindowStart()).isEqualTo(T0.plus(Duration.ofHours(DROP_FROM)));
        }
    }
}
