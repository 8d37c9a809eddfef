package dev.rmkit.rm.linux.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the processes that hold files, by fuser's rules: for every pid, {@code stat()} the
 * {@code exe} link, the {@code cwd} and {@code root} links (when a registered path may be a directory:
 * nothing else can match them) and every {@code fd/} entry and compare device and inode with the
 * registered files; then read {@code maps} (but not a kernel thread's: it has no user memory) and compare its
 * {@code major:minor inode} columns. The pids are shared out among the cores ({@link SharedPids}). A link
 * or mapping the kernel marks {@code " (deleted)"} whose name is a registered path is a holder of the old
 * version of that file.
 *
 * <p>What cannot be read (EACCES) is never silently skipped: the process is returned as
 * {@link Uninspected} when it might hold one of the files. It might, unless one of these facts rules it
 * out: it is a kernel thread (no user files at all); it is pid 1, which a session never closes and which
 * hardened and containerised kernels make unreadable even to root (listing it would make every
 * session reboot-only, so rmkit reports that it did not inspect it in the log instead); or its
 * credentials could not open any existing registered file (permission bits, no DAC-override capability).
 * A process that exits mid-scan (ENOENT, ESRCH) holds nothing and is skipped.
 *
 * <p>A process whose leader thread exited ({@code pthread_exit}) while its other threads run shows a zombie
 * leader with empty {@code fd/} and {@code maps}; fuser skips it, but it still holds its files: it is read
 * through one of its running threads ({@link ProcFs#filesDir}).
 */
public final class HolderScan {

    private static final System.Logger LOG = System.getLogger(HolderScan.class.getName());

    private static final java.util.concurrent.atomic.AtomicBoolean PID1_REPORTED = new java.util.concurrent.atomic.AtomicBoolean();

    private static final byte[] DELETED_BYTES = MapsEntry.DELETED.getBytes(StandardCharsets.US_ASCII);

    private final ProcFs proc;

    public HolderScan(ProcFs proc) {
        this.proc = proc;
    }

    /** Scans every process for the files: every way each holder holds them (fuser's letters). */
    public ScanResult scan(Collection<Path> files) throws IOException {
        return scan(files, false);
    }

    /**
     * Who holds the files: the same holders and uninspected processes as {@link #scan}, but a process is read
     * only up to the first way found that it holds one (descriptors, then links, then maps), which is all
     * its {@link Holder#access()} then names ({@link Holder#deleted()} only if that one was an old version).
     * Nothing is lost on the way: every read of a process's links, descriptors and maps passes the same
     * kernel check (ptrace read access), so a process that let one be read would not have denied the rest.
     */
    public ScanResult whoHolds(Collection<Path> files) throws IOException {
        return scan(files, true);
    }

    private ScanResult scan(Collection<Path> files, boolean firstMatch) throws IOException {
        ScanTargets targets = ScanTargets.of(files);
        Map<Long, Holder> holders = new TreeMap<>();
        List<Uninspected> uninspected = new ArrayList<>();
        if (targets.isEmpty()) {
            return new ScanResult(holders, uninspected);
        }
        // Reading /proc is mostly kernel time spent per process; the processes are independent.
        for (PidScan s : SharedPids.map(proc.pids(), pid -> scanOne(pid, targets, firstMatch))) {
            if (s == null) {
                continue;
            }
            if (!s.access.isEmpty()) {
                holders.put(s.stat.pid(), new Holder(s.stat, s.access, s.deleted));
            }
            if (!s.denied.isEmpty()) {
                mightHold(s.stat, String.join(", ", s.denied), targets).ifPresent(uninspected::add);
            }
        }
        return new ScanResult(holders, uninspected);
    }

    /**
     * The reads for one pid, or null if it holds nothing. Identity first: the stat line is read before the
     * links, so that a pid reused mid-read can only lend its files to the identity of a process that is
     * gone (which nothing can then signal), never pin another process's files on a newcomer.
     */
    private PidScan scanOne(long pid, ScanTargets targets, boolean firstMatch) {
        Optional<ProcStat> stat = proc.stat(pid);
        if (stat.isEmpty()) {
            return null;
        }
        // A zombie leader whose other threads still run is read through one of them.
        Optional<Path> dir = proc.filesDir(stat.get());
        if (dir.isEmpty()) {
            return null;
        }
        PidScan s = new PidScan(dir.get(), stat.get(), targets, firstMatch);
        s.run();
        return s.access.isEmpty() && s.denied.isEmpty() ? null : s;
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
        final ProcStat stat;
        final ScanTargets targets;
        /** Stop at the first match ({@link #whoHolds}). */
        final boolean firstMatch;
        final EnumSet<Access> access = EnumSet.noneOf(Access.class);
        final List<String> denied = new ArrayList<>();
        boolean deleted;

        PidScan(Path dir, ProcStat stat, ScanTargets targets, boolean firstMatch) {
            this.dir = dir;
            this.stat = stat;
            this.targets = targets;
            this.firstMatch = firstMatch;
        }

        private boolean done() {
            return firstMatch && !access.isEmpty();
        }

        void run() {
            // Descriptors first: most holders hold a file open, and whoHolds then reads nothing more of them.
            fds();
            // A working or root directory is a directory: it can hold only a registered directory, or the old
            // version of one. Without such a target, fuser's two stat() calls per process cannot match.
            boolean directories = targets.mayBeDirectory();
            if (directories && !done()) {
                link("cwd", Access.CWD);
            }
            if (!done()) {
                link("exe", Access.EXE);
            }
            if (directories && !done()) {
                link("root", Access.ROOT);
            }
            // A kernel thread has no user memory: its maps is empty (about 60 of them on a typical host).
            if (!stat.kernelThread() && !done()) {
                maps();
            }
        }

        private void link(String name, Access kind) {
            try {
                Path link = dir.resolve(name);
                if (matches(link, link, null)) {
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
                // Where the JDK opened the directory as a handle (Linux does), each entry is stat()ed
                // relative to it: the kernel then looks up one name, not /proc, PID and fd again.
                SecureDirectoryStream<Path> handle = ds instanceof SecureDirectoryStream<Path> h ? h : null;
                boolean fdDenied = false;
                for (Path fd : ds) {
                    try {
                        if (matches(handle == null ? fd : fd.getFileName(), fd, handle)) {
                            access.add(Access.FD);
                            if (done()) {
                                break;
                            }
                        }
                    } catch (AccessDeniedException e) {
                        // One denied descriptor means all are: the check is per process.
                        fdDenied = true;
                        break;
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

        /**
         * {@code stat()} first: one of the files itself, or (the link's name needed) perhaps the deleted old
         * version of one. Only a regular file or a directory can be that, and only of the kinds registered
         * (a directory cannot be the old version of a registered file that exists and is not a directory,
         * nor the reverse); so a socket, pipe, device or anonymous inode costs one system call, as does a
         * held file, and only the other files and directories of a registered kind need {@code readlink()}.
         * {@code link} is relative to {@code handle} when there is one; {@code absolute} names the same link.
         */
        private boolean matches(Path link, Path absolute, SecureDirectoryStream<Path> handle) throws IOException {
            BasicFileAttributes a = handle == null ? Files.readAttributes(link, BasicFileAttributes.class)
                    : handle.getFileAttributeView(link, BasicFileAttributeView.class).readAttributes();
            if (targets.statKeys.contains(a.fileKey())) {
                return true;
            }
            if (!(a.isRegularFile() || a.isDirectory()) || !targets.mayBeDeletedVersion(a.isDirectory())) {
                return false;
            }
            String target = Files.readSymbolicLink(absolute).toString();
            if (target.endsWith(MapsEntry.DELETED)
                    && targets.namesDeleted(target.substring(0, target.length() - MapsEntry.DELETED.length()))) {
                deleted = true;
                return true;
            }
            return false;
        }

        private void maps() {
            ProcRead read;
            try {
                read = ProcRead.of(dir.resolve("maps"));
            } catch (AccessDeniedException e) {
                denied.add("maps");
                return;
            } catch (IOException e) {
                return; // Gone.
            }
            // A JVM maps thousands of ranges: look at each line's inode column in place, and decode and
            // parse only the lines that may match.
            byte[] maps = read.bytes;
            int end = read.length;
            int lineStart = 0;
            for (int i = 0; i <= end; i++) {
                if (i < end && maps[i] != '\n') {
                    continue;
                }
                if (i > lineStart && (targets.hasInode(MapsEntry.inodeOf(maps, lineStart, i)) || endsDeleted(maps, lineStart, i))) {
                    matchMapsLine(new String(maps, lineStart, i - lineStart, StandardCharsets.UTF_8));
                    if (done()) {
                        return;
                    }
                }
                lineStart = i + 1;
            }
        }

        private static boolean endsDeleted(byte[] b, int from, int to) {
            int n = DELETED_BYTES.length;
            return to - from >= n && Arrays.equals(b, to - n, to, DELETED_BYTES, 0, n);
        }

        private void matchMapsLine(String line) {
            Optional<MapsEntry> e;
            try {
                e = MapsEntry.parse(line);
            } catch (IllegalArgumentException bad) {
                return;
            }
            if (e.isEmpty()) {
                return;
            }
            if (e.get().deleted() && targets.namesDeleted(e.get().path())) {
                deleted = true;
                access.add(Access.MAP);
            } else if (targets.deviceKeys.contains(e.get().key())) {
                access.add(Access.MAP);
            }
        }
    }
}
