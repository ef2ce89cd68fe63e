package io.labelwatch.embedded;

/** A fixed port asked for by the caller is taken by another process. */
public final class PortInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int port;

    PortInUseException(int port, Throwable cause) {
        super("port " + port + " on 127.0.0.1 is already in use", cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
