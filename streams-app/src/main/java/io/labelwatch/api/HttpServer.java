package io.labelwatch.api;

import io.javalin.Javalin;
import io.labelwatch.config.ConfigKeys;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.topology.TopicNames;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The application's one HTTP server: {@code /metrics} (Prometheus), {@code /health/live}, {@code /health/ready}, the
 * {@code /api/v1} JSON API over the state stores and the status page.
 */
public final class HttpServer {
    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final LabelwatchConfig config;
    private Javalin javalin;
    private Producer<String, String> producer;
    private int boundPort;

    private HttpServer(LabelwatchConfig config, PrometheusMeterRegistry registry) {
        this.config = config;
        this.host = config.string(ConfigKeys.HTTP_HOST);
        this.port = config.integer(ConfigKeys.HTTP_PORT);
        this.registry = registry;
        this.boundPort = port == 0 ? io.labelwatch.embedded.Ports.freePort() : port;
    }

    public static HttpServer create(LabelwatchConfig config, PrometheusMeterRegistry registry) {
        return new HttpServer(config, registry);
    }

    /** host:port other instances use to reach this one (Kafka Streams' application.server). */
    public String advertisedHostAndPort() {
        String advertised = host;
        if ("0.0.0.0".equals(host)) {
            try {
                advertised = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                advertised = "localhost";
            }
        }
        return advertised + ":" + boundPort;
    }

    public String url() {
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + boundPort;
    }

    public void start(KafkaStreams streams, TopicNames topics, Supplier<KafkaStreams.State> state) {
        StoreApi api = new StoreApi(
                streams,
                new Cluster(streams, advertisedHostAndPort()),
                new BearerAuth(
                        config.optionalString(ConfigKeys.HTTP_TOKEN).orElse(null),
                        config.flag(ConfigKeys.HTTP_PROTECT_READS)),
                topics,
                this::commandProducer,
                Clock.systemUTC());
        javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get(
                    "/metrics",
                    ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                            .result(registry.scrape()));
            cfg.routes.get("/health/live", ctx -> ctx.json(java.util.Map.of("status", "UP")));
            cfg.routes.get("/health/ready", ctx -> {
                KafkaStreams.State s = state.get();
                boolean ready = s == KafkaStreams.State.RUNNING && api.queryable();
                if (!ready) {
                    ctx.header("Retry-After", Integer.toString(ApiException.RETRY_AFTER_SECONDS));
                }
                ctx.status(ready ? 200 : 503)
                        .json(java.util.Map.of("status", ready ? "UP" : "DOWN", "streams", s.name()));
            });
            StatusPage.register(cfg.routes);
            api.register(cfg.routes);
        });
        javalin.start(host, boundPort);
    }

    /** The producer of operator commands, made on first use: the HTTP layer's own, never the topology's. */
    private synchronized Producer<String, String> commandProducer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>(config.kafkaProperties());
            props.keySet().retainAll(ProducerConfig.configNames());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
            props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    public void stop() {
        if (javalin != null) {
            javalin.stop();
        }
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
                producer = null;
            }
        }
    }
}
