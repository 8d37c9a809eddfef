package dev.rmkit.updater;

import java.util.Locale;

/**
 * The outcome of an {@code updater} run, as the process exit code.
 *
 * <p>Linux and macOS use the BSD {@code sysexits.h} values; Windows uses the Windows Installer
 * convention that deployment tools already understand (1618 "another install is running",
 * 3010 "reboot required"...). The table is documented in docs/exit-codes.md and in {@code --help}.
 */
public enum ExitCode {
    /** Updated, or already up to date. */
    OK(0, 0, "updated, or already up to date"),
    /** Bad usage: unknown option, missing argument, a path that does not exist. */
    USAGE(2, 87, "bad usage"),
    /** Manifest or payload rejected: signature, hash, version, expiry, schema. Nothing changed. */
    REJECTED(65, 1620, "manifest or payload rejected (signature, hash, version, expiry, schema)"),
    /** The manifest or a payload could not be fetched after retries. Nothing changed. */
    UNAVAILABLE(69, 1612, "source unavailable after retries"),
    /** Failed during apply and rolled back: the install is unchanged. */
    FAILED(70, 1603, "failed during apply, rolled back, install unchanged"),
    /**
     * Updated, but an application or service it had closed did not start again (Windows: the Restart
     * Manager's ERROR_FAIL_RESTART).
     */
    NOT_RESTARTED(71, 352, "updated, but an application or service did not start again"),
    /** Deferred: an app refused to close, or another update is running. Nothing changed. */
    DEFERRED(75, 1618, "deferred: an app refused to close, or another update is running; nothing changed"),
    /** Permission denied. */
    NO_PERMISSION(77, 5, "permission denied"),
    /**
     * The install's own state ({@code .rmkit/installed.json}, the journal) is damaged: nothing was changed.
     * {@code sysexits.h} EX_CONFIG; Windows Installer's ERROR_BAD_CONFIGURATION (1610).
     */
    CORRUPT_STATE(78, 1610, "the install's state files are damaged; nothing changed"),
    /** Stopped by SIGINT (Ctrl+C) before anything was changed. Windows Installer's ERROR_INSTALL_USEREXIT. */
    INTERRUPTED(130, 1602, "interrupted (SIGINT, Ctrl+C) before anything was changed"),
    /** Stopped by SIGTERM before anything was changed. */
    TERMINATED(143, 1602, "terminated (SIGTERM) before anything was changed"),
    /** Staged, not yet installed: the update finishes at the next boot. */
    REBOOT_REQUIRED(100, 3010, "staged, not yet installed: finishes at the next boot (reboot required)"),
    /** Staged, not yet installed; the reboot that finishes it was started. */
    REBOOT_INITIATED(101, 1641, "staged, not yet installed: reboot initiated to finish it"),
    /**
     * {@code verify}: the installed files do not match the install's record (missing, changed). Not a
     * sysexits value (none means "does not match"), next to the other rmkit-specific 100 and 101;
     * Windows: ERROR_FILE_CORRUPT.
     */
    MISMATCH(102, 1392, "verify: installed files are missing or changed");

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final int posix;
    private final int windows;
    private final String meaning;

    ExitCode(int posix, int windows, String meaning) {
        this.posix = posix;
        this.windows = windows;
        this.meaning = meaning;
    }

    /** The code this process exits with on the running OS. */
    public int code() {
        return WINDOWS ? windows : posix;
    }

    public int posix() {
        return posix;
    }

    public int windows() {
        return windows;
    }

    public String meaning() {
        return meaning;
    }

    /** The exit-code table for {@code --help}, with the running OS's values. */
    public static String helpTable() {
        StringBuilder sb = new StringBuilder();
        for (ExitCode c : values()) {
            sb.append(String.format(Locale.ROOT, "  %4d  %s%n", c.code(), c.meaning));
        }
        return sb.toString();
    }
}
