package dev.rmkit.updater.journal;

import dev.rmkit.updater.install.Durable;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.StateJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The PREPARED and COMMITTED journals of a swap, serialised, written and fsync'd before the apps are
 * closed, so that between their exit and their restart each journal costs one rename and one directory
 * fsync instead of a serialisation, a file write and two fsyncs. The drafts are plain temporary files
 * ({@code .rmkit/.journal-prepared.tmp}, {@code .rmkit/.journal-committed.tmp}) that nothing reads: only
 * the rename over {@code journal.json} makes one the journal, and a crash before it leaves a leftover that
 * the next draft, an uninstall or a failed fresh install deletes.
 *
 * <p>A draft is used only if it is still the file this run wrote (same file, same size, not a link) and
 * for exactly the journal the swap writes (the apps that closed are the ones listed); the COMMITTED draft
 * only if it was made at most {@link #FRESH} before the commit, since it carries the install time.
 * Otherwise the journal is written as before ({@link JournalStore#write}) and the draft deleted. The
 * PREPARED draft is made the journal right away, before the apps are asked ({@link #writePreparedNow}),
 * so that no fsync of it is left for the window either. On Windows,
 * where Java gives no file key, nothing is drafted. The swap's
 * backup directories are created here too.
 */
public final class JournalDrafts {

    /** How old a COMMITTED draft may be: its {@code installedAt} is when it was made. */
    static final Duration FRESH = Duration.ofSeconds(2);

    private final InstallLayout layout;
    private final Journal prepared;
    private final Journal committed;
    private final Instant madeAt;
    private Optional<Draft> preparedDraft;
    private Optional<Draft> committedDraft;
    /** The PREPARED draft became the journal, durably, before the close ({@link #writePreparedNow}). */
    private boolean preparedEarly;
    /** It may have become the journal (renamed, perhaps not durably): {@link #withdrawPrepared} must look. */
    private boolean mayBeEarly;
    /** The swap wrote (or kept) its PREPARED journal: the journal is the swap's from now on. */
    private boolean swapping;
    /**
     * The PREPARED journal made the journal before the close, kept open: when the commit record's rename
     * replaces it, its last link goes but not its last reference, so its blocks are freed only when {@link
     * #discard} closes this, after the launch. (On a file system mounted with {@code discard} and no journal,
     * freeing them is a synchronous discard request: the trace showed one, and a kernel worker it waits for,
     * between the apps' exit and their launch.)
     */
    private Optional<FileChannel> replacedJournal = Optional.empty();
    /** The record that the closed apps are being launched, opened before the close ({@link AppsRestarted.Ahead}). */
    private Optional<AppsRestarted.Ahead> record = Optional.empty();
    /** That record's file as opened, empty: like a draft, deleted by {@link #discard} if nothing was recorded in it. */
    private Optional<Draft> recordDraft = Optional.empty();

    private record Draft(Path file, Object key, long size) {}

    private JournalDrafts(InstallLayout layout, Journal prepared, Journal committed, Instant madeAt) {
        this.layout = layout;
        this.prepared = prepared;
        this.committed = committed;
        this.madeAt = madeAt;
    }

    public static Path preparedFile(InstallLayout layout) {
        return layout.stateDir().resolve(".journal-prepared.tmp");
    }

    public static Path committedFile(InstallLayout layout) {
        return layout.stateDir().resolve(".journal-committed.tmp");
    }

    /** Drafts the journals of {@code prepared}; a draft that cannot be written is simply not there. */
    public static JournalDrafts write(InstallLayout layout, Journal prepared, Clock clock) {
        Instant now = clock.instant();
        JournalDrafts d = new JournalDrafts(layout, prepared, prepared.committedAt(Clock.fixed(now, clock.getZone())), now);
        d.preparedDraft = d.draft(preparedFile(layout), prepared);
        d.committedDraft = d.draft(committedFile(layout), d.committed);
        d.backupDirs(prepared);
        if (!prepared.closedApps().isEmpty()) {
            d.openRecord(prepared);
        }
        return d;
    }

    /**
     * Opens the record of the launch ahead ({@link AppsRestarted.Ahead}), only where Java gives its file's key
     * (not Windows), so that {@link #discard} can tell it is still the file opened here.
     */
    private void openRecord(Journal j) {
        Optional<AppsRestarted.Ahead> opened = AppsRestarted.Ahead.open(layout, j);
        Path file = AppsRestarted.file(layout);
        try {
            recordDraft = opened.isEmpty() ? Optional.empty() : asFound(file);
        } catch (IOException | RuntimeException e) {
            recordDraft = Optional.empty();
        }
        if (recordDraft.isPresent()) {
            record = opened;
        } else {
            opened.ifPresent(AppsRestarted.Ahead::close);
        }
    }

    /**
     * Creates (durably) the backup directories the swap's renames need, so that their creation and the
     * fsync of their parents fall before the close too; {@link #discard} removes those left empty. They are
     * this swap's own: {@code .rmkit/backup/<txid>/} is named by its fresh id.
     */
    private void backupDirs(Journal j) {
        Swap swap = new Swap(layout);
        try {
            InstallFiles files = layout.files();
            for (JournalStep s : j.steps()) {
                if (s.displaces()) {
                    files.createDirectories(swap.backup(j, s).getParent());
                }
            }
            files.sync();
        } catch (IOException | RuntimeException e) {
            // the swap creates them itself (and meets whatever went wrong here)
        }
    }

    private void removeEmptyBackupDirs() throws IOException {
        if (prepared == null) {
            return;
        }
        Swap swap = new Swap(layout);
        Path top = layout.backupDir(prepared.txid());
        InstallFiles files = layout.files();
        List<Path> dirs = new ArrayList<>();
        for (JournalStep s : prepared.steps()) {
            for (Path d = swap.backup(prepared, s).getParent(); s.displaces() && d.startsWith(top); d = d.getParent()) {
                dirs.add(d);
            }
        }
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path d : dirs) {
            files.removeEmptyDirectory(d); // only a real, empty directory: never a link, nothing in use
        }
    }

    private Optional<Draft> draft(Path file, Journal journal) {
        try {
            byte[] bytes = StateJson.bytes(journal);
            // Read back and compared: a draft is what recovery will read. The comparison also pays, here, the
            // first use of each record's equals (bootstrapped method handles, about 10 ms cold), which
            // would otherwise fall in the window when the swap compares its journal with the draft.
            if (!journal.equals(StateJson.mapper().readValue(bytes, Journal.class))) {
                return Optional.empty();
            }
            InstallFiles files = layout.files();
            files.deleteOwn(file); // a leftover of a crash; a link there stays, and then CREATE_NEW fails
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            return asFound(file).filter(d -> d.size() == bytes.length);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code file} as a draft: its key and size now, if it is a regular file with a key. */
    private static Optional<Draft> asFound(Path file) throws IOException {
        return ours(file).map(a -> new Draft(file, a.fileKey(), a.size()));
    }

    private static Optional<BasicFileAttributes> ours(Path file) throws IOException {
        return InstallFiles.attributes(file).filter(BasicFileAttributes::isRegularFile).filter(a -> a.fileKey() != null);
    }

    /**
     * Makes the PREPARED draft the journal now, durably, before the apps are asked to close: between
     * their exit and their restart the swap then starts with its first rename. Recovery from this journal
     * rolls back (nothing is renamed yet) and starts again those of its apps that no longer run: an app the
     * dead updater had not closed yet still runs as the very process the journal names ({@code
     * ClosedApp.process}) and is left alone. If the swap does not follow, {@link #withdrawPrepared} takes
     * the apps out again before any of them is started again. Returns whether the draft became the
     * journal; if not, the swap writes its journal itself as before.
     */
    public boolean writePreparedNow() {
        mayBeEarly = preparedDraft.isPresent();
        try {
            preparedEarly = use(preparedDraft, true, false);
            mayBeEarly = preparedEarly;
            if (preparedEarly) {
                holdJournal();
            }
        } catch (IOException e) {
            // Perhaps renamed but not durable: the swap writes the journal again (JournalStore.write), and
            // without a swap withdrawPrepared still looks for it.
            preparedEarly = false;
        }
        preparedDraft = Optional.empty();
        if (preparedEarly) {
            TestHooks.reach("journal-prepared-early");
        }
        return preparedEarly;
    }

    /** Opens the journal just made, for {@link #replacedJournal}; without it, its freeing falls in the window. */
    private void holdJournal() {
        try {
            replacedJournal = Optional.of(FileChannel.open(layout.journalFile(), StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | RuntimeException e) {
            replacedJournal = Optional.empty();
        }
    }

    /**
     * Where the PREPARED journal was written before the close and the swap did not begin: the journal,
     * if it is still that one, becomes {@code without} (the record of the services being stopped, which
     * recovery starts again; no apps) or, if empty, is deleted, durably. Called before the apps that did
     * close are started again, so that no recovery starts one a second time; nothing once the swap began.
     */
    public void withdrawPrepared(Optional<Journal> without) throws IOException {
        if (!mayBeEarly || swapping) {
            return;
        }
        Optional<Journal> now = JournalStore.read(layout);
        if (now.isPresent() && now.get().equals(prepared)) {
            if (without.isPresent()) {
                JournalStore.write(layout, without.get());
            } else {
                JournalStore.delete(layout);
            }
        }
        preparedEarly = false;
        mayBeEarly = false;
    }

    /** Makes {@code journal} (PREPARED) the journal: by renaming its draft, or by writing it. */
    void writePrepared(Journal journal) throws IOException {
        swapping = true;
        boolean same = isPrepared(journal);
        if (preparedEarly && same) {
            return; // the journal since before the close
        }
        if (!use(preparedDraft, same, false)) {
            writeInstead(preparedDraft, journal);
        }
        preparedDraft = Optional.empty();
    }

    /**
     * The COMMITTED journal of {@code journal}, made the journal: its draft renamed, or written now. With
     * {@code syncLater} a draft's rename is not fsync'd here: the caller makes it durable once the apps are
     * launched ({@link Finisher}), see {@link Transaction}.
     */
    Journal writeCommitted(Journal journal, Clock clock, boolean syncLater) throws IOException {
        boolean fresh = !clock.instant().isAfter(madeAt.plus(FRESH));
        Journal c = fresh && isPrepared(journal) ? committed : journal.committedAt(clock);
        if (!use(committedDraft, c == committed, syncLater)) {
            writeInstead(committedDraft, c);
        }
        committedDraft = Optional.empty();
        return c;
    }

    /**
     * Records that the closed apps of {@code journal} are being started again ({@link AppsRestarted}): in the
     * record opened before the close where there is one, else as {@link AppsRestarted#tryRecord} does; false,
     * and nothing written, if it cannot be recorded.
     */
    boolean recordAppsRestarted(Journal journal) {
        boolean recorded = record.isPresent() && record.get().write(journal) || AppsRestarted.tryRecord(layout, journal);
        if (recorded) {
            recordDraft = Optional.empty(); // the swap's record now: Finisher removes it with the journal
        }
        return recorded;
    }

    /**
     * Whether {@code journal} is the one drafted: the very object when every listed app closed
     * (ClosingSwap), so that no deep comparison of the records runs while the apps are down.
     */
    private boolean isPrepared(Journal journal) {
        return journal == prepared || journal.equals(prepared);
    }

    /** Renames {@code draft} over the journal if it is wanted and still the file written; false if not. */
    private boolean use(Optional<Draft> draft, boolean wanted, boolean syncLater) throws IOException {
        if (draft.isEmpty() || !wanted || !intact(draft.get())) {
            return false;
        }
        if (syncLater) {
            Durable.renameUnsynced(draft.get().file(), layout.journalFile());
        } else {
            Durable.rename(draft.get().file(), layout.journalFile());
        }
        return true;
    }

    /**
     * Writes {@code journal} as the journal where {@code draft} is not used, then deletes the draft if it is still
     * the file written: after the journal record, not before it, where its unlink would be a change of the
     * directory that no fsync made durable before the record (ApplyDurabilityIT); later syncs of the directory
     * cover it, and a draft a power loss brings back is a leftover the next drafts replace.
     */
    private void writeInstead(Optional<Draft> draft, Journal journal) throws IOException {
        JournalStore.write(layout, journal);
        deleteIfIntact(draft);
    }

    /** Deletes {@code draft} if it is still the file written (never a link or another file put in its place). */
    private void deleteIfIntact(Optional<Draft> draft) throws IOException {
        if (draft.isPresent() && intact(draft.get())) {
            layout.files().deleteOwn(draft.get().file());
        }
    }

    /** Whether {@code draft} is still the file this run wrote: the same file, the same size. */
    private boolean intact(Draft draft) throws IOException {
        Optional<BasicFileAttributes> now = ours(draft.file());
        return now.isPresent() && Objects.equals(now.get().fileKey(), draft.key()) && now.get().size() == draft.size();
    }

    /**
     * Deletes the drafts not used (the swap did not happen, or wrote other journals), never a link, lets
     * the journal the commit record replaced go ({@link #replacedJournal}), and closes the record opened
     * for the launch (deleted if nothing was recorded in it).
     */
    public void discard() {
        try {
            if (replacedJournal.isPresent()) {
                replacedJournal.get().close();
            }
        } catch (IOException e) {
            // closing a read-only descriptor: nothing was written through it
        }
        replacedJournal = Optional.empty();
        record.ifPresent(AppsRestarted.Ahead::close);
        record = Optional.empty();
        for (Optional<Draft> d : List.of(preparedDraft, committedDraft, recordDraft)) {
            try {
                deleteIfIntact(d);
            } catch (IOException e) {
                // a leftover temporary file: the next draft, an uninstall or a fresh install's cleanup removes it
            }
        }
        try {
            removeEmptyBackupDirs();
        } catch (IOException e) {
            // an empty leftover directory in .rmkit/backup/: an uninstall removes it
        }
        preparedDraft = Optional.empty();
        committedDraft = Optional.empty();
        recordDraft = Optional.empty();
    }

    /** No drafts: every journal is written when it is needed. */
    public static JournalDrafts none(InstallLayout layout) {
        JournalDrafts d = new JournalDrafts(layout, null, null, Instant.EPOCH);
        d.preparedDraft = Optional.empty();
        d.committedDraft = Optional.empty();
        return d;
    }
}
