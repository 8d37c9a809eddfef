package dev.rmkit.rm;

/** One bit of an application's status history in a session ({@code RM_APP_STATUS}). */
public enum AppStatus implements NativeFlag {
    RUNNING(0x1),
    STOPPED(0x2),
    /** Stopped by something other than this session. */
    STOPPED_OTHER(0x4),
    RESTARTED(0x8),
    /** Could not be stopped, or refused to stop. */
    ERROR_ON_STOP(0x10),
    ERROR_ON_RESTART(0x20),
    /** A no-shutdown filter kept it running. */
    SHUTDOWN_MASKED(0x40),
    /** A no-restart filter kept it from being restarted. */
    RESTART_MASKED(0x80);

    private final int bit;

    AppStatus(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
