package dev.authbisect.core;

/**
 * An error that ends a command with a given exit code and one line for the user. The core
 * throws it (or a typed subclass) for bad input; the CLI prints {@link #getMessage()} alone.
 */
public class ExitException extends RuntimeException {
    private final int code;

    public ExitException(int code, String message) {
        super(message);
        this.code = code;
    }

    public ExitException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** A usage or config error (exit 2). */
    public static ExitException usage(String message) {
        return new ExitException(ExitCodes.USAGE, message);
    }

    public int code() {
        return code;
    }
}
