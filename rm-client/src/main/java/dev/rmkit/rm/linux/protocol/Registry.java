package dev.rmkit.rm.linux.protocol;

import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.proc.ProcStat;
import dev.rmkit.rm.linux.proc.ProcStatus;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The cooperating-app registry: one {@code apps/PID.json} per cooperating process, next to its
 * {@code apps/PID.sock}. Writers replace entries atomically (mode 0600); readers trust an entry only
 * after checking it against the live process, so an entry left by a dead process, written for another
 * user's process, or forged by someone else is never used: not its socket, not its command.
 */
public final class Registry {

    private static final System.Logger LOG = System.getLogger(Registry.class.getName());

    private final ProcFs proc;
    private final Path ownDir;

    /** A registry whose own entries live under {@code runtimeDir}. */
    public Registry(ProcFs proc, Path runtimeDir) {
        this.proc = proc;
        this.ownDir = runtimeDir;
    }

    /** Where the entry of {@code pid} lives under a runtime directory. */
    public static Path entryPath(Path runtimeDir, long pid) {
        return runtimeDir.resolve("apps").resolve(pid + ".json");
    }

    /** Where the control socket of {@code pid} lives under a runtime directory. */
    public static Path socketPath(Path runtimeDir, long pid) {
        return runtimeDir.resolve("apps").resolve(pid + ".sock");
    }

    /** Writes (or replaces) an entry in this process's runtime directory. */
    public void write(RegistryEntry entry) throws IOException {
        AtomicFiles.write(entryPath(ownDir, entry.pid()), Json.MAPPER.writeValueAsBytes(entry));
    }

    /** Removes an entry and its socket from this process's runtime directory. */
    public void remove(long pid) throws IOException {
        Files.deleteIfExists(entryPath(ownDir, pid));
        Files.deleteIfExists(socketPath(ownDir, pid));
    }

    /** What the registry says about one live process. */
    public sealed interface Lookup {
        /** A valid entry: the process cooperates. */
        record Registered(RegistryEntry entry, Path runtimeDir) implements Lookup {}

        /** An entry exists but does not describe the live process; it was not used. */
        record Ignored(Path file, String reason) implements Lookup {}

        /** No entry: the process does not cooperate. */
        record None() implements Lookup {}
    }

    /**
     * Finds and checks the entry of a live process: first in the runtime directory its own environment
     * names (so an updater running as root finds a user's app), then in this process's.
     */
    public Lookup lookup(ProcStat stat, ProcStatus status) {
        Set<Path> dirs = new LinkedHashSet<>();
        proc.environment(stat.pid()).ifPresent(env ->
                dirs.add(RuntimeDir.locate(env, Path.of("/tmp"), status.uid())));
        dirs.add(ownDir.toAbsolutePath().normalize());
        Lookup result = new Lookup.None();
        for (Path dir : dirs) {
            Lookup l = check(dir, stat, status);
            if (l instanceof Lookup.Registered) {
                return l;
            }
            if (l instanceof Lookup.Ignored ignored) {
                LOG.log(System.Logger.Level.WARNING, "ignoring registry entry {0}: {1}", ignored.file(), ignored.reason());
                result = l;
            }
        }
        return result;
    }

    private Lookup check(Path dir, ProcStat stat, ProcStatus status) {
        Path file = entryPath(dir, stat.pid());
        RegistryEntry e;
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.isSymbolicLink(file)) {
                    return new Lookup.Ignored(file, "it is a symbolic link, not the app's own file");
                }
                return Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                        ? new Lookup.Ignored(file, "it is not a regular file") : new Lookup.None();
            }
            Optional<String> dirProblem = RuntimeDir.problem(dir, status.uid());
            if (dirProblem.isPresent()) {
                return new Lookup.Ignored(file, "its runtime directory is " + dirProblem.get());
            }
            FileModes.Owner owner = FileModes.owner(file);
            if (owner.uid() != status.uid()) {
                return new Lookup.Ignored(file, "the file belongs to uid " + owner.uid()
                        + " but process " + stat.pid() + " runs as uid " + status.uid());
            }
            e = Json.MAPPER.readValue(file.toFile(), RegistryEntry.class);
        } catch (NoSuchFileException gone) {
            return new Lookup.None();
        } catch (IOException | RuntimeException bad) {
            return new Lookup.Ignored(file, "unreadable or malformed: " + bad.getMessage());
        }
        if (e.pid() != stat.pid()) {
            return new Lookup.Ignored(file, "it names pid " + e.pid());
        }
        if (e.startTicks() != stat.startTicks()) {
            return new Lookup.Ignored(file, "it was written by an earlier process with pid " + stat.pid()
                    + " (start tick " + e.startTicks() + ", the live process started at tick " + stat.startTicks() + ")");
        }
        if (e.uid() != status.uid()) {
            return new Lookup.Ignored(file, "it names uid " + e.uid() + " but the process runs as uid " + status.uid());
        }
        if (!Path.of(e.socket()).equals(socketPath(dir, stat.pid()))) {
            return new Lookup.Ignored(file, "its socket " + e.socket() + " is not " + socketPath(dir, stat.pid()));
        }
        return new Lookup.Registered(e, dir);
    }

    /**
     * Deletes this process's own entries whose pid no process has any more; returns the pids cleaned.
     * An entry whose pid a later process reuses stays until that process is gone too: a lookup of the
     * live process reports it as ignored (written by an earlier process), so it is named, not dropped
     * silently.
     */
    public List<Long> cleanStale() {
        List<Long> cleaned = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(ownDir.resolve("apps"), "*.json")) {
            for (Path f : ds) {
                String n = f.getFileName().toString();
                String digits = n.substring(0, n.length() - 5);
                if (!digits.matches("[0-9]{1,10}")) {
                    continue;
                }
                long pid = Long.parseLong(digits);
                try {
                    RegistryEntry e = Json.MAPPER.readValue(f.toFile(), RegistryEntry.class);
                    if (!proc.alive(pid, e.startTicks()) && proc.stat(pid).isEmpty()) {
                        remove(pid);
                        cleaned.add(pid);
                    }
                } catch (IOException | RuntimeException malformed) {
                    if (proc.stat(pid).isEmpty()) {
                        remove(pid);
                        cleaned.add(pid);
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "no registry to clean in {0}", ownDir);
        }
        return cleaned;
    }
}
