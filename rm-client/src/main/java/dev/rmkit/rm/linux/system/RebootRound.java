package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartFlag;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.proc.ProcFs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What Windows' {@code InitiateShutdown(SHUTDOWN_RESTARTAPPS)} does to registered apps before the
 * reboot: the {@link EndSessionRound} with no flags (like a system restart's WM_QUERYENDSESSION;
 * {@code critical} when forced), then, for each app that ended its session, its restart command is
 * recorded durably unless it opted out with {@code no-reboot}.
 */
public final class RebootRound {

    /** ERROR_FAIL_SHUTDOWN: an application refused. */
    public static final int ERROR_FAIL_SHUTDOWN = EndSessionRound.ERROR_FAIL_SHUTDOWN;

    private final EndSessionRound round;

    RebootRound(ProcFs proc, LinuxConfig config, int uid) {
        this.round = new EndSessionRound(proc, config, uid);
    }

    /** The runtime directories a reboot asks: {@code own}, then each {@code USERS/UID/rmkit} that exists. */
    static List<Path> runtimeDirs(Path own, Optional<Path> usersRoot) throws RmException {
        return EndSessionRound.runtimeDirs(own, usersRoot);
    }

    /**
     * Asks, ends and closes every cooperating app registered in {@code runtimeDirs}; records the
     * restartable ones; returns the records.
     */
    List<RecordedApp> run(boolean force, RestartList list, String bootId, List<Path> runtimeDirs) throws RmException {
        Set<EndSessionFlag> flags = force ? EnumSet.of(EndSessionFlag.CRITICAL) : EnumSet.noneOf(EndSessionFlag.class);
        List<RecordedApp> recorded = new ArrayList<>();
        for (EndSessionRound.Ended e : round.run("reboot", flags, force, runtimeDirs)) {
            Optional<RestartCommand> command = e.app().registration().flatMap(r -> r.entry().restartCommand())
                    .filter(c -> !c.flags().contains(RestartFlag.NO_REBOOT));
            if (command.isPresent()) {
                RecordedApp r = RecordedApp.of(e.app(), command.get(), LinuxOwner.of(e.app(), e.environment()), bootId);
                try {
                    list.add(r);
                } catch (IOException x) {
                    throw new RmException("reboot", "cannot record " + e.app().app().name() + " for restart after the boot in "
                            + list.dir() + ": " + x.getMessage() + "; not rebooting", x);
                }
                recorded.add(r);
            }
        }
        return recorded;
    }
}
