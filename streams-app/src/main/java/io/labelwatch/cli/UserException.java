package io.labelwatch.cli;

/**
 * A failure the user can act on (bad input, unreachable broker). The CLI prints its message as one line and exits with
 * {@link #exitCode()}; it never prints a stack trace.
 */
public class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserException(String message) {
        this(message, Main.EXIT_USAGE);
    }

    public UserException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public UserException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
