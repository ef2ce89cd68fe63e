package io.labelwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusServerTest {

    @Test
    void shouldReturnUpForItsOwnJobWhenScrapingItself() {
        try (PrometheusServer prometheus = PrometheusServer.scrapingItself()) {
            prometheus.awaitTargetUp(Duration.ofSeconds(30));

            PrometheusServer.QueryResult up = prometheus.query("up{job=\"prometheus\"}");

            assertThat(up.resultType()).isEqualTo("vector");
            assertThat(up.seriesCount()).isEqualTo(1);
            assertThat(up.result().get(0).path("metric").path("instance").asText())
                    .isEqualTo("127.0.0.1:" + prometheus.port());
            assertThat(up.result().get(0).path("value").get(1).asText()).isEqualTo("1");
        }
    }

    @Test
    void shouldReportBadDataWhenQueryDoesNotParse() {
        try (PrometheusServer prometheus = PrometheusServer.scrapingItself()) {
            assertThatThrownBy(() -> prometheus.query("sum(rate(up[5m])"))
                    .isInstanceOfSatisfying(PrometheusServer.QueryException.class, e -> {
                        assertThat(e.errorType()).isEqualTo("bad_data");
                        assertThat(e.httpStatus()).isEqualTo(400);
                    });
        }
    }

    @Test
    void shouldReturnEmptyResultWhenNoSeriesMatch() {
        try (PrometheusServer prometheus = PrometheusServer.scrapingItself()) {
            assertThat(prometheus.query("labelwatch_no_such_metric").isEmpty()).isTrue();
            assertThat(prometheus.query("vector(1)").isEmpty()).isFalse();
        }
    }

    @Test
    void shouldListenOnLoopbackOnlyAndStopWhenClosed() throws Exception {
        URI ready;
        try (PrometheusServer prometheus = PrometheusServer.scrapingItself()) {
            ready = prometheus.baseUri().resolve("/-/ready");
            assertThat(prometheus.baseUri().getHost()).isEqualTo("127.0.0.1");
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        }
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void shouldQuoteTargetWhenGeneratingScrapeConfig() throws Exception {
        String config = PrometheusServer.scrapeConfig("labelwatch", "127.0.0.1:8080", "/metrics");
        Path file = Files.createTempFile("scrape", ".yml");
        try {
            Files.writeString(file, config);
            Path promtool = ExternalBinary.require("promtool", "prometheus");
            ExternalCommand.Result check = ExternalCommand.run(
                    file.getParent(), java.util.List.of(promtool.toString(), "check", "config", file.toString()));
            assertThat(check.exitCode()).as(check.describe()).isZero();
            assertThat(config).contains("job_name: \"labelwatch\"").contains("targets: [\"127.0.0.1:8080\"]");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
