package dev.rmkit.updater.install;

import dev.rmkit.updater.hash.Sha256;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where an install keeps its updater state: everything lives in {@code <install>/.rmkit/}, on the
 * same volume as the installed files so that every swap is a rename, never a copy.
 *
 * <pre>
 * .rmkit/installed.json      what is installed (product, channel, version, files + SHA-256, key id)
 * .rmkit/trust/*.pub         trusted publisher keys (pinned with --trust on first use)
 * .rmkit/lock                held (FileChannel.tryLock) by the running updater; contains its pid
 * .rmkit/journal.json        the swap in progress, if any (see apply.Journal)
 * .rmkit/staging/VERSION/    verified payloads waiting to be swapped in
 * .rmkit/backup/TXID/        the replaced files of the swap in progress, until it commits
 * .rmkit/releases/TXID/      a kept previous release (files/ and release.json), for rollback
 * .rmkit/apps-left-closed.json  the apps an apply --no-restart left closed, for restart-apps
 * .rmkit/apps-restarted      the swap whose closed apps were started again, until its journal is gone
 * .rmkit/last-report.json    the report of the last apply or resume
 * .rmkit/history.jsonl       one JSON line per run that changes the install (append-only)
 * .rmkit/policy.json         the unattended-update policy (updater schedule install puts it here)
 * .rmkit/auto.json           what updater auto remembers between runs
 * .rmkit/install-id          this install's stable random id (staged rollouts)
 * .rmkit/feed.json           the highest release-index version seen from the feed (anti-replay)
 * </pre>
 *
 * @param installDir the install directory (absolute)
 */
public record InstallLayout(Path installDir) {

    /** The name of the state directory inside an install; never managed, never planned over. */
    public static final String STATE_DIR_NAME = ".rmkit";

    public InstallLayout {
        installDir = Objects.requireNonNull(installDir, "installDir").toAbsolutePath().normalize();
    }

    public Path stateDir() {
        return installDir.resolve(STATE_DIR_NAME);
    }

    public Path installedFile() {
        return stateDir().resolve("installed.json");
    }

    public Path trustDir() {
        return stateDir().resolve("trust");
    }

    public Path lockFile() {
        return stateDir().resolve("lock");
    }

    public Path journalFile() {
        return stateDir().resolve("journal.json");
    }

    public Path stagingRoot() {
        return stateDir().resolve("staging");
    }

    public Path stagingDir(String version) {
        return stagingRoot().resolve(version);
    }

    public Path backupRoot() {
        return stateDir().resolve("backup");
    }

    public Path backupDir(String txid) {
        return backupRoot().resolve(txid);
    }

    public Path feedStateFile() {
        return stateDir().resolve("feed.json");
    }

    public Path releasesRoot() {
        return stateDir().resolve("releases");
    }

    /** A kept previous release: the files the swap {@code txid} displaced, and what release they were. */
    public Path releaseDir(String txid) {
        return releasesRoot().resolve(txid);
    }

    public Path appsLeftClosedFile() {
        return stateDir().resolve("apps-left-closed.json");
    }

    /**
     * Every entry of {@code .rmkit/} the updater creates, the lock last: what an uninstall removes. Anything
     * else found there was put there by someone else and stays.
     */
    public List<Path> stateEntries() {
        return List.of(installedFile(), journalFile(), stagingRoot(), backupRoot(), releasesRoot(), trustDir(),
                appsLeftClosedFile(), stateDir().resolve("apps-restarted"), feedStateFile(), lastReportFile(),
                historyFile(), policyFile(), autoStateFile(), installIdFile(), scheduleArgsFile(), stateDir().resolve("auto-task.xml"),
                stateDir().resolve(".journal-prepared.tmp"), stateDir().resolve(".journal-committed.tmp"),
                stateDir().resolve("rehearsal"), lockFile());
    }

    public Path lastReportFile() {
        return stateDir().resolve("last-report.json");
    }

    /** New file operations inside this install (link-checked; see {@link InstallFiles}), with nothing to sync yet. */
    public InstallFiles files() {
        return new InstallFiles(installDir);
    }

    /**
     * A short name for this install that other system objects can carry (the resume registration,
     * the scheduler's timer or task): 12 hex digits of SHA-256 of the install directory's path.
     */
    public String key() {
        return Sha256.hex(installDir.toString()).substring(0, 12);
    }

    /** The absolute path of a manifest-relative ('/'-separated) path inside the install. */
    public Path resolve(String relativePath) {
        return installDir.resolve(relativePath);
    }

    /** One JSON line per run of apply, resume and auto; only ever appended to. */
    public Path historyFile() {
        return stateDir().resolve("history.jsonl");
    }

    /** The install's unattended-update policy. */
    public Path policyFile() {
        return stateDir().resolve("policy.json");
    }

    /** What {@code updater auto} remembers between runs. */
    public Path autoStateFile() {
        return stateDir().resolve("auto.json");
    }

    /** The JVM's arguments of the Windows scheduled task that runs {@code updater auto} ({@code schedule install}). */
    public Path scheduleArgsFile() {
        return stateDir().resolve("auto.args");
    }

    /** The install's stable random id, for staged rollouts. */
    public Path installIdFile() {
        return stateDir().resolve("install-id");
    }
}
