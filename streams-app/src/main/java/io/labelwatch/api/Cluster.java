package io.labelwatch.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where a query is answered: by this instance when it owns the key, else by the owning instance (Kafka Streams' key
 * metadata and {@code application.server}), over plain HTTP with the same path. A forwarded request carries
 * {@link #FORWARDED}, and an instance that receives one answers from its own stores or with 503: never forwards again,
 * so two instances with different views of the assignment cannot bounce a request between them.
 */
final class Cluster {
    /** Marks a request sent by another instance: answer locally (list endpoints: only this instance's part). */
    static final String FORWARDED = "X-Labelwatch-Forwarded";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final KafkaStreams streams;
    private final String self;
    private final HttpClient http;

    Cluster(KafkaStreams streams, String self) {
        this.streams = streams;
        this.self = self;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    String self() {
        return self;
    }

    /** The instance that owns {@code key} of {@code store}; 503 while the assignment is unknown. */
    HostInfo owner(String store, String key) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw ApiException.unavailable("Kafka Streams is not running yet (" + streams.state() + ")");
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            throw ApiException.unavailable("the owner of " + key + " is not known yet (rebalancing)");
        }
        return metadata.activeHost();
    }

    boolean isSelf(HostInfo host) {
        return (host.host() + ":" + host.port()).equals(self);
    }

    /**
     * Answers from {@code local} when this instance owns {@code key}; otherwise GETs {@code pathAndQuery} from the
     * owner and relays its answer.
     */
    Answer routed(
            String store,
            String key,
            String pathAndQuery,
            String authorization,
            boolean forwarded,
            Supplier<Answer> local) {
        HostInfo owner = owner(store, key);
        if (isSelf(owner)) {
            return local.get();
        }
        if (forwarded) {
            throw ApiException.unavailable("ownership of " + key + " is moving (rebalancing)");
        }
        return send(owner, "GET", pathAndQuery, authorization, null);
    }

    /** True when this instance has an active task of {@code store}; 503 while Streams is not running. */
    boolean hostsLocally(String store) {
        try {
            for (StreamsMetadata metadata : streams.streamsMetadataForStore(store)) {
                if (isSelf(metadata.hostInfo())) {
                    return true;
                }
            }
            return false;
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw ApiException.unavailable("Kafka Streams is not running yet (" + streams.state() + ")");
        }
    }

    /** Every instance of the application, this one included; 503 while none is known. */
    List<HostInfo> instances() {
        Set<HostInfo> hosts = new LinkedHashSet<>();
        try {
            for (StreamsMetadata metadata : streams.metadataForAllStreamsClients()) {
                hosts.add(metadata.hostInfo());
            }
        } catch (InvalidStateStoreException | IllegalStateException e) {
            throw ApiException.unavailable("Kafka Streams is not running yet (" + streams.state() + ")");
        }
        if (hosts.isEmpty()) {
            throw ApiException.unavailable("no instance owns any partition yet (rebalancing)");
        }
        return new ArrayList<>(hosts);
    }

    /**
     * The answers of every instance to {@code pathAndQuery}: this instance's from {@code local}, the others' over
     * HTTP marked as forwarded (so each answers only for itself). A failed instance fails the whole answer with 503:
     * a partial list would look complete.
     */
    List<String> gather(String pathAndQuery, String authorization, Supplier<String> local) {
        List<String> bodies = new ArrayList<>();
        for (HostInfo host : instances()) {
            if (isSelf(host)) {
                bodies.add(local.get());
            } else {
                Answer answer = send(host, "GET", pathAndQuery, authorization, null);
                if (answer.status() != 200) {
                    throw new ApiException(
                            answer.status() == 503 ? 503 : 502,
                            "instance " + host.host() + ":" + host.port() + " answered " + answer.status());
                }
                bodies.add(answer.body());
            }
        }
        return bodies;
    }

    /** One request to another instance, marked as forwarded; 503 when it cannot be reached. */
    Answer send(HostInfo host, String method, String pathAndQuery, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(TIMEOUT)
                .header(FORWARDED, self)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            throw ApiException.unavailable("instance " + host.host() + ":" + host.port() + " cannot be reached ("
                    + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while asking " + host.host() + ":" + host.port());
        }
    }
}
