package dev.rmkit.rm.linux;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RebootReason;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartFlag;
import dev.rmkit.rm.linux.proc.CgroupUnit;
import dev.rmkit.rm.linux.proc.HolderScan;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.proc.ProcStat;
import dev.rmkit.rm.linux.proc.ProcStatus;
import dev.rmkit.rm.linux.proc.ScanResult;
import dev.rmkit.rm.linux.proc.Uninspected;
import dev.rmkit.rm.linux.proc.Visibility;
import dev.rmkit.rm.linux.protocol.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the affected-app list of a session's resources: the holders of its files (see
 * {@link HolderScan}), its registered processes that are still alive, and the processes of its
 * registered services; each classified and matched with the registry. Where {@code /proc} hides other
 * users' processes from the caller ({@code hidepid=}, see {@link Visibility}), that they cannot be
 * seen is itself "permission denied".
 */
public final class Lister {

    private static final System.Logger LOG = System.getLogger(Lister.class.getName());

    private final ProcFs proc;
    private final Registry registry;
    private final int ourUid;
    private final long selfPid;
    private final boolean systemd;

    /** A lister for a host where services are not managed through systemd (they are signalled). */
    public Lister(ProcFs proc, Registry registry, int ourUid) {
        this(proc, registry, ourUid, false);
    }

    /**
     * @param systemd whether systemd is the init here, so a service can be stopped and started again
     *     through it (which makes it restartable)
     */
    public Lister(ProcFs proc, Registry registry, int ourUid, boolean systemd) {
        this.proc = proc;
        this.registry = registry;
        this.ourUid = ourUid;
        this.selfPid = ProcessHandle.current().pid();
        this.systemd = systemd;
    }

    Listing list(Collection<Path> files, Collection<ProcessId> processes, Collection<String> services) throws IOException {
        ScanResult scan = new HolderScan(proc).whoHolds(files); // the pids are what counts here
        Set<Long> pids = new TreeSet<>(scan.holders().keySet());
        for (ProcessId p : processes) {
            if (proc.alive(p)) {
                pids.add(p.pid());
            }
        }
        if (!services.isEmpty()) {
            for (long pid : proc.pids()) {
                proc.serviceUnit(pid).filter(services::contains).ifPresent(u -> pids.add(pid));
            }
        }
        Set<RebootReason> reasons = EnumSet.noneOf(RebootReason.class);
        List<Listed> apps = new ArrayList<>();
        for (long pid : pids) {
            Optional<ProcStat> stat = proc.stat(pid);
            Optional<ProcStatus> status = proc.status(pid);
            if (stat.isEmpty() || status.isEmpty() || !proc.running(stat.get())) {
                continue;
            }
            Listed l = describe(stat.get(), status.get());
            reasons.addAll(Classifier.classify(stat.get(), status.get().uid(), ourUid, selfPid, l.cooperating(),
                    proc.serviceUnit(pid)).reasons());
            apps.add(l);
        }
        for (Uninspected u : scan.uninspected()) {
            LOG.log(System.Logger.Level.WARNING, "pid {0} ({1}, uid {2}) may hold a registered file but its {3} could not be read",
                    u.stat().pid(), u.stat().comm(), u.status().uid(), u.what());
            reasons.add(RebootReason.PERMISSION_DENIED);
        }
        Visibility visibility = Visibility.of(proc, ourUid);
        if (visibility.othersHidden()) {
            LOG.log(System.Logger.Level.WARNING, "/proc is mounted with hidepid={0}: the processes of other users are"
                    + " hidden from this one, and any of them may hold a registered file", visibility.hidepid().orElseThrow());
            reasons.add(RebootReason.PERMISSION_DENIED);
        }
        return new Listing(apps, reasons, reasons.contains(RebootReason.PERMISSION_DENIED) ? visibility.advice() : "");
    }

    /** Describes one live process as an affected app. */
    public Listed describe(ProcStat stat, ProcStatus status) {
        long pid = stat.pid();
        boolean critical = pid == 1 || stat.kernelThread() || pid == selfPid;
        Registry.Lookup lookup = critical ? new Registry.Lookup.None() : registry.lookup(stat, status);
        Optional<Registry.Lookup.Registered> reg = lookup instanceof Registry.Lookup.Registered r ? Optional.of(r) : Optional.empty();
        Optional<String> ignored = lookup instanceof Registry.Lookup.Ignored i
                ? Optional.of("registry entry " + i.file() + " ignored: " + i.reason())
                : Optional.empty();
        Optional<CgroupUnit.Unit> unit = proc.unit(pid);
        Optional<String> unitName = unit.map(CgroupUnit.Unit::name);
        Classifier.Verdict v = Classifier.classify(stat, status.uid(), ourUid, selfPid, reg.isPresent(), unitName);
        Optional<RestartCommand> command = reg.flatMap(r -> r.entry().restartCommand());
        boolean service = v.type() == AppType.SERVICE && systemd;
        boolean restartable = service || v.type() == AppType.MAIN_WINDOW
                && command.filter(c -> !c.flags().contains(RestartFlag.NO_PATCH)).isPresent();
        // A service is known by its unit, which is what an admin types (systemctl status app.service).
        String name = reg.map(r -> r.entry().appId())
                .orElse(v.type() == AppType.SERVICE || v.type() == AppType.CRITICAL ? unitName.orElse(stat.comm()) : stat.comm());
        AffectedApp app = new AffectedApp(proc.processId(stat), name, unitName.orElse(""), v.type(),
                EnumSet.of(AppStatus.RUNNING), restartable, command);
        return new Listed(app, stat, status, reg, ignored, exe(stat), unit);
    }

    /** The executable; of a process whose leader thread exited, as a thread that still runs shows it. */
    private Optional<String> exe(ProcStat stat) {
        try {
            Optional<Path> dir = proc.filesDir(stat);
            return dir.isEmpty() ? Optional.empty() : Optional.of(Files.readSymbolicLink(dir.get().resolve("exe")).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
