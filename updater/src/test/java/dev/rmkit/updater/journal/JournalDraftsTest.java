package dev.rmkit.updater.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.updater.install.InstalledStore;
import dev.rmkit.updater.install.StateJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class JournalDraftsTest {

    static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir Path tmp;

    private SwapFixture fixture() throws Exception {
        return SwapFixture.create(tmp.resolve("app"), Map.of("a.txt", "A1", "user.txt", "user data"),
                Map.of("a.txt", "A2"), Set.of("a.txt"), List.of());
    }

    /** A clock the test moves. */
    static final class Moving extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static Object key(Path p) throws IOException {
        return Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
    }

    /** Runs the swap of {@code j}; returns the journal on disk when the apps come back, and its file key. */
    private static List<Object> swap(SwapFixture f, Journal j, Clock clock, JournalDrafts drafts) throws Exception {
        List<Object> seen = new ArrayList<>();
        Transaction.Committed c = Transaction.run(f.layout(), j, clock, Optional.of(() -> {
            try {
                seen.add(StateJson.read(f.layout().journalFile(), Journal.class));
                seen.add(key(f.layout().journalFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), drafts);
        assertTrue(c.clean(), c.cleanupProblem());
        return seen;
    }

    private static void assertNoDraftsLeft(SwapFixture f) {
        assertFalse(Files.exists(JournalDrafts.preparedFile(f.layout()), LinkOption.NOFOLLOW_LINKS), "the PREPARED draft");
        assertFalse(Files.exists(JournalDrafts.committedFile(f.layout()), LinkOption.NOFOLLOW_LINKS), "the COMMITTED draft");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "Java gives no file key on Windows, so no journal is drafted there")
    void theDraftsBecomeTheJournalsByRenameAndNoTemporaryFileIsLeft() throws Exception {
        SwapFixture f = fixture();
        Moving clock = new Moving();
        JournalDrafts drafts = JournalDrafts.write(f.layout(), f.journalWithApp(), clock);
        Object committedDraft = key(JournalDrafts.committedFile(f.layout()));
        assertTrue(Files.isRegularFile(JournalDrafts.preparedFile(f.layout())));
        clock.now = T0.plusMillis(300); // the close took 300 ms

        List<Object> seen = swap(f, f.journalWithApp(), clock, drafts);

        assertEquals(f.journalWithApp().committedAt(Clock.fixed(T0, ZoneOffset.UTC)), seen.get(0), "the drafted commit record");
        assertEquals(committedDraft, seen.get(1), "journal.json is the drafted file, renamed");
        assertEquals(T0.toString(), InstalledStore.read(f.layout()).orElseThrow().installedAt());
        assertNoDraftsLeft(f);
        assertEquals("A2", Files.readString(f.layout().resolve("a.txt")));
    }

    @Test
    void aSwapWhoseJournalIsNotTheDraftedOneWritesItsOwnAndDeletesTheDrafts() throws Exception {
        SwapFixture f = fixture();
        Moving clock = new Moving();
        JournalDrafts drafts = JournalDrafts.write(f.layout(), f.journalWithApp(), clock);

        List<Object> seen = swap(f, f.journal(), clock, drafts); // the app was not among those that closed

        assertEquals(List.of(), ((Journal) seen.get(0)).closedApps(), "the journal of the swap that ran");
        assertEquals(JournalState.COMMITTED, ((Journal) seen.get(0)).state());
        assertNoDraftsLeft(f);
    }

    @Test
    void aCommitRecordDraftedMoreThanTwoSecondsBeforeTheCommitIsWrittenAfresh() throws Exception {
        SwapFixture f = fixture();
        Moving clock = new Moving();
        JournalDrafts drafts = JournalDrafts.write(f.layout(), f.journalWithApp(), clock);
        clock.now = T0.plus(JournalDrafts.FRESH).plusMillis(1); // a long close (--wait)

        List<Object> seen = swap(f, f.journalWithApp(), clock, drafts);

        assertEquals(clock.now.toString(), ((Journal) seen.get(0)).after().orElseThrow().installedAt());
        assertEquals(clock.now.toString(), InstalledStore.read(f.layout()).orElseThrow().installedAt());
        assertFalse(Files.exists(JournalDrafts.committedFile(f.layout()), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "creating symbolic links needs a privilege on Windows")
    void aDraftSwappedForALinkMeanwhileIsNeitherUsedNorFollowedAndTheLinkStays() throws Exception {
        SwapFixture f = fixture();
        Moving clock = new Moving();
        JournalDrafts drafts = JournalDrafts.write(f.layout(), f.journalWithApp(), clock);
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.json"), "not a journal");
        Path draft = JournalDrafts.preparedFile(f.layout());
        Files.delete(draft);
        Files.createSymbolicLink(draft, elsewhere);

        List<Object> seen = swap(f, f.journalWithApp(), clock, drafts);

        assertEquals(1, ((Journal) seen.get(0)).closedApps().size());
        assertTrue(Files.isSymbolicLink(draft), "a link the updater did not make stays");
        assertEquals("not a journal", Files.readString(elsewhere));
        assertEquals("A2", Files.readString(f.layout().resolve("a.txt")));
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "creating symbolic links needs a privilege on Windows")
    void aLinkAtADraftsNameMeansNoDraftAndIsLeftAlone() throws Exception {
        SwapFixture f = fixture();
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.json"), "someone else's");
        Path draft = JournalDrafts.committedFile(f.layout());
        Files.createSymbolicLink(draft, elsewhere);

        JournalDrafts drafts = JournalDrafts.write(f.layout(), f.journalWithApp(), new Moving());
        drafts.discard();

        assertTrue(Files.isSymbolicLink(draft));
        assertEquals("someone else's", Files.readString(elsewhere));
        assertFalse(Files.exists(JournalDrafts.preparedFile(f.layout()), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "Java gives no file key on Windows, so no journal is drafted there")
    void theJournalWrittenBeforeTheCloseIsWithdrawnIfNoSwapFollowsAndKeptOnceOneBegan() throws Exception {
        SwapFixture f = fixture();
        Journal j = f.journalWithApp();
        JournalDrafts drafts = JournalDrafts.write(f.layout(), j, Clock.systemUTC());
        assertTrue(drafts.writePreparedNow());
        assertEquals(Optional.of(j), JournalStore.read(f.layout()), "the journal, naming the app, before the close");
        drafts.withdrawPrepared(Optional.empty());
        assertEquals(Optional.empty(), JournalStore.read(f.layout()), "no swap: withdrawn");
        drafts.discard();

        JournalDrafts withServices = JournalDrafts.write(f.layout(), j, Clock.systemUTC());
        assertTrue(withServices.writePreparedNow());
        Journal servicesRecord = f.journal().withServices(List.of(ServiceUnit.system("app.service")));
        withServices.withdrawPrepared(Optional.of(servicesRecord));
        assertEquals(Optional.of(servicesRecord), JournalStore.read(f.layout()), "back to the services' record");
        withServices.discard();
        JournalStore.delete(f.layout());

        JournalDrafts swapping = JournalDrafts.write(f.layout(), j, Clock.systemUTC());
        assertTrue(swapping.writePreparedNow());
        swapping.writePrepared(j); // the swap begins: the journal is already this one
        swapping.withdrawPrepared(Optional.empty());
        assertEquals(Optional.of(j), JournalStore.read(f.layout()), "once the swap began, the journal is recovery's");
        swapping.discard();
    }

    /** The open descriptors of this process whose file was {@code file} and is deleted now. */
    private static long openButDeleted(Path file) throws IOException {
        long n = 0;
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(file + " (deleted)")) {
                        n++;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor of the listing itself, or one closed since
                }
            }
        }
        return n;
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "drafts and /proc/self/fd are Linux's")
    void theJournalReplacedByTheCommitRecordIsFreedOnlyAfterTheAppsAreBack() throws Exception {
        SwapFixture f = fixture();
        Path journal = f.layout().journalFile();
        JournalDrafts drafts = JournalDrafts.write(f.layout(), f.journalWithApp(), Clock.systemUTC());
        assertTrue(drafts.writePreparedNow());
        long[] whenBack = new long[1];
        Transaction.Committed c = Transaction.run(f.layout(), f.journalWithApp(), Clock.systemUTC(), Optional.of(() -> {
            try {
                whenBack[0] = openButDeleted(journal);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), drafts);
        assertTrue(c.clean(), c.cleanupProblem());

        // Replaced by the commit record's rename, the PREPARED journal is still open: its blocks are not
        // freed (on a file system mounted with discard, a synchronous discard) between the exit and the launch.
        assertEquals(1, whenBack[0], "the replaced PREPARED journal, still open when the apps come back");
        drafts.discard();
        assertEquals(0, openButDeleted(journal), "closed once the run is done with its drafts");
    }

    @Test
    void unusedDraftsAreDiscardedWhenNoSwapRuns() throws Exception {
        SwapFixture f = fixture();
        JournalDrafts drafts = JournalDrafts.write(f.layout(), f.journalWithApp(), Clock.systemUTC());
        assertTrue(Files.isDirectory(f.layout().backupDir(f.journal().txid())), "the swap's backup directory, made early");

        drafts.discard(); // an app refused

        assertNoDraftsLeft(f);
        assertFalse(Files.exists(f.layout().journalFile()), "no journal: nothing was swapped");
        assertFalse(Files.exists(f.layout().backupDir(f.journal().txid())), "its empty backup directory is gone");
    }
}
