package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartFlag;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.Closer;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.Listed;
import dev.rmkit.rm.linux.Lister;
import dev.rmkit.rm.linux.Operation;
import dev.rmkit.rm.linux.Queries;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.proc.ProcStat;
import dev.rmkit.rm.linux.proc.ProcStatus;
import dev.rmkit.rm.linux.protocol.Registry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Windows' {@code InitiateShutdown(SHUTDOWN_RESTARTAPPS)} does to registered apps before the
 * reboot, for the cooperating apps of one runtime directory: every app is asked (no flags, like a
 * system restart's WM_QUERYENDSESSION; {@code critical} when forced); without force one refusal stops
 * the reboot and the apps that agreed are told it was cancelled; then each app is told the session
 * ends (it persists), closed, and, once it has exited, its restart command is recorded durably
 * unless it opted out with {@code no-reboot}. It reuses the shutdown's {@link Queries} and
 * {@link Closer}, so the protocol, the timeouts and the identity checks are the session's.
 */
public final class RebootRound {

    /** ERROR_FAIL_SHUTDOWN: an application refused. */
    public static final int ERROR_FAIL_SHUTDOWN = 351;
    private static final System.Logger LOG = System.getLogger(RebootRound.class.getName());

    private final ProcFs proc;
    private final LinuxConfig config;
    private final int uid;

    RebootRound(ProcFs proc, LinuxConfig config, int uid) {
        this.proc = proc;
        this.config = config;
        this.uid = uid;
    }

    /** Asks, ends and closes every cooperating app; records the restartable ones; returns the records. */
    List<RecordedApp> run(boolean force, RestartList list, String bootId) throws RmException {
        Registry registry = new Registry(proc, config.runtimeDir());
        registry.cleanStale();
        List<Listed> apps = cooperatingApps(new Lister(proc, registry, uid));
        Operation op = new Operation("reboot");
        Set<EndSessionFlag> flags = force ? EnumSet.of(EndSessionFlag.CRITICAL) : EnumSet.noneOf(EndSessionFlag.class);
        Queries queries = new Queries(config, op);
        Map<Listed, String> refusals = queries.ask(apps, flags, force);
        if (!refusals.isEmpty() && !force) {
            queries.cancelled(apps.stream().filter(a -> !refusals.containsKey(a)).toList(), flags);
            List<String> who = new ArrayList<>();
            refusals.forEach((a, why) -> who.add(a.app().name() + " (pid " + a.pid() + "): " + why));
            throw new RmException("reboot", ERROR_FAIL_SHUTDOWN, "not rebooting: an application refused to end its session - "
                    + String.join("; ", who));
        }
        Closer closer = new Closer(proc, config, op, force);
        List<RecordedApp> recorded = new ArrayList<>();
        for (Listed a : apps) {
            Map<String, String> env = proc.environment(a.pid()).orElse(Map.of());
            Optional<String> failure = closer.close(a, flags);
            if (failure.filter(Closer.GONE::equals).isPresent()) {
                continue; // it exited on its own before it was told the session ends: nothing it saved for us
            }
            failure.ifPresent(f -> LOG.log(System.Logger.Level.WARNING,
                    "{0} (pid {1}) ended its session but did not exit ({2}); the reboot ends it", a.app().name(), a.pid(), f));
            Optional<RestartCommand> command = a.registration().flatMap(r -> r.entry().restartCommand())
                    .filter(c -> !c.flags().contains(RestartFlag.NO_REBOOT));
            if (command.isPresent()) {
                RecordedApp r = RecordedApp.of(a, command.get(), LinuxOwner.of(a, env), bootId);
                try {
                    list.add(r);
                } catch (IOException e) {
                    throw new RmException("reboot", "cannot record " + a.app().name() + " for restart after the boot in "
                            + list.dir() + ": " + e.getMessage() + "; not rebooting", e);
                }
                recorded.add(r);
            }
        }
        return recorded;
    }

    /** The live, validated cooperating apps registered in the runtime directory, except this process. */
    private List<Listed> cooperatingApps(Lister lister) throws RmException {
        Set<Long> pids = new TreeSet<>();
        Path apps = config.runtimeDir().resolve("apps");
        if (Files.isDirectory(apps)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(apps, "*.json")) {
                for (Path f : ds) {
                    String n = f.getFileName().toString();
                    String digits = n.substring(0, n.length() - 5);
                    if (digits.matches("[0-9]{1,10}")) {
                        pids.add(Long.parseLong(digits));
                    }
                }
            } catch (IOException e) {
                throw new RmException("reboot", "cannot list the registered apps in " + apps + ": " + e.getMessage(), e);
            }
        }
        List<Listed> out = new ArrayList<>();
        for (long pid : pids) {
            Optional<ProcStat> stat = proc.stat(pid);
            Optional<ProcStatus> status = proc.status(pid);
            if (stat.isPresent() && status.isPresent() && !stat.get().dead()) {
                Listed l = lister.describe(stat.get(), status.get());
                if (l.cooperating()) {
                    out.add(l);
                }
            }
        }
        return out;
    }
}
