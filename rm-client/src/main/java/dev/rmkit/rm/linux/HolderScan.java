package dev.rmkit.rm.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the processes that hold files, by fuser's rules: for every pid, {@code stat()} the
 * {@code cwd}, {@code exe} and {@code root} links and every {@code fd/} entry and compare device and
 * inode with the registered files; then read {@code maps} and compare its {@code major:minor inode}
 * columns. A link or mapping the kernel marks {@code " (deleted)"} whose name is a registered path is a
 * holder of the old version of that file.
 *
 * <p>What cannot be read (EACCES) is never silently skipped: the process is returned as
 * {@link Uninspected} when it might hold one of the files. It might, unless one of these facts rules it
 * out: it is a kernel thread (no user files at all); it is pid 1, which a session never closes and which
 * hardened and containerised kernels make unreadable even to root (listing it would make every
 * session reboot-only, so rmkit reports that it did not inspect it in the log instead); or its
 * credentials could not open any existing registered file (permission bits, no DAC-override capability).
 * A process that exits mid-scan (ENOENT, ESRCH) holds nothing and is skipped.
 */
public final class HolderScan {

    private static final System.Logger LOG = System.getLogger(HolderScan.class.getName());

    private static final java.util.concurrent.atomic.AtomicBoolean PID1_REPORTED = new java.util.concurrent.atomic.AtomicBoolean();

    private final ProcFs proc;

    public HolderScan(ProcFs proc) {
        this.proc = proc;
    }

    /** Scans every process for the files. */
    public ScanResult scan(Collection<Path> files) throws IOException {
        ScanTargets targets = ScanTargets.of(files);
        Map<Long, Holder> holders = new TreeMap<>();
        List<Uninspected> uninspected = new ArrayList<>();
        if (targets.isEmpty()) {
            return new ScanResult(holders, uninspected);
        }
        for (long pid : proc.pids()) {
            Optional<ProcStat> stat = proc.stat(pid);
            if (stat.isEmpty() || stat.get().dead()) {
                continue;
            }
            PidScan s = new PidScan(proc.dir(pid), targets);
            s.run();
            if (!s.access.isEmpty()) {
                holders.put(pid, new Holder(stat.get(), s.access, s.deleted));
            }
            if (!s.denied.isEmpty()) {
                mightHold(stat.get(), String.join(", ", s.denied), targets).ifPresent(uninspected::add);
            }
        }
        return new ScanResult(holders, uninspected);
    }

    private Optional<Uninspected> mightHold(ProcStat stat, String what, ScanTargets targets) {
        if (stat.kernelThread()) {
            return Optional.empty();
        }
        if (stat.pid() == 1) {
            // Said once per JVM: it is true of every scan on such a host.
            System.Logger.Level level = PID1_REPORTED.getAndSet(true) ? System.Logger.Level.DEBUG : System.Logger.Level.INFO;
            LOG.log(level, "pid 1 ({0}) not inspected: {1}: permission denied", stat.comm(), what);
            return Optional.empty();
        }
        Optional<ProcStatus> status = proc.status(stat.pid());
        if (status.isEmpty()) {
            return Optional.empty();
        }
        boolean could = targets.owners.stream().anyMatch(o -> status.get().mayAccess(o.uid(), o.gid(), o.mode()));
        return could ? Optional.of(new Uninspected(stat, status.get(), what)) : Optional.empty();
    }

    /** The reads for one pid; remembers what matched and what was denied. */
    private static final class PidScan {
        final Path dir;
        final ScanTargets targets;
        final EnumSet<Access> access = EnumSet.noneOf(Access.class);
        final List<String> denied = new ArrayList<>();
        boolean deleted;

        PidScan(Path dir, ScanTargets targets) {
            this.dir = dir;
            this.targets = targets;
        }

        void run() {
            link("cwd", Access.CWD);
            link("exe", Access.EXE);
            link("root", Access.ROOT);
            fds();
            maps();
        }

        private void link(String name, Access kind) {
            try {
                if (matches(dir.resolve(name))) {
                    access.add(kind);
                }
            } catch (AccessDeniedException e) {
                denied.add(name);
            } catch (IOException e) {
                // Gone, or a kernel thread's missing exe: nothing held.
            }
        }

        private void fds() {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve("fd"))) {
                boolean fdDenied = false;
                for (Path fd : ds) {
                    try {
                        if (matches(fd)) {
                            access.add(Access.FD);
                        }
                    } catch (AccessDeniedException e) {
                        fdDenied = true;
                    } catch (IOException e) {
                        // The descriptor was closed between listing and stat.
                    }
                }
                if (fdDenied) {
                    denied.add("fd");
                }
            } catch (AccessDeniedException e) {
                denied.add("fd");
            } catch (IOException e) {
                // Gone.
            }
        }

        private boolean matches(Path link) throws IOException {
            String target = Files.readSymbolicLink(link).toString();
            if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
                return false;
            }
            if (target.endsWith(MapsEntry.DELETED)
                    && targets.namesDeleted(target.substring(0, target.length() - MapsEntry.DELETED.length()))) {
                deleted = true;
                return true;
            }
            Object key = Files.readAttributes(link, BasicFileAttributes.class).fileKey();
            return targets.statKeys.contains(key);
        }

        private void maps() {
            try (BufferedReader r = Files.newBufferedReader(dir.resolve("maps"))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Optional<MapsEntry> e = MapsEntry.parse(line);
                    if (e.isEmpty()) {
                        continue;
                    }
                    if (e.get().deleted() && targets.namesDeleted(e.get().path())) {
                        deleted = true;
                        access.add(Access.MAP);
                    } else if (targets.deviceKeys.contains(e.get().key())) {
                        access.add(Access.MAP);
                    }
                }
            } catch (AccessDeniedException e) {
                denied.add("maps");
            } catch (IOException | IllegalArgumentException e) {
                // Gone mid-read.
            }
        }
    }
}
