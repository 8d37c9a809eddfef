package dev.rmkit.rm;

/**
 * This process as an application that cooperates with installers: it registers how to restart it,
 * answers end-session queries through its {@link EndSessionListener}, and marks busy periods.
 * Close it at exit: the registration and listener go away with it.
 */
public interface CooperatingApp extends AutoCloseable {

    /**
     * Registers (or replaces) the command line that brings this app back with its state.
     *
     * @throws RmException if the platform refuses it, for example a Windows command line over 1024 characters
     */
    void registerRestart(RestartCommand command) throws RmException;

    /** Withdraws the restart registration. */
    void unregisterRestart() throws RmException;

    /** Starts a busy period with a reason (for example "Burning session 3 of 'Photos'"). */
    BusyHandle busy(String reason) throws RmException;

    @Override
    void close();
}
