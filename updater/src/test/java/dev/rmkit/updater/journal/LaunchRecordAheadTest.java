package dev.rmkit.updater.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The record that the closed apps are being launched ({@link AppsRestarted}) opened, empty, with the
 * journals drafted before the close ({@link JournalDrafts}), and written in place between the apps' exit
 * and their launch: never through a link, never left behind by a run that did not swap.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the record is opened ahead only where Java gives a file key")
class LaunchRecordAheadTest {

    @TempDir Path tmp;

    private SwapFixture fixture() throws Exception {
        return SwapFixture.standard(tmp.resolve("app"));
    }

    private static Path record(SwapFixture f) {
        return AppsRestarted.file(f.layout());
    }

    private static Object key(Path p) throws IOException {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    @Test
    void theRecordIsOpenedEmptyBeforeTheCloseAndTheLaunchFindsTheSwapsIdInThatVeryFile() throws Exception {
        SwapFixture f = fixture();
        Journal j = f.journalWithApp();
        JournalDrafts drafts = JournalDrafts.write(f.layout(), j, Clock.systemUTC());
        assertTrue(Files.isRegularFile(record(f), LinkOption.NOFOLLOW_LINKS), "opened with the drafts, before the close");
        assertEquals(0, Files.size(record(f)), "empty: it names no swap until the launch");
        assertFalse(AppsRestarted.recorded(f.layout(), j), "recovery now would start the apps");
        Object opened = key(record(f));
        List<Object> atLaunch = new ArrayList<>();

        Transaction.Committed c = Transaction.run(f.layout(), j, Clock.systemUTC(), Optional.of(() -> {
            try {
                atLaunch.add(Files.readString(record(f)));
                atLaunch.add(key(record(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), Optional.empty(), drafts);
        drafts.discard();

        assertTrue(c.clean(), c.cleanupProblem());
        assertEquals(List.of(j.txid(), opened), atLaunch, "the swap's id, written into the file opened before the close");
        assertFalse(Files.exists(record(f), LinkOption.NOFOLLOW_LINKS), "removed with the journal");
    }

    @Test
    void aRunThatDoesNotSwapLeavesNoRecordAndALeftoverNeverNamesThisSwap() throws Exception {
        SwapFixture f = fixture();
        Journal j = f.journalWithApp();
        Files.writeString(record(f), j.txid()); // a leftover naming this very id: it must not count before the launch
        JournalDrafts drafts = JournalDrafts.write(f.layout(), j, Clock.systemUTC());
        assertFalse(AppsRestarted.recorded(f.layout(), j), "emptied when opened: the apps are not launched yet");

        drafts.discard(); // an app refused: no swap

        assertFalse(Files.exists(record(f), LinkOption.NOFOLLOW_LINKS), "the empty record goes with the drafts");
    }

    @Test
    void aFilePutInTheRecordsPlaceMeanwhileIsNotDeleted() throws Exception {
        SwapFixture f = fixture();
        JournalDrafts drafts = JournalDrafts.write(f.layout(), f.journalWithApp(), Clock.systemUTC());
        Files.delete(record(f));
        Files.createFile(record(f)); // empty too, but another file

        drafts.discard();

        assertTrue(Files.exists(record(f), LinkOption.NOFOLLOW_LINKS), "not the file this run opened: it stays");
    }

    @Test
    void withoutClosedAppsNoRecordIsOpened() throws Exception {
        SwapFixture f = fixture();
        JournalDrafts drafts = JournalDrafts.write(f.layout(), f.journal(), Clock.systemUTC());
        assertFalse(Files.exists(record(f), LinkOption.NOFOLLOW_LINKS));
        drafts.discard();
    }

    @Test
    void aLinkAtTheRecordsNameIsNeitherOpenedNorFollowedAndTheAppsWaitForTheCommit() throws Exception {
        SwapFixture f = fixture();
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.txt"), "someone else's");
        Files.createSymbolicLink(record(f), elsewhere);
        JournalDrafts drafts = JournalDrafts.write(f.layout(), f.journalWithApp(), Clock.systemUTC());
        boolean[] launched = {false};
        List<String> after = new ArrayList<>();

        Transaction.Committed c = Transaction.run(f.layout(), f.journalWithApp(), Clock.systemUTC(),
                Optional.of(() -> launched[0] = true), Optional.of(() -> {
                    try {
                        after.add(String.valueOf(JournalStore.read(f.layout()).orElseThrow().state()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), drafts);
        drafts.discard();

        assertTrue(c.clean(), c.cleanupProblem());
        assertFalse(launched[0], "no record could be written: no launch before the commit");
        assertEquals(List.of("COMMITTED"), after);
        assertEquals("someone else's", Files.readString(elsewhere), "nothing written through the link");
        assertTrue(Files.isSymbolicLink(record(f)), "the link stays");
    }
}
