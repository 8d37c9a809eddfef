package dev.rmkit.rm.linux;

import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.RmCancelledException;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.protocol.ControlClient;
import dev.rmkit.rm.linux.protocol.ControlMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Closes one app and waits for it to exit. A cooperating app is told the session ends (it persists and
 * answers), then asked to close (WM_CLOSE); a non-cooperating one gets SIGTERM (the CTRL_C_EVENT
 * analogue). An app still running after the end-session timeout gets SIGTERM; only a forced shutdown then
 * escalates to SIGKILL. Every signal re-checks pid and start tick first.
 */
public final class Closer {

    /** The failure text for "it exited on its own before we closed it". */
    public static final String GONE = "exited before it was closed";

    private final ProcFs proc;
    private final LinuxConfig config;
    private final Operation op;
    private final boolean force;

    public Closer(ProcFs proc, LinuxConfig config, Operation op, boolean force) {
        this.proc = proc;
        this.config = config;
        this.op = op;
        this.force = force;
    }

    /** Closes {@code a}; empty when it exited, else why not ({@link #GONE} if it was gone already). */
    public Optional<String> close(Listed a, Set<EndSessionFlag> flags) throws RmCancelledException {
        op.checkpoint();
        long pid = a.pid();
        long ticks = a.stat().startTicks();
        if (!proc.alive(pid, ticks)) {
            return Optional.of(GONE);
        }
        // A class made now, not a lambda: the first check that finds the app gone is downtime.
        Exited exited = new Exited(pid, ticks);
        if (a.cooperating()) {
            try {
                ControlClient.request(Queries.socket(a), ControlMessage.end(true, flags), config.endSessionTimeout());
                ControlClient.request(Queries.socket(a), ControlMessage.close(), config.queryTimeout());
            } catch (IOException e) {
                // It may have exited in endSession; if not, the signals below take over.
            }
            if (op.await(exited, config.endSessionTimeout())) {
                return Optional.empty();
            }
        }
        Signals.Sent term = Signals.send(proc, pid, ticks, false);
        if (term == Signals.Sent.GONE) {
            return Optional.empty();
        }
        if (term == Signals.Sent.REFUSED) {
            return Optional.of("SIGTERM was refused (no permission)");
        }
        if (op.await(exited, config.endSessionTimeout())) {
            return Optional.empty();
        }
        if (!force) {
            return Optional.of("still running " + seconds(config.endSessionTimeout()) + " after SIGTERM");
        }
        Signals.Sent kill = Signals.send(proc, pid, ticks, true);
        if (kill == Signals.Sent.GONE) {
            return Optional.empty();
        }
        if (op.await(exited, config.killTimeout())) {
            return Optional.empty();
        }
        return Optional.of("still running " + seconds(config.killTimeout()) + " after SIGKILL");
    }

    /** The wait's condition: the process with this pid and start tick no longer runs. */
    final class Exited implements BooleanSupplier {
        private final long pid;
        private final long ticks;

        Exited(long pid, long ticks) {
            this.pid = pid;
            this.ticks = ticks;
        }

        @Override
        public boolean getAsBoolean() {
            return !proc.alive(pid, ticks);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
