package io.labelwatch.demo;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast simulated time runs against the wall clock, written {@code SIMULATED/WALL} as in {@code 1h/10s} (one
 * simulated hour every ten wall seconds). Durations are {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 2d}
 * or ISO-8601 ({@code PT1H}).
 *
 * @param simulated simulated time that passes ...
 * @param wall ... per this much wall time
 */
public record Speed(Duration simulated, Duration wall) {
    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");

    public Speed {
        if (simulated.isNegative() || simulated.isZero() || wall.isNegative() || wall.isZero()) {
            throw new IllegalArgumentException("both sides of a speed must be positive durations");
        }
    }

    /** Parses {@code 1h/10s}; throws {@link IllegalArgumentException} with a one-line message. */
    public static Speed parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("speed must be SIMULATED/WALL such as 1h/10s, was '" + text + "'");
        }
        return new Speed(duration(text.substring(0, slash)), duration(text.substring(slash + 1)));
    }

    /** Parses {@code 10s}, {@code 1.5h}, {@code 2d}, {@code 500ms} or ISO-8601 {@code PT1H}. */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            double value = Double.parseDouble(m.group(1));
            double millis = switch (m.group(2)) {
                case "ms" -> value;
                case "s" -> value * 1_000;
                case "m" -> value * 60_000;
                case "h" -> value * 3_600_000;
                default -> value * 86_400_000;
            };
            return Duration.ofMillis(Math.round(millis));
        }
        try {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration (use 10s, 5m, 1h, 2d, 500ms or PT1H)", e);
        }
    }

    /** Simulated milliseconds per wall millisecond. */
    public double ratio() {
        return (double) simulated.toMillis() / wall.toMillis();
    }

    /** The simulated time that corresponds to {@code wallElapsed}. */
    public Duration simulatedFor(Duration wallElapsed) {
        return Duration.ofMillis((long) Math.floor(wallElapsed.toMillis() * ratio()));
    }

    /** The wall time that {@code simulatedElapsed} takes. */
    public Duration wallFor(Duration simulatedElapsed) {
        return Duration.ofMillis((long) Math.ceil(simulatedElapsed.toMillis() / ratio()));
    }

    @Override
    public String toString() {
        return format(simulated) + "/" + format(wall);
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
