package dev.rmkit.rm.linux.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.linux.protocol.AtomicFiles;
import dev.rmkit.rm.linux.protocol.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable list of apps to start again after a reboot, {@code STATE/restart-after-boot/}: one
 * private file per app (mode 0600 in a 0700 directory, written atomically), and the protocol that
 * starts each of them exactly once although the starters may race (the after-boot runner, an admin's
 * {@code updater resume}) or die half-way:
 * <ol>
 *   <li><b>claim</b>: an atomic rename into {@code claimed/NAME.json.CLAIMER}, where CLAIMER is the
 *       claiming process's pid and start time (ms); only one starter wins a record;
 *   <li><b>start</b> the app, with {@code RMKIT_RESTART_TOKEN} (the record's boot and name) in its
 *       environment;
 *   <li><b>mark</b> it started: {@code claimed/NAME.started} with the new process's identity;
 *   <li><b>done</b>: the claim and the mark are deleted.
 * </ol>
 * A claim whose claimer is no longer alive (same pid and start time) is an orphan, and the next
 * starter settles it: a mark, or a live process carrying the record's token (the claimer died between
 * 2 and 3), means it was started and it is only cleaned up; otherwise it is claimed again and started.
 * So an app is started at least once whoever dies, and not twice.
 */
public final class RestartList {

    /** The environment variable that ties a started app to its record. */
    public static final String TOKEN_ENV = "RMKIT_RESTART_TOKEN";
    private static final String CLAIMED = "claimed";

    private final Path dir;

    public RestartList(Path stateDir) {
        this.dir = stateDir.resolve("restart-after-boot");
    }

    Path dir() {
        return dir;
    }

    public void add(RecordedApp app) throws IOException {
        createPrivate(dir);
        AtomicFiles.write(dir.resolve(app.pid() + "-" + app.startTime().replace(':', '-') + ".json"),
                Json.MAPPER.writeValueAsBytes(app));
    }

    /** The records not claimed yet, oldest name first. */
    public List<Path> pending() throws IOException {
        return list(dir, "*.json");
    }

    /**
     * A claimed record: its content, the claim file, and the record's name ({@code PID-START.json}).
     */
    record Claim(RecordedApp app, Path file, String name) {
        /** The token the started app carries in its environment. */
        String token() {
            return app.bootId() + "/" + name;
        }
    }

    /**
     * Claims one record for this process; empty if another starter claimed it first.
     *
     * @throws IOException if the record cannot be moved or read (a malformed one stays claimed, so it
     *     is never retried blindly)
     */
    public Optional<Claim> claim(Path record) throws IOException {
        Path claimed = dir.resolve(CLAIMED);
        createPrivate(claimed);
        return move(record, claimed.resolve(record.getFileName() + "." + self()), record.getFileName().toString());
    }

    /** This process as a claimer: {@code PID-STARTMILLIS}. */
    static String self() {
        ProcessHandle me = ProcessHandle.current();
        return me.pid() + "-" + me.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /** True if the claimer a claim names still runs (same pid, same start time); pure but for the lookup. */
    static boolean alive(String claimer) {
        String[] f = claimer.split("-", 2);
        try {
            long pid = Long.parseLong(f[0]);
            Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (f.length < 2) {
                return h.isPresent(); // an older list named the pid only
            }
            long start = Long.parseLong(f[1]);
            return h.flatMap(x -> x.info().startInstant()).map(java.time.Instant::toEpochMilli).filter(m -> m == start)
                    .isPresent();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** True if a record of an app of {@code uid} is pending or claimed (an unreadable one counts for no one). */
    boolean holds(int uid) throws IOException {
        List<Path> all = new ArrayList<>(pending());
        all.addAll(claims());
        for (Path p : all) {
            try {
                if (Json.MAPPER.readValue(p.toFile(), RecordedApp.class).owner().uid() == uid) {
                    return true;
                }
            } catch (IOException | RuntimeException gone) {
                // Settled meanwhile, or malformed: not this user's to wait for.
            }
        }
        return false;
    }

    /** The claims in {@code claimed/}, each with the claimer named in its file name. */
    List<Path> claims() throws IOException {
        return list(dir.resolve(CLAIMED), "*.json.*");
    }

    /** The claimer part of a claim file's name ({@code PID-TICK}, or a bare pid in older lists). */
    static String claimerOf(Path claim) {
        String n = claim.getFileName().toString();
        return n.substring(n.indexOf(".json.") + ".json.".length());
    }

    /** Takes over an orphaned claim for this process; empty if another starter took it first. */
    Optional<Claim> reclaim(Path orphan) throws IOException {
        String n = orphan.getFileName().toString();
        String name = n.substring(0, n.indexOf(".json.") + ".json".length());
        return move(orphan, orphan.resolveSibling(name + "." + self()), name);
    }

    /** What a mark says: the started process. */
    record Mark(@JsonProperty("pid") long pid, @JsonProperty("startTime") String startTime) {
        ProcessId process() {
            return new ProcessId(pid, java.time.Instant.parse(startTime));
        }
    }

    /** Marks {@code claim} started by {@code process}. */
    void started(Claim claim, ProcessId process) throws IOException {
        AtomicFiles.write(mark(claim), Json.MAPPER.writeValueAsBytes(new Mark(process.pid(), process.startTime().toString())));
    }

    /** The process a claim was marked started by, if it was. */
    Optional<ProcessId> startedBy(Claim claim) throws IOException {
        Path m = mark(claim);
        if (!Files.exists(m)) {
            return Optional.empty();
        }
        return Optional.of(Json.MAPPER.readValue(m.toFile(), Mark.class).process());
    }

    /** The record is settled: its claim goes, then its mark. */
    void done(Claim claim) throws IOException {
        Files.deleteIfExists(claim.file());
        Files.deleteIfExists(mark(claim));
    }

    private Path mark(Claim claim) {
        return dir.resolve(CLAIMED).resolve(claim.name().replaceAll("\\.json$", "") + ".started");
    }

    private static Optional<Claim> move(Path from, Path to, String name) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException lost) {
            return Optional.empty();
        }
        return Optional.of(new Claim(Json.MAPPER.readValue(to.toFile(), RecordedApp.class), to, name));
    }

    private static List<Path> list(Path d, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(d)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, glob)) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    private static void createPrivate(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            Files.createDirectories(d.getParent());
            try {
                Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Another runner created it at the same moment.
            }
        }
    }
}
