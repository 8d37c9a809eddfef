package dev.rmkit.rm.linux;

import dev.rmkit.rm.linux.proc.ProcFs;
import java.util.Optional;

/**
 * Sends SIGTERM or SIGKILL to a process only if it is still the process that was listed: same pid, same
 * start tick. {@link ProcessHandle#destroy()} sends SIGTERM and {@link ProcessHandle#destroyForcibly()}
 * SIGKILL, and the JDK checks the handle's own start time once more just before {@code kill(2)}.
 */
final class Signals {

    private Signals() {}

    /** The outcome of one signal. */
    enum Sent { SENT, GONE, REFUSED }

    static Sent send(ProcFs proc, long pid, long startTicks, boolean kill) {
        if (!proc.alive(pid, startTicks)) {
            return Sent.GONE;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty() || !proc.alive(pid, startTicks)) {
            return Sent.GONE;
        }
        boolean ok = kill ? h.get().destroyForcibly() : h.get().destroy();
        if (ok) {
            return Sent.SENT;
        }
        return proc.alive(pid, startTicks) ? Sent.REFUSED : Sent.GONE;
    }
}
