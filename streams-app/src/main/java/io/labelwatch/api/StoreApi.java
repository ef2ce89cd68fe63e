package io.labelwatch.api;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.labelwatch.codec.JsonAvroCodec;
import io.labelwatch.config.LabelwatchConfig;
import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.QualityAlert;
import io.labelwatch.topology.StoreNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** {@code /api/v1}: JSON over this instance's state stores. */
final class StoreApi {
    private final KafkaStreams streams;

    StoreApi(KafkaStreams streams, LabelwatchConfig config, String self) {
        this.streams = streams;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/api/v1/charts", this::charts);
        routes.get("/api/v1/alerts", this::alerts);
        routes.exception(
                InvalidStateStoreException.class,
                (e, ctx) -> ctx.status(503)
                        .header("Retry-After", "5")
                        .json(Map.of("error", "state stores are not queryable yet (rebalancing or restoring)")));
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return streams.store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
    }

    /** Every chart key with its newest point (from this instance's stores). */
    private void charts(Context ctx) {
        ReadOnlyKeyValueStore<String, ChartPoint> points = store(StoreNames.ERROR_RATE_POINTS);
        Map<String, ChartPoint> latest = new LinkedHashMap<>();
        try (KeyValueIterator<String, ChartPoint> all = points.all()) {
            while (all.hasNext()) {
                KeyValue<String, ChartPoint> entry = all.next();
                latest.put(entry.value.getChartKey(), entry.value);
            }
        }
        List<Object> out = new ArrayList<>();
        latest.values().forEach(p -> out.add(JsonAvroCodec.toJson(p)));
        ctx.contentType("application/json").result(toJson(out));
    }

    private void alerts(Context ctx) {
        String status = ctx.queryParam("status");
        ReadOnlyKeyValueStore<String, QualityAlert> alerts = store(StoreNames.ALERTS);
        List<Object> out = new ArrayList<>();
        try (KeyValueIterator<String, QualityAlert> all = alerts.all()) {
            while (all.hasNext()) {
                QualityAlert alert = all.next().value;
                if (status == null || alert.getStatus().name().equals(status)) {
                    out.add(JsonAvroCodec.toJson(alert));
                }
            }
        }
        ctx.contentType("application/json").result(toJson(out));
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
