package dev.rmkit.rm.windows;

import java.util.Optional;
import java.util.function.IntPredicate;

/** The kernel32 calls of the application side: restart registration, shutdown order, console handler. */
interface ProcessApi {

    /** RegisterApplicationRestart; returns the HRESULT. */
    int registerApplicationRestart(String arguments, int flags);

    /** UnregisterApplicationRestart; returns the HRESULT. */
    int unregisterApplicationRestart();

    boolean setProcessShutdownParameters(int level, int flags);

    /** {level, flags} as GetProcessShutdownParameters reports them, or the default {0x280, 0}. */
    int[] processShutdownParameters();

    /** Adds a console control handler (kept reachable for the life of the process). */
    boolean setConsoleCtrlHandler(IntPredicate handler);

    /**
     * What another process registered for restart, read through one process handle: its creation
     * time (GetProcessTimes), its image (QueryFullProcessImageName) and the argument string
     * (GetApplicationRestartSettings). Empty if it cannot be opened or registered nothing. The caller
     * compares the creation time with the one it knows, because the pid may since belong to another
     * process; the open handle keeps the three answers about one and the same process.
     */
    Optional<Registration> restartRegistration(long pid);

    /**
     * @param startFileTime the process's creation time as a 64-bit FILETIME
     * @param image its full image path
     * @param arguments its registered restart arguments
     */
    record Registration(long startFileTime, String image, String arguments) {}
}
