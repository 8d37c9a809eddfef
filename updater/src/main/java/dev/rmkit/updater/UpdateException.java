package dev.rmkit.updater;

import java.util.Objects;

/**
 * A typed updater failure. Each kind carries the exit code it ends the run with, and its message
 * names the reason (for verification failures: the expected and the actual value).
 */
public abstract sealed class UpdateException extends Exception
        permits UpdateException.Usage,
                UpdateException.Rejected,
                UpdateException.Unavailable,
                UpdateException.ApplyFailed,
                UpdateException.Deferred,
                UpdateException.PermissionDenied,
                UpdateException.CorruptState,
                UpdateException.Interrupted {
    private static final long serialVersionUID = 1L;

    private UpdateException(String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
    }

    /**
     * The failure to read one of the install's state files: a damaged file is {@link CorruptState}, a
     * denied one {@link PermissionDenied}, anything else {@link ApplyFailed}; nothing was changed.
     */
    public static UpdateException stateUnreadable(String what, java.io.IOException e) {
        if (e instanceof dev.rmkit.updater.install.CorruptStateFile) {
            return new CorruptState(e.getMessage() + "; nothing was changed (restore the file, or move it away to "
                    + "let the updater treat the install as new)", e);
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return new PermissionDenied("cannot read " + what + ": " + Problems.describe(e), e);
        }
        return new ApplyFailed("cannot read " + what + ": " + Problems.describe(e) + "; nothing was changed", e);
    }

    /** The exit code this failure ends the run with. */
    public abstract ExitCode exitCode();

    /** Bad usage: a missing path, an invalid option value. */
    public static final class Usage extends UpdateException {
        private static final long serialVersionUID = 1L;

        public Usage(String message) {
            super(message, null);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.USAGE;
        }
    }

    /** The manifest or a payload was rejected (signature, key, product, version, expiry, schema, hash, size, path). */
    public static final class Rejected extends UpdateException {
        private static final long serialVersionUID = 1L;

        public Rejected(String message) {
            super(message, null);
        }

        public Rejected(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.REJECTED;
        }
    }

    /** The manifest or a payload could not be fetched, after retries. */
    public static final class Unavailable extends UpdateException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.UNAVAILABLE;
        }
    }

    /** Apply failed and was rolled back: the install is exactly as before. */
    public static final class ApplyFailed extends UpdateException {
        private static final long serialVersionUID = 1L;

        public ApplyFailed(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.FAILED;
        }
    }

    /** Deferred: an app refused to close, or another updater holds the install's lock. Nothing changed. */
    public static final class Deferred extends UpdateException {
        private static final long serialVersionUID = 1L;

        public Deferred(String message) {
            super(message, null);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.DEFERRED;
        }
    }

    /** The updater lacks a permission it needs (install directory, holder processes). */
    public static final class PermissionDenied extends UpdateException {
        private static final long serialVersionUID = 1L;

        public PermissionDenied(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.NO_PERMISSION;
        }
    }

    /** The install's own state (installed.json, the journal) cannot be read: nothing was changed. */
    public static final class CorruptState extends UpdateException {
        private static final long serialVersionUID = 1L;

        public CorruptState(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.CORRUPT_STATE;
        }
    }

    /** A signal stopped the run at a safe point, before the swap: nothing was changed. */
    public static final class Interrupted extends UpdateException {
        private static final long serialVersionUID = 1L;
        private final Interruption.Signal signal;

        public Interrupted(Interruption.Signal signal, String message) {
            super(message, null);
            this.signal = signal;
        }

        @Override
        public ExitCode exitCode() {
            return signal.exitCode();
        }
    }
}
