package io.labelwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry client's TLS settings against a loopback HTTPS registry stub whose certificate (for 127.0.0.1) is made
 * with the JDK's keytool: a truststore holding that certificate completes the handshake, one holding another does not.
 */
class RegistryTlsTest {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path stores;

    private HttpsServer server;

    @BeforeAll
    static void makeStores() throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                "registry",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                "server.p12",
                "-storepass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "registry",
                "-keystore",
                "server.p12",
                "-storepass",
                PASSWORD,
                "-file",
                "server.crt");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "registry",
                "-file",
                "server.crt",
                "-storetype",
                "PKCS12",
                "-keystore",
                "trusted.p12",
                "-storepass",
                PASSWORD);
        keytool(
                "-genkeypair",
                "-alias",
                "stranger",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                "stranger.p12",
                "-storepass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "stranger",
                "-keystore",
                "stranger.p12",
                "-storepass",
                PASSWORD,
                "-file",
                "stranger.crt");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "stranger",
                "-file",
                "stranger.crt",
                "-storetype",
                "PKCS12",
                "-keystore",
                "untrusted.p12",
                "-storepass",
                PASSWORD);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(stores.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }

    @BeforeEach
    void startHttpsRegistry() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(stores.resolve("server.p12"))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = "[\"annotation.labels-value\"]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopHttpsRegistry() {
        server.stop(0);
    }

    private HttpSchemaRegistryClient client(String truststore) {
        return new HttpSchemaRegistryClient(RegistryConfig.from(Map.of(
                RegistryConfig.URL,
                "https://127.0.0.1:" + server.getAddress().getPort(),
                RegistryConfig.MAX_RETRIES,
                "0",
                RegistryConfig.SSL_TRUSTSTORE_LOCATION,
                stores.resolve(truststore).toString(),
                RegistryConfig.SSL_TRUSTSTORE_PASSWORD,
                PASSWORD,
                RegistryConfig.SSL_TRUSTSTORE_TYPE,
                "PKCS12")));
    }

    @Test
    void shouldCompleteTheHandshakeAndReadTheAnswerWhenTheTruststoreHoldsTheRegistrysCertificate() {
        assertThat(client("trusted.p12").subjects()).containsExactly("annotation.labels-value");
    }

    @Test
    void shouldRefuseTheRegistryWhenTheTruststoreDoesNotHoldItsCertificate() {
        assertThatThrownBy(() -> client("untrusted.p12").subjects())
                .isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("https://127.0.0.1:" + server.getAddress().getPort())
                .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(SSLHandshakeException.class));
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
