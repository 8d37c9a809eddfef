package dev.rmkit.rm;

/**
 * How {@link RestartSession#shutdown} may close applications ({@code RM_SHUTDOWN_TYPE}). With no
 * option the shutdown is graceful: a refusal closes nothing.
 */
public enum ShutdownOption implements NativeFlag {
    /** Close applications that refuse or hang (after a timeout). A veto no longer protects anything. */
    FORCE(0x1),
    /** Close nothing unless every affected application is registered for restart. */
    ONLY_REGISTERED(0x10);

    private final int bit;

    ShutdownOption(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
