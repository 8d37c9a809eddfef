package dev.rmkit.rm;

/**
 * When an application does not want to be restarted ({@code RESTART_NO_*} of
 * RegisterApplicationRestart). An updater honours {@link #NO_PATCH}; a reboot honours {@link #NO_REBOOT}.
 */
public enum RestartFlag implements NativeFlag {
    /** Not after a crash. */
    NO_CRASH(0x1),
    /** Not after it hung. */
    NO_HANG(0x2),
    /** Not after an update closed it. */
    NO_PATCH(0x4),
    /** Not after a reboot caused by an update. */
    NO_REBOOT(0x8);

    private final int bit;

    RestartFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
