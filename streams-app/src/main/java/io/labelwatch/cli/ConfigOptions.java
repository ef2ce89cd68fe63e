package io.labelwatch.cli;

import io.labelwatch.config.ConfigException;
import io.labelwatch.config.LabelwatchConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that talks to Kafka shares: a config file and the two addresses people override most. */
final class ConfigOptions {
    @Option(
            names = {"-c", "--config"},
            paramLabel = "FILE",
            description = "Properties or YAML file; LABELWATCH_* environment variables override it.")
    Path configFile;

    @Option(
            names = {"-b", "--bootstrap-server"},
            paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (overrides bootstrap.servers).")
    String bootstrapServers;

    @Option(
            names = {"-r", "--registry-url"},
            paramLabel = "URL",
            description = "Schema registry URL (overrides schema.registry.url); mock://NAME for an in-memory one.")
    String registryUrl;

    LabelwatchConfig load() {
        return load(Map.of());
    }

    LabelwatchConfig load(Map<String, String> extra) {
        Map<String, String> overrides = new LinkedHashMap<>(extra);
        if (bootstrapServers != null) {
            overrides.put("bootstrap.servers", bootstrapServers);
        }
        if (registryUrl != null) {
            overrides.put("schema.registry.url", registryUrl);
        }
        try {
            return LabelwatchConfig.load(configFile, System.getenv(), overrides);
        } catch (ConfigException e) {
            throw new UserException(e.getMessage());
        }
    }
}
