package io.labelwatch.api;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The status page: one HTML file, a script and a stylesheet from {@code src/main/resources/status/}, no build step and
 * no external links, so it works offline. Everything it shows comes from {@code /api/v1}.
 */
final class StatusPage {

    private StatusPage() {}

    static void register(JavalinDefaultRoutingApi routes) {
        byte[] html = load("index.html");
        byte[] js = load("app.js");
        byte[] css = load("style.css");
        routes.get("/", ctx -> serve(ctx, html, "text/html; charset=utf-8"));
        routes.get("/status/app.js", ctx -> serve(ctx, js, "text/javascript; charset=utf-8"));
        routes.get("/status/style.css", ctx -> serve(ctx, css, "text/css; charset=utf-8"));
    }

    private static void serve(Context ctx, byte[] content, String type) {
        ctx.header("Cache-Control", "no-cache").contentType(type).result(content);
    }

    private static byte[] load(String name) {
        try (InputStream in = StatusPage.class.getResourceAsStream("/status/" + name)) {
            if (in == null) {
                throw new IllegalStateException("status page resource /status/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
