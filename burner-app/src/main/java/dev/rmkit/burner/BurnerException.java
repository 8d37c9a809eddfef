package dev.rmkit.burner;

import java.util.Objects;

/**
 * A burner action failed in a way the user can act on. Each failure carries its {@link ExitCode};
 * whatever threw it guarantees that nothing already on the disc was changed.
 */
public class BurnerException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public BurnerException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    public BurnerException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** Input data the burner cannot use (bad names, bad job files). */
    public static BurnerException badInput(String message) {
        return new BurnerException(ExitCode.DATA_ERROR, message);
    }

    /** A source file or directory that is missing or unreadable. */
    public static BurnerException missingInput(String message) {
        return new BurnerException(ExitCode.NO_INPUT, message);
    }

    /** The disc image or its table of contents cannot be trusted. */
    public static BurnerException damaged(String message) {
        return new BurnerException(ExitCode.DATA_ERROR, message);
    }

    /** The disc refuses the session (full, closed, wrong disc, not rewritable). */
    public static BurnerException refused(String message) {
        return new BurnerException(ExitCode.DISC_REFUSED, message);
    }

    /** The operating system failed a read or write of the disc image. */
    public static BurnerException io(String message, Throwable cause) {
        return new BurnerException(ExitCode.IO_ERROR, message, cause);
    }
}
