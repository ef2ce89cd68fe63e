package io.labelwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command (promtool, amtool) to completion and captures its combined output. */
public final class ExternalCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ExternalCommand() {}

    /** Exit code and combined stdout+stderr of a finished command. */
    public record Result(List<String> command, int exitCode, String output) {
        /** For assertion messages: the command line and everything it printed. */
        public String describe() {
            return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
        }
    }

    /** Runs {@code command} in {@code workDir}; a command still running after 60 s is killed and reported as a failure. */
    public static Result run(Path workDir, List<String> command) {
        Path log = null;
        try {
            log = Files.createTempFile("labelwatch-cmd", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + TIMEOUT);
            }
            return new Result(List.copyOf(command), process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
