package io.labelwatch.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;

/**
 * Connection settings of a schema registry client, parsed from Kafka-style configs with the
 * Confluent key names.
 *
 * <p>{@code schema.registry.url} is one URL or several comma-separated ones (tried in turn on
 * failure). A URL may carry credentials ({@code https://user:pass@host}); they are removed from the
 * URL kept here and used only when {@code basic.auth.credentials.source=URL}. {@link #toString()}
 * never shows credentials or passwords.
 *
 * @param urls base URLs without credentials, without a trailing slash
 * @param userInfo {@code user:password} for basic auth, or null
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout time allowed for one request until the response headers arrive
 * @param maxRetries retry rounds after the first attempt (each round tries every URL once)
 * @param retryWait backoff before the first retry round, doubled each round
 * @param retryMaxWait cap of one backoff
 * @param totalTimeout bound of one call over all attempts and backoffs
 * @param ssl TLS key and trust stores, or null for the JDK defaults
 */
public record RegistryConfig(
        List<URI> urls,
        String userInfo,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxRetries,
        Duration retryWait,
        Duration retryMaxWait,
        Duration totalTimeout,
        SslSettings ssl) {

    public static final String URL = "schema.registry.url";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Prefix under which the client-level keys are also accepted (takes precedence). */
    public static final String PREFIX = "schema.registry.";

    public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "http.read.timeout.ms";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    public static final String RETRIES_TOTAL_TIMEOUT_MS = "retries.total.timeout.ms";

    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";

    /**
     * Every key the client reads, in the form a Labelwatch configuration passes it: the HTTP and retry settings under
     * {@link #PREFIX} (a bare {@code max.retries} would be ambiguous among Kafka client settings, so the bare forms are
     * read only when a caller passes them to a serde directly, as Confluent's serdes allow).
     */
    public static final List<String> KEYS = List.of(
            URL,
            BASIC_AUTH_CREDENTIALS_SOURCE,
            BASIC_AUTH_USER_INFO,
            PREFIX + CONNECT_TIMEOUT_MS,
            PREFIX + REQUEST_TIMEOUT_MS,
            PREFIX + MAX_RETRIES,
            PREFIX + RETRIES_WAIT_MS,
            PREFIX + RETRIES_MAX_WAIT_MS,
            PREFIX + RETRIES_TOTAL_TIMEOUT_MS,
            SSL_TRUSTSTORE_LOCATION,
            SSL_TRUSTSTORE_PASSWORD,
            SSL_TRUSTSTORE_TYPE,
            SSL_KEYSTORE_LOCATION,
            SSL_KEYSTORE_PASSWORD,
            SSL_KEYSTORE_TYPE,
            SSL_KEY_PASSWORD);

    static final long DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
    static final long DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
    static final int DEFAULT_MAX_RETRIES = 3;
    static final long DEFAULT_RETRIES_WAIT_MS = 250;
    static final long DEFAULT_RETRIES_MAX_WAIT_MS = 5_000;
    static final long DEFAULT_RETRIES_TOTAL_TIMEOUT_MS = 60_000;

    public RegistryConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new ConfigException(URL, "", "at least one schema registry URL is required");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryWait, "retryWait");
        Objects.requireNonNull(retryMaxWait, "retryMaxWait");
        Objects.requireNonNull(totalTimeout, "totalTimeout");
    }

    /** TLS stores; a null location means "not configured". */
    public record SslSettings(
            String truststoreLocation,
            String truststorePassword,
            String truststoreType,
            String keystoreLocation,
            String keystorePassword,
            String keystoreType,
            String keyPassword) {
        @Override
        public String toString() {
            return "SslSettings[truststore=" + truststoreLocation + ", keystore=" + keystoreLocation + "]";
        }
    }

    /** Parses the registry settings out of Kafka-style configs. */
    public static RegistryConfig from(Map<String, ?> configs) {
        String raw = string(configs, URL, null);
        if (raw == null || raw.isBlank()) {
            throw new ConfigException(URL, raw, "missing: set it to the registry's base URL(s) or mock://<scope>");
        }
        List<URI> urls = new ArrayList<>();
        String urlUserInfo = null;
        for (String part : raw.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            URI uri = parse(trimmed);
            if (uri.getRawUserInfo() != null) {
                urlUserInfo = uri.getUserInfo();
            }
            urls.add(withoutUserInfo(uri));
        }
        String source = clientString(configs, BASIC_AUTH_CREDENTIALS_SOURCE, "");
        String userInfo;
        switch (source.trim().toUpperCase(Locale.ROOT)) {
            case "" -> userInfo = null;
            case "USER_INFO" -> {
                userInfo = clientString(configs, BASIC_AUTH_USER_INFO, null);
                if (userInfo == null || !userInfo.contains(":")) {
                    throw new ConfigException(
                            BASIC_AUTH_USER_INFO, "(hidden)", "must be user:password when the source is USER_INFO");
                }
            }
            case "URL" -> {
                if (urlUserInfo == null) {
                    throw new ConfigException(
                            BASIC_AUTH_CREDENTIALS_SOURCE,
                            source,
                            "source URL needs credentials in the URL: https://user:password@host");
                }
                userInfo = urlUserInfo;
            }
            default ->
                throw new ConfigException(
                        BASIC_AUTH_CREDENTIALS_SOURCE, source, "supported values are USER_INFO and URL");
        }
        SslSettings ssl = null;
        String trustLocation = string(configs, SSL_TRUSTSTORE_LOCATION, null);
        String keyLocation = string(configs, SSL_KEYSTORE_LOCATION, null);
        if (notBlank(trustLocation) || notBlank(keyLocation)) {
            ssl = new SslSettings(
                    notBlank(trustLocation) ? trustLocation : null,
                    string(configs, SSL_TRUSTSTORE_PASSWORD, null),
                    string(configs, SSL_TRUSTSTORE_TYPE, "JKS"),
                    notBlank(keyLocation) ? keyLocation : null,
                    string(configs, SSL_KEYSTORE_PASSWORD, null),
                    string(configs, SSL_KEYSTORE_TYPE, "JKS"),
                    string(configs, SSL_KEY_PASSWORD, null));
        }
        return new RegistryConfig(
                urls,
                userInfo,
                Duration.ofMillis(clientLong(configs, CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, 1)),
                Duration.ofMillis(clientLong(configs, REQUEST_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, 1)),
                (int) clientLong(configs, MAX_RETRIES, DEFAULT_MAX_RETRIES, 0),
                Duration.ofMillis(clientLong(configs, RETRIES_WAIT_MS, DEFAULT_RETRIES_WAIT_MS, 0)),
                Duration.ofMillis(clientLong(configs, RETRIES_MAX_WAIT_MS, DEFAULT_RETRIES_MAX_WAIT_MS, 0)),
                Duration.ofMillis(clientLong(configs, RETRIES_TOTAL_TIMEOUT_MS, DEFAULT_RETRIES_TOTAL_TIMEOUT_MS, 1)),
                ssl);
    }

    @Override
    public String toString() {
        return "RegistryConfig[urls=" + urls + ", basicAuth=" + (userInfo != null) + ", requestTimeout="
                + requestTimeout + ", maxRetries=" + maxRetries + ", totalTimeout=" + totalTimeout + ", ssl=" + ssl
                + "]";
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(URL, redact(url), "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ConfigException(URL, redact(url), "expected http(s)://host[:port][/path] or mock://<scope>");
        }
        return uri;
    }

    private static URI withoutUserInfo(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + port + path);
    }

    /** Removes {@code user:pass@} from a URL string so it can appear in a message. */
    static String redact(String url) {
        return url.replaceAll("//[^/@]*@", "//");
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String clientString(Map<String, ?> configs, String key, String fallback) {
        String prefixed = string(configs, PREFIX + key, null);
        return prefixed != null ? prefixed : string(configs, key, fallback);
    }

    private static long clientLong(Map<String, ?> configs, String key, long fallback, long min) {
        String prefixedKey = PREFIX + key;
        String usedKey = configs.containsKey(prefixedKey) ? prefixedKey : key;
        String raw = string(configs, usedKey, null);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(usedKey, raw, "not a whole number");
        }
        if (value < min) {
            throw new ConfigException(usedKey, raw, "must be at least " + min);
        }
        return value;
    }

    static String string(Map<String, ?> configs, String key, String fallback) {
        Object value = configs.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof org.apache.kafka.common.config.types.Password password) {
            return password.value();
        }
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }
}
