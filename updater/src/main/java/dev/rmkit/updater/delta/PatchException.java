package dev.rmkit.updater.delta;

/** A patch that cannot be applied: malformed, for another base, or not producing the expected file. */
public final class PatchException extends Exception {
    private static final long serialVersionUID = 1L;

    public PatchException(String message) {
        super(message);
    }

    public PatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
