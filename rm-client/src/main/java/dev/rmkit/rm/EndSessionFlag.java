package dev.rmkit.rm;

/**
 * Why the session is ending ({@code ENDSESSION_*} in WM_QUERYENDSESSION's lParam). No flag at all
 * means a system shutdown or restart.
 */
public enum EndSessionFlag implements NativeFlag {
    /** An installer wants to close this application to update it (Restart Manager). */
    CLOSE_APP(0x1),
    /** The application is forced to end; a veto will be ignored. */
    CRITICAL(0x40000000),
    /** The user is logging off. */
    LOGOFF(0x80000000);

    private final int bit;

    EndSessionFlag(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
