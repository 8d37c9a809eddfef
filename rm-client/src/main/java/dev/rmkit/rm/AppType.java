package dev.rmkit.rm;

/**
 * What kind of application holds a resource ({@code RM_APP_TYPE}). The type decides how the
 * application can be shut down: an {@link #UNKNOWN} app only by a forced shutdown, a {@link #CRITICAL}
 * one not at all (a reboot is needed).
 */
public enum AppType {
    /** Can only be shut down by a forced shutdown. */
    UNKNOWN(0),
    /** A stand-alone process with a top-level window (Linux: a cooperating app registered with rmkit). */
    MAIN_WINDOW(1),
    /** Not stand-alone; no top-level window of its own. */
    OTHER_WINDOW(2),
    /** A service (Windows service; Linux: a systemd system or user service). */
    SERVICE(3),
    /** Windows Explorer. */
    EXPLORER(4),
    /** A console application (Linux: a process with a controlling terminal). */
    CONSOLE(5),
    /** Cannot be shut down: a critical system process, no permission, or the caller itself. */
    CRITICAL(1000);

    private final int nativeValue;

    AppType(int nativeValue) {
        this.nativeValue = nativeValue;
    }

    /** The {@code RM_APP_TYPE} value. */
    public int nativeValue() {
        return nativeValue;
    }

    /** Decodes an {@code RM_APP_TYPE}; values this library does not know map to {@link #UNKNOWN}. */
    public static AppType fromNative(int value) {
        for (AppType t : values()) {
            if (t.nativeValue == value) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
