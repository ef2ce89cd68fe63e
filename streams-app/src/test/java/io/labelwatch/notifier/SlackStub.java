package io.labelwatch.notifier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback Slack incoming-webhook endpoint with scripted replies (default 200 "ok"); records what was posted. */
final class SlackStub implements AutoCloseable {
    /** A secret-looking path; tests check it never shows up in logs or reasons. */
    static final String SECRET_PATH = "/services/T0SECRET1/B0SECRET2/xOxOsEcReTtOkEn";

    record Reply(int status, Map<String, String> headers, String body, boolean hangs) {
        static Reply ok() {
            return new Reply(200, Map.of(), "ok", false);
        }

        static Reply status(int status, String body) {
            return new Reply(status, Map.of(), body, false);
        }

        static Reply tooMany(String retryAfter) {
            return new Reply(429, Map.of("Retry-After", retryAfter), "rate_limited", false);
        }

        static Reply hang() {
            return new Reply(0, Map.of(), "", true);
        }
    }

    record Request(String path, String body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    SlackStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The webhook URL of {@code path} on this stub. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    String url() {
        return url(SECRET_PATH);
    }

    SlackStub then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    List<String> bodies() {
        List<String> out = new ArrayList<>();
        requests.forEach(r -> out.add(r.body()));
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestURI().getPath(), body));
        Reply reply = script.pollFirst();
        if (reply == null) {
            reply = Reply.ok();
        }
        if (reply.hangs()) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
