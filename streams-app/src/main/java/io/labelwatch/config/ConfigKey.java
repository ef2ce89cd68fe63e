package io.labelwatch.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One documented configuration key.
 *
 * @param name the key, e.g. {@code labelwatch.window.size}; for a {@link #prefix} key the part before the user's suffix
 * @param type how the value parses
 * @param defaultValue the default as written in a file, or null when the key is optional without default
 * @param doc one sentence for the configuration reference
 * @param check an extra check on the parsed value, or null
 * @param checkDescription what {@link #check} requires, for the error message
 * @param prefix true when the key takes a user-chosen suffix, e.g. {@code labelwatch.spc.p0.<pipeline>.<class>}
 */
public record ConfigKey(
        String name,
        KeyType type,
        String defaultValue,
        String doc,
        Predicate<Object> check,
        String checkDescription,
        boolean prefix) {

    static ConfigKey of(String name, KeyType type, String defaultValue, String doc) {
        return new ConfigKey(name, type, defaultValue, doc, null, null, false);
    }

    ConfigKey requiring(String description, Predicate<Object> check) {
        return new ConfigKey(name, type, defaultValue, doc, check, description, prefix);
    }

    ConfigKey asPrefix() {
        return new ConfigKey(name, type, defaultValue, doc, check, checkDescription, true);
    }

    /** True when {@code key} is this key, or, for a prefix key, this key followed by a dot and a suffix. */
    boolean matches(String key) {
        return prefix ? key.startsWith(name + ".") && key.length() > name.length() + 1 : key.equals(name);
    }

    /** The environment variable that overrides this key: {@code LABELWATCH_} + upper case, {@code .}/{@code -} as {@code _}. */
    public String environmentName() {
        return environmentName(name);
    }

    static String environmentName(String key) {
        String bare = key.startsWith("labelwatch.") ? key.substring("labelwatch.".length()) : key;
        return "LABELWATCH_" + bare.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    Object parse(String key, String raw) {
        Object value = type.parse(key, raw);
        if (check != null && !check.test(value)) {
            throw new ConfigException("invalid value " + KeyType.shown(key, raw) + " for config key '" + key
                    + "': expected " + checkDescription);
        }
        return value;
    }

    static Predicate<Object> oneOf(List<String> allowed) {
        return v -> allowed.contains(v.toString().toUpperCase(Locale.ROOT));
    }
}
