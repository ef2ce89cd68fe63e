package io.labelwatch.notifier;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A Slack incoming-webhook URL. The URL is a secret (whoever has it can post to the channel), so {@link #toString()}
 * gives only the {@link #redacted()} form: logging or formatting a {@code Webhook} by accident cannot leak it. Only
 * {@link SlackClient} reads {@link #uri()}.
 */
public final class Webhook {
    private final URI uri;
    private final String redacted;

    private Webhook(URI uri) {
        this.uri = uri;
        this.redacted = redact(uri);
    }

    /**
     * Parses a webhook URL. The error message names {@code source} (a config key) but never the value.
     *
     * @throws IllegalArgumentException when the value is not an absolute http(s) URL with a host
     */
    public static Webhook parse(String value, String source) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(value, source).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException(source + ": expected an http(s) URL with a host");
        }
        return new Webhook(uri);
    }

    /** The URL itself; for the HTTP request only. */
    URI uri() {
        return uri;
    }

    /**
     * Scheme, host and port, the first path segment, the first character of the second and an ellipsis for the rest,
     * e.g. {@code https://hooks.slack.com/services/T…/…} for {@code https://hooks.slack.com/services/T0001/B0002/XXXX}.
     * The first segment ({@code services}) is not secret and tells a reader what kind of URL it was; the workspace
     * initial tells two routes apart in a log; query and fragment are never shown.
     */
    public String redacted() {
        return redacted;
    }

    /** {@code text} with every occurrence of the URL, and of its path, replaced by the redacted form. */
    public String scrub(String text) {
        if (text == null) {
            return null;
        }
        String out = text.replace(uri.toString(), redacted);
        String path = uri.getRawPath();
        if (path != null && path.length() > 1) {
            out = out.replace(path, "/…");
        }
        return out;
    }

    private static String redact(URI uri) {
        StringBuilder s = new StringBuilder(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            s.append(':').append(uri.getPort());
        }
        List<String> segments = Arrays.stream((uri.getRawPath() == null ? "" : uri.getRawPath()).split("/"))
                .filter(segment -> !segment.isEmpty())
                .toList();
        if (segments.size() == 1) {
            s.append("/…");
        } else if (segments.size() == 2) {
            s.append('/').append(segments.get(0)).append("/…");
        } else if (segments.size() > 2) {
            s.append('/')
                    .append(segments.get(0))
                    .append('/')
                    .append(segments.get(1).charAt(0))
                    .append("…/…");
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Webhook other && other.uri.equals(uri);
    }

    @Override
    public int hashCode() {
        return uri.hashCode();
    }

    @Override
    public String toString() {
        return redacted;
    }
}
