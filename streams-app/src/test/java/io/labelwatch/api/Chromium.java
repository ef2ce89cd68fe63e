package io.labelwatch.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Debian's headless Chromium, run once per page: {@code --dump-dom} for the rendered DOM, or a screenshot. */
final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {}

    /** Skips the calling test where Chromium is absent, except on CI ({@code CI=true}), where it must be installed. */
    static void assumeInstalled() {
        if (!Files.isExecutable(BINARY)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(
                        BINARY + " is missing on CI: .ci/run must install the Debian package chromium");
            }
            Assumptions.abort(BINARY + " is absent: install Debian's chromium to run the browser test");
        }
    }

    /** The DOM after the page's scripts ran for 5 s of virtual time. */
    static String dumpDom(String url, Path profile) {
        return run(url, profile, "--dump-dom");
    }

    static void screenshot(String url, Path profile, Path png) {
        run(url, profile, "--screenshot=" + png.toAbsolutePath());
    }

    private static String run(String url, Path profile, String action) {
        List<String> command = new ArrayList<>(List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1400,1000",
                "--virtual-time-budget=5000",
                action,
                url));
        try {
            Path out = Files.createTempFile("chromium", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(false)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish within 90 s: " + command);
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            Files.deleteIfExists(out);
            if (process.exitValue() != 0) {
                throw new AssertionError("chromium exited with " + process.exitValue() + ": " + command);
            }
            return stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running chromium", e);
        }
    }
}
