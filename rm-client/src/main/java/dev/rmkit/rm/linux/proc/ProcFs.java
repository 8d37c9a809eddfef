package dev.rmkit.rm.linux.proc;

import dev.rmkit.rm.ProcessId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads process facts from a {@code /proc} tree (the real one, or a fixture in tests). Every process
 * identity in the Linux backend comes from {@link #processId}, so the registry, the holder scan and
 * the signal checks all agree on what "the same process" means: pid plus start ticks.
 *
 * <p>Observations: a process that exits while it is read gives empty, never an exception.
 */
public final class ProcFs {

    static {
        // Tasks first runs when a closing app's main thread has become a zombie, i.e. while it is down:
        // loaded and initialised here, not read from the jar then (docs/performance.md, "Fourth round").
        try {
            Class.forName(Tasks.class.getName(), true, Tasks.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new LinkageError("rm-client is incomplete: " + Tasks.class.getName(), e);
        }
    }

    private final Path root;
    private final BootClock clock;

    public ProcFs(Path root) throws IOException {
        this.root = root;
        this.clock = BootClock.parse(Files.readString(root.resolve("stat")));
    }

    public Path root() {
        return root;
    }

    public BootClock clock() {
        return clock;
    }

    /** The directory of one process. */
    public Path dir(long pid) {
        return root.resolve(Long.toString(pid));
    }

    /** Every numeric entry of the tree: the pids alive at this moment. */
    public List<Long> pids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(n));
                }
            }
        }
        return pids;
    }

    /** The parsed stat line, or empty if the process is gone. */
    public Optional<ProcStat> stat(long pid) {
        try {
            ProcRead r = ProcRead.ofSingleRecord(dir(pid).resolve("stat"));
            return Optional.of(ProcStat.parse(new String(r.bytes, 0, r.length, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // Gone (ENOENT, ESRCH mid-read), or EACCES: nothing to observe.
            return Optional.empty();
        }
    }

    /** The credentials, or empty if the process is gone. */
    public Optional<ProcStatus> status(long pid) {
        return readText(dir(pid).resolve("status")).map(ProcStatus::parse);
    }

    /** The credentials of the process reading the tree ({@code self/status}), or empty. */
    public Optional<ProcStatus> selfStatus() {
        return text("self/status").flatMap(t -> {
            try {
                return Optional.of(ProcStatus.parse(t));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /** A file of the tree by its path under the root ({@code self/mountinfo}), or empty if it cannot be read. */
    public Optional<String> text(String relative) {
        return readText(root.resolve(relative));
    }

    /** The identity of a live process: pid and start time. */
    public Optional<ProcessId> processId(long pid) {
        return stat(pid).map(this::processId);
    }

    /** The identity that a stat line describes. */
    public ProcessId processId(ProcStat stat) {
        return new ProcessId(stat.pid(), clock.startTime(stat.startTicks()));
    }

    /** True if {@code id} names a live process (same pid, same start tick; see {@link #running}). */
    public boolean alive(ProcessId id) {
        return alive(id.pid(), clock.ticks(id.startTime()));
    }

    /** True if a process with this pid and start tick still runs (see {@link #running}). */
    public boolean alive(long pid, long startTicks) {
        return stat(pid).filter(s -> s.startTicks() == startTicks && running(s)).isPresent();
    }

    /**
     * True if the process that {@code stat} (its {@code /proc/PID/stat} line) describes still runs: its
     * leader is not a zombie, or it is one (it ended with {@code pthread_exit}) but another thread of the
     * process still runs and is not exiting ({@link Tasks}); and no fatal signal is killing it (its leader's
     * {@code PF_SIGNALED}, {@link Tasks#killed}). One read, the caller's, for a process whose leader runs or
     * was killed; the threads are read only for a zombie leader with other threads that no signal killed.
     */
    public boolean running(ProcStat stat) {
        return !Tasks.killed(stat) && (!stat.dead() || filesDir(stat).isPresent());
    }

    /**
     * Where to read the files of the process that {@code stat} describes ({@code fd/}, {@code maps},
     * {@code exe}, {@code cwd}, {@code root}): its own directory; or, when its leader thread has exited while
     * another thread still runs, the directory of that thread ({@code PID/task/TID}: the threads share the
     * descriptor table and the memory, the zombie leader shows neither); empty when it no longer runs or a
     * fatal signal is killing it.
     */
    public Optional<Path> filesDir(ProcStat stat) {
        Path dir = dir(stat.pid());
        if (Tasks.killed(stat)) {
            return Optional.empty();
        }
        if (!stat.dead()) {
            return Optional.of(dir);
        }
        return stat.state() == 'Z' && stat.numThreads() > 1 ? Tasks.running(dir, stat.pid()) : Optional.empty();
    }

    /** The systemd service of a process, or empty. */
    public Optional<String> serviceUnit(long pid) {
        return unit(pid).map(CgroupUnit.Unit::name);
    }

    /** The systemd service of a process with the manager that runs it, or empty. */
    public Optional<CgroupUnit.Unit> unit(long pid) {
        return readText(dir(pid).resolve("cgroup")).flatMap(CgroupUnit::unit);
    }

    /** The environment a process started with, or empty if it cannot be read. */
    public Optional<Map<String, String>> environment(long pid) {
        return readText(dir(pid).resolve("environ")).map(ProcFs::parseNulSeparated);
    }

    /** Parses NUL-separated {@code KEY=VALUE} pairs ({@code /proc/PID/environ}). */
    static Map<String, String> parseNulSeparated(String text) {
        Map<String, String> env = new HashMap<>();
        for (String kv : text.split("\0")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.putIfAbsent(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return env;
    }

    private static Optional<String> readText(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // ESRCH mid-read, EACCES: nothing to observe.
            return Optional.empty();
        }
    }
}
