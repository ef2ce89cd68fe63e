package io.labelwatch.config;

/** A configuration problem, worded for the person who wrote the config: it names the key and the value. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
