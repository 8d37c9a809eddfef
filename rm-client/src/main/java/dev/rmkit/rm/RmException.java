package dev.rmkit.rm;

import java.util.Objects;

/**
 * An rm-client action failed. Carries the operation ({@code "RmShutdown"}, {@code "register for
 * restart"}...) and, where the platform gave one, the native error code (Win32 error or errno);
 * {@link #errorCode()} is 0 when there is none.
 */
public class RmException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String operation;
    private final int errorCode;

    public RmException(String operation, int errorCode, String message) {
        this(operation, errorCode, message, null);
    }

    public RmException(String operation, int errorCode, String message, Throwable cause) {
        super(operation + ": " + message + (errorCode != 0 ? " (error " + errorCode + ")" : ""), cause);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.errorCode = errorCode;
    }

    public RmException(String operation, String message) {
        this(operation, 0, message, null);
    }

    public RmException(String operation, String message, Throwable cause) {
        this(operation, 0, message, cause);
    }

    public String operation() {
        return operation;
    }

    public int errorCode() {
        return errorCode;
    }
}
