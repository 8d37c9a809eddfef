package dev.rmkit.rm;

/**
 * Why closing applications cannot free the registered resources, so only a reboot can
 * ({@code RM_REBOOT_REASON}). A non-empty set means: do not shut down, schedule the work for a reboot.
 */
public enum RebootReason implements NativeFlag {
    /** A holder could not be inspected or signalled (Linux: an unreadable /proc entry). */
    PERMISSION_DENIED(0x1),
    /** A holder runs in another user or terminal session. */
    SESSION_MISMATCH(0x2),
    /** A holder is a critical process (PID 1, a kernel thread). */
    CRITICAL_PROCESS(0x4),
    /** A holder is a critical service. */
    CRITICAL_SERVICE(0x8),
    /** The calling process itself holds a registered resource. */
    DETECTED_SELF(0x10);

    private final int bit;

    RebootReason(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
