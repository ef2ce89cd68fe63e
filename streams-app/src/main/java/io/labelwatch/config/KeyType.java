package io.labelwatch.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The type of a configuration value: how it is parsed and what a valid value looks like. */
public enum KeyType {
    STRING("a string"),
    INT("a whole number"),
    DOUBLE("a number"),
    BOOLEAN("true or false"),
    /** ISO-8601 duration such as {@code PT1H}, or a shorthand such as {@code 10m}, {@code 2h}, {@code 30s}. */
    DURATION("an ISO-8601 duration such as PT1H, or 10m / 2h / 30s"),
    LIST("a comma-separated list"),
    URL("a URL");

    private final String description;

    KeyType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** Parses {@code raw} or throws a {@link ConfigException} naming {@code key}. */
    Object parse(String key, String raw) {
        String value = raw.trim();
        try {
            return switch (this) {
                case STRING -> value;
                case INT -> Integer.parseInt(value);
                case DOUBLE -> {
                    double d = Double.parseDouble(value);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException();
                    }
                    yield d;
                }
                case BOOLEAN -> parseBoolean(value);
                case DURATION -> parseDuration(value);
                case LIST ->
                    value.isEmpty()
                            ? List.of()
                            : Arrays.stream(value.split(","))
                                    .map(String::trim)
                                    .filter(s -> !s.isEmpty())
                                    .toList();
                case URL -> {
                    URI uri = URI.create(value);
                    if (uri.getScheme() == null) {
                        throw new IllegalArgumentException();
                    }
                    yield value;
                }
            };
        } catch (RuntimeException e) {
            throw new ConfigException(
                    "invalid value " + shown(key, raw) + " for config key '" + key + "': expected " + description);
        }
    }

    /** The value as an error message may show it: secrets (webhooks, tokens, passwords) are never echoed. */
    static String shown(String key, String raw) {
        String k = key.toLowerCase(Locale.ROOT);
        boolean secret = k.contains("webhook") || k.contains("token") || k.contains("password") || k.contains("secret");
        return secret ? "(hidden: the value is a secret)" : "'" + raw + "'";
    }

    private static boolean parseBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(value);
        };
    }

    static Duration parseDuration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            String v = value.toLowerCase(Locale.ROOT);
            if (v.length() < 2) {
                throw e;
            }
            long amount = Long.parseLong(v.substring(0, v.length() - (v.endsWith("ms") ? 2 : 1)));
            if (v.endsWith("ms")) {
                return Duration.ofMillis(amount);
            }
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw e;
            };
        }
    }
}
