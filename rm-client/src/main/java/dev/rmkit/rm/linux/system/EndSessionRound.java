package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.EndSessionFlag;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end of a whole session for the cooperating apps of some runtime directories, what Windows sends
 * before a reboot ({@code SHUTDOWN_RESTARTAPPS}) or a logoff: every app is asked (with the round's
 * flags: none for a restart, {@code logoff} for a logoff, plus {@code critical} when forced); without
 * force one refusal (or no answer) stops it, the apps that agreed are told it was cancelled, and the
 * exception names each refusing app, its pid and its reason; then each app is told the session ends
 * (it persists) and closed. It reuses a shutdown's {@link Queries} and {@link Closer}, so the protocol,
 * the timeouts and the identity checks are the session's.
 */
final class EndSessionRound {

    /** ERROR_FAIL_SHUTDOWN: an application refused. */
    static final int ERROR_FAIL_SHUTDOWN = 351;
    private static final System.Logger LOG = System.getLogger(EndSessionRound.class.getName());

    private final ProcFs proc;
    private final LinuxConfig config;
    private final int uid;

    EndSessionRound(ProcFs proc, LinuxConfig config, int uid) {
        this.proc = proc;
        this.config = config;
        this.uid = uid;
    }

    /** An app that ended its session, with the environment it had started with. */
    record Ended(Listed app, Map<String, String> environment) {}

    /**
     * Asks, ends and closes every cooperating app registered in {@code runtimeDirs}.
     *
     * @param operation names the operation in messages ("reboot", "logoff")
     * @return the apps that ended their session (those that exited on their own before are left out)
     * @throws RmException if an app refused and {@code force} is false: nothing was closed
     */
    List<Ended> run(String operation, Set<EndSessionFlag> flags, boolean force, List<Path> runtimeDirs) throws RmException {
        Registry registry = new Registry(proc, config.runtimeDir());
        registry.cleanStale();
        List<Listed> apps = new ArrayList<>();
        Lister lister = new Lister(proc, registry, uid);
        for (Path dir : runtimeDirs) {
            apps.addAll(cooperatingApps(lister, dir));
        }
        Operation op = new Operation(operation);
        Queries queries = new Queries(config, op);
        Map<Listed, String> refusals = queries.ask(apps, flags, force);
        if (!refusals.isEmpty() && !force) {
            queries.cancelled(apps.stream().filter(a -> !refusals.containsKey(a)).toList(), flags);
            List<String> who = new ArrayList<>();
            refusals.forEach((a, why) -> who.add(a.app().name() + " (pid " + a.pid() + "): " + why));
            throw new RmException(operation, ERROR_FAIL_SHUTDOWN, "not " + (operation.equals("logoff") ? "logging off"
                    : "rebooting") + ": an application refused to end its session - " + String.join("; ", who));
        }
        Closer closer = new Closer(proc, config, op, force);
        List<Ended> ended = new ArrayList<>();
        for (Listed a : apps) {
            Map<String, String> env = proc.environment(a.pid()).orElse(Map.of());
            Optional<String> failure = closer.close(a, flags);
            if (failure.filter(Closer.GONE::equals).isPresent()) {
                continue; // it exited on its own before it was told the session ends: nothing it saved for us
            }
            failure.ifPresent(f -> LOG.log(System.Logger.Level.WARNING,
                    "{0} (pid {1}) ended its session but did not exit ({2}); the {3} ends it", a.app().name(), a.pid(), f,
                    operation));
            ended.add(new Ended(a, env));
        }
        return ended;
    }

    /** The runtime directories a round asks: {@code own}, then each {@code USERS/UID/rmkit} that exists. */
    static List<Path> runtimeDirs(Path own, Optional<Path> usersRoot) throws RmException {
        Set<Path> dirs = new java.util.LinkedHashSet<>(List.of(own));
        if (usersRoot.isPresent() && Files.isDirectory(usersRoot.get())) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(usersRoot.get(), p -> p.getFileName().toString().matches("[0-9]{1,10}"))) {
                List<Path> users = new ArrayList<>();
                ds.forEach(users::add);
                users.sort(null);
                for (Path u : users) {
                    if (Files.isDirectory(u.resolve("rmkit"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        dirs.add(u.resolve("rmkit"));
                    }
                }
            } catch (IOException e) {
                throw new RmException("end session", "cannot list the users' runtime directories in " + usersRoot.get() + ": "
                        + e.getMessage(), e);
            }
        }
        return List.copyOf(dirs);
    }

    /**
     * The live cooperating apps with an entry in {@code runtimeDir}, except this process; each entry is
     * validated against the process (its owner, start time and runtime directory), so a file in another
     * user's directory names only that user's own processes.
     */
    private List<Listed> cooperatingApps(Lister lister, Path runtimeDir) throws RmException {
        Set<Long> pids = new TreeSet<>();
        Path apps = runtimeDir.resolve("apps");
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
                throw new RmException("end session", "cannot list the registered apps in " + apps + ": " + e.getMessage(), e);
            }
        }
        List<Listed> out = new ArrayList<>();
        for (long pid : pids) {
            Optional<ProcStat> stat = proc.stat(pid);
            Optional<ProcStatus> status = proc.status(pid);
            if (stat.isPresent() && status.isPresent() && proc.running(stat.get())) {
                Listed l = lister.describe(stat.get(), status.get());
                if (l.cooperating() && l.registration().get().runtimeDir().equals(runtimeDir)) {
                    out.add(l);
                }
            }
        }
        return out;
    }
}
