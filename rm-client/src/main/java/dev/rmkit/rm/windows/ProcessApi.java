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

    /** GetApplicationRestartSettings of another process: the registered argument string, if any. */
    Optional<String> restartArguments(long pid);

    /** QueryFullProcessImageName of a process. */
    Optional<String> imagePath(long pid);
}
