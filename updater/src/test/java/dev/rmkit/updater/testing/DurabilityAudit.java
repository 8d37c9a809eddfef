package dev.rmkit.updater.testing;

import dev.rmkit.updater.testing.SyscallTrace.Call;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the order of an updater run's system calls against the two rules of ALICE ("All File
 * Systems Are Not Created Equal", OSDI 2014) that a crash-consistent swap depends on:
 * <ol>
 *   <li><b>data before rename</b>: a file's bytes and mode are fsync'd before it is renamed (written
 *       or {@code chmod}ed since its last {@code fsync} means the rename can survive a power cut
 *       that its content or mode does not);
 *   <li><b>entries before dependents</b>: every directory whose entries changed ({@code mkdir},
 *       {@code rename}, {@code unlink} in it) is fsync'd before the next record that describes
 *       what is on disk: a journal record ({@code .rmkit/journal.json} renamed into place or
 *       deleted), which recovery trusts, or a kept release's record
 *       ({@code .rmkit/releases/TXID/release.json} renamed into place), which rollback trusts to have
 *       its files beside it.
 * </ol>
 * and a third that every run must end with: <b>durable at the end</b>: when the run exits, every file
 * it wrote inside the install is fsync'd, and every directory whose entries it changed is fsync'd
 * after the change, a file it opened with {@code O_CREAT} (and did not rename or delete since)
 * included: what the run reported, its state files and its history line survive a power cut that
 * follows. ({@code O_CREAT} may open a file that exists, so it counts only here: a record need not
 * wait for the directory entry of, say, the lock file, which no recovery reads.)
 * Only calls on paths inside the install count, plus the creation of the install directory itself.
 */
public final class DurabilityAudit {

    private final String root;
    private final String journal;
    private final Map<String, String> unsyncedData = new HashMap<>();
    private final Map<String, String> unsyncedMode = new HashMap<>();
    private final Map<String, String> unsyncedEntries = new LinkedHashMap<>();
    private final Map<String, String> unsyncedCreates = new LinkedHashMap<>();
    private final List<String> violations = new ArrayList<>();

    private DurabilityAudit(String root) {
        this.root = root;
        this.journal = root + "/.rmkit/journal.json";
    }

    /** Every violation in {@code calls}, a whole run on the install at {@code root}, of the three rules; empty if none. */
    public static List<String> check(String root, List<Call> calls) {
        DurabilityAudit audit = ordered(root, calls);
        audit.atTheEnd();
        return audit.violations;
    }

    /** Only the two ordering rules, for {@code calls} that are part of a run (the rest may still make them durable). */
    public static List<String> checkOrdering(String root, List<Call> calls) {
        return ordered(root, calls).violations;
    }

    private static DurabilityAudit ordered(String root, List<Call> calls) {
        DurabilityAudit audit = new DurabilityAudit(root);
        calls.stream().filter(Call::succeeded).forEach(audit::accept);
        return audit;
    }

    private void accept(Call c) {
        switch (c.name()) {
            case "write", "pwrite64", "writev", "pwritev", "pwritev2", "ftruncate", "fallocate" ->
                    c.fdPath(0).filter(this::inside).ifPresent(p -> unsyncedData.put(p, c.name() + " at line " + c.line()));
            case "fchmod" -> c.fdPath(0).filter(this::inside).ifPresent(p -> unsyncedMode.put(p, "fchmod at line " + c.line()));
            case "chmod" -> c.string(0).filter(this::inside).ifPresent(p -> unsyncedMode.put(p, "chmod at line " + c.line()));
            case "fchmodat" -> c.atPath(0).filter(this::inside).ifPresent(p -> unsyncedMode.put(p,
                    "fchmodat at line " + c.line()));
            case "fsync" -> c.fdPath(0).ifPresent(p -> {
                unsyncedData.remove(p);
                unsyncedMode.remove(p);
                unsyncedEntries.remove(p);
                unsyncedCreates.keySet().removeIf(f -> parent(f).equals(p));
            });
            case "fdatasync" -> c.fdPath(0).ifPresent(unsyncedData::remove);
            case "open", "openat", "creat" -> opened(c);
            case "mkdir" -> c.string(0).ifPresent(d -> created(d, c));
            case "mkdirat" -> c.atPath(0).ifPresent(d -> created(d, c));
            case "rename" -> renamed(c.string(0), c.string(1), c);
            case "renameat", "renameat2" -> renamed(c.atPath(0), c.atPath(2), c);
            case "unlink", "rmdir" -> c.string(0).ifPresent(p -> removed(p, c));
            case "unlinkat" -> c.atPath(0).ifPresent(p -> removed(p, c));
            default -> { }
        }
    }

    private boolean inside(String path) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    private static String parent(String path) {
        return path.substring(0, Math.max(path.lastIndexOf('/'), 1));
    }

    private void created(String dir, Call c) {
        if (inside(dir)) {
            unsyncedEntries.putIfAbsent(parent(dir), "mkdir " + dir + " at line " + c.line());
        }
    }

    /** A file opened with {@code O_CREAT} may have been created: its directory's entries may have changed. */
    private void opened(Call c) {
        boolean creates = c.name().equals("creat") || c.args().stream().anyMatch(a -> a.matches("(.*\\|)?O_CREAT(\\|.*)?"));
        if (creates) {
            SyscallTrace.descriptorPath(c.result()).filter(this::inside).ifPresent(p ->
                    unsyncedCreates.putIfAbsent(p, c.name() + " (O_CREAT) of " + p + " at line " + c.line()));
        }
    }

    private void renamed(Optional<String> from, Optional<String> to, Call c) {
        if (from.isEmpty() || to.isEmpty() || !inside(from.get()) && !inside(to.get())) {
            return;
        }
        String f = from.get();
        String t = to.get();
        unsyncedCreates.remove(f); // its entry is the rename's now
        String dirty = Optional.ofNullable(unsyncedData.remove(f)).orElse(unsyncedMode.remove(f));
        if (dirty != null) {
            violations.add("data before rename: " + f + " was renamed to " + t + " at line " + c.line()
                    + " before an fsync made its " + dirty + " durable");
        }
        if (t.equals(journal) || isKeptReleaseRecord(t)) {
            checkpoint(c, t.equals(journal) ? "journal" : "kept-release");
        }
        unsyncedEntries.putIfAbsent(parent(f), "rename of " + f + " at line " + c.line());
        unsyncedEntries.putIfAbsent(parent(t), "rename to " + t + " at line " + c.line());
    }

    private void removed(String path, Call c) {
        if (!inside(path)) {
            return;
        }
        if (path.equals(journal)) {
            checkpoint(c, "journal");
        }
        unsyncedEntries.remove(path);
        unsyncedData.remove(path);
        unsyncedMode.remove(path);
        unsyncedCreates.remove(path);
        unsyncedEntries.putIfAbsent(parent(path), c.name() + " " + path + " at line " + c.line());
    }

    private boolean isKeptReleaseRecord(String path) {
        String releases = root + "/.rmkit/releases/";
        return path.startsWith(releases) && path.endsWith("/release.json")
                && path.indexOf('/', releases.length()) == path.length() - "/release.json".length();
    }

    /** A record is about to become durable: everything it describes must be durable already. */
    private void checkpoint(Call c, String record) {
        unsyncedEntries.forEach((dir, change) -> violations.add("entries before dependents: the " + record + " record at"
                + " line " + c.line() + " came before an fsync of " + dir + " after its " + change));
        unsyncedEntries.clear();
    }

    /** The run has exited: whatever it changed inside the install must be durable by now. */
    private void atTheEnd() {
        unsyncedData.forEach((file, change) -> violations.add("durable at the end: " + file + " was never fsync'd after its "
                + change));
        unsyncedEntries.forEach((dir, change) -> violations.add("durable at the end: " + dir + " was never fsync'd after its "
                + change));
        unsyncedCreates.forEach((file, change) -> violations.add("durable at the end: " + parent(file)
                + " was never fsync'd after its " + change));
    }
}
