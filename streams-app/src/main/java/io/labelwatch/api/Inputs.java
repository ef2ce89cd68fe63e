package io.labelwatch.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Validation of path segments and query parameters; every failure is a 400 with a message naming the input. */
final class Inputs {
    private static final Pattern ALERT_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}-[0-9a-f]{16}");
    private static final int MAX_NAME = 200;

    private Inputs() {}

    /**
     * A pipeline, class or annotator name as it appears in events: non-blank, at most 200 characters, no control
     * characters, and (for pipelines and classes, which are parts of a chart key) neither {@code /} nor {@code @}.
     */
    static String name(String value, String what, boolean slashAllowed) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(what + " is missing");
        }
        if (value.length() > MAX_NAME) {
            throw ApiException.badRequest(what + " is longer than " + MAX_NAME + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '@' || (!slashAllowed && c == '/')) {
                throw ApiException.badRequest(what + " '" + printable(value) + "' contains a character ("
                        + (Character.isISOControl(c) ? "control" : "'" + c + "'") + ") that no " + what + " has");
            }
        }
        return value;
    }

    /** Alert ids are {@code <metric>-<16 hex>} (see {@code AlertIds}). */
    static String alertId(String value) {
        if (value == null || !ALERT_ID.matcher(value).matches()) {
            throw ApiException.badRequest("malformed alert id '" + printable(value)
                    + "': expected <metric>-<16 hex digits>, e.g. error-rate-0123456789abcdef");
        }
        return value;
    }

    /** An instant as epoch milliseconds or ISO-8601 ({@code 2026-01-01T00:00:00Z}); null when absent. */
    static Long instant(String value, String param) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.matches("-?\\d{1,19}")) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(param + "=" + printable(value) + " is out of range");
            }
        }
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw ApiException.badRequest(param + "=" + printable(value)
                    + " is neither epoch milliseconds nor an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }

    /** {@code [from, to]} in epoch millis, defaults open; 400 when from is after to. */
    static long[] range(String from, String to) {
        Long f = instant(from, "from");
        Long t = instant(to, "to");
        long lo = f == null ? 0 : Math.max(0, f);
        long hi = t == null ? Long.MAX_VALUE : t;
        if (f != null && t != null && f > t) {
            throw ApiException.badRequest("from (" + from + ") is after to (" + to + ")");
        }
        if (hi < 0) {
            throw ApiException.badRequest("to (" + to + ") is before 1970");
        }
        return new long[] {lo, hi};
    }

    /** {@code value} cut to 80 characters, control characters replaced: safe to echo in an error message. */
    static String printable(String value) {
        if (value == null) {
            return "";
        }
        String cut = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
