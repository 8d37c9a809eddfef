package dev.rmkit.updater.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.apply.Recovery;
import dev.rmkit.updater.install.InstalledStore;
import dev.rmkit.updater.testing.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The closed apps started again once the swap's renames are done, before their fsyncs and the commit
 * record ({@link Transaction}), and what recovery makes of each state a crash or a power loss can leave:
 * every rename done and the launch recorded rolls forward without a second start; anything less rolls back.
 */
class LaunchBeforeCommitTest {

    @TempDir Path tmp;

    private SwapFixture fixture() throws Exception {
        return SwapFixture.standard(tmp.resolve("app"));
    }

    private Map<String, String> tree(Map<String, String> files, String name) throws Exception {
        Path ref = tmp.resolve(name);
        Trees.write(ref, files);
        Trees.write(ref, Map.of("user.txt", "user data"));
        return Trees.snapshot(ref);
    }

    private static Path record(SwapFixture f) {
        return f.layout().stateDir().resolve("apps-restarted");
    }

    @Test
    void theAppsStartOnTheNewFilesBeforeTheCommitRecordAndOnlyOnce() throws Exception {
        SwapFixture f = fixture();
        Journal j = f.journalWithApp();
        List<String> seen = new ArrayList<>();
        Runnable launch = () -> {
            try {
                Journal found = JournalStore.read(f.layout()).orElseThrow();
                seen.add("launch: " + found.state() + " " + Files.readString(f.layout().resolve("a.txt")) + " "
                        + Files.readString(record(f)).equals(j.txid()) + " " + new Swap(f.layout()).renamed(found));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Runnable afterCommit = () -> {
            try {
                seen.add("after: " + JournalStore.read(f.layout()).orElseThrow().state());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        Transaction.Committed c = Transaction.run(f.layout(), j, Clock.systemUTC(), Optional.of(launch),
                Optional.of(afterCommit), JournalDrafts.none(f.layout()));

        assertTrue(c.clean(), c.cleanupProblem());
        assertEquals(List.of("launch: PREPARED A2 true true", "after: COMMITTED"), seen);
        assertEquals(tree(SwapTest.NEW, "new"), Trees.snapshot(f.layout().installDir()));
        assertEquals("2.0", InstalledStore.read(f.layout()).orElseThrow().version());
        assertFalse(Files.exists(f.layout().journalFile()));
        assertFalse(Files.exists(record(f)), "the record goes with the journal");
    }

    @Test
    void aCommitRecordThatCannotBeWrittenAfterTheLaunchLeavesTheUpdateToResumeNotRolledBack() throws Exception {
        SwapFixture f = fixture();
        Journal j = f.journalWithApp();
        Path obstacle = f.layout().stateDir().resolve(".journal.json.tmp");
        int[] launched = {0};
        boolean[] after = {false};
        Runnable launch = () -> {
            launched[0]++;
            try {
                // A directory where the journal's temporary file goes: the COMMITTED journal cannot be written.
                Files.createDirectories(obstacle);
                Files.writeString(obstacle.resolve("keep"), "in the way");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        Transaction.Committed c = Transaction.run(f.layout(), j, Clock.systemUTC(), Optional.of(launch),
                Optional.of(() -> after[0] = true), JournalDrafts.none(f.layout()));

        assertFalse(c.clean());
        assertTrue(c.cleanupProblem().contains("the apps run on them") && c.cleanupProblem().contains("updater resume"),
                c.cleanupProblem());
        assertEquals(1, launched[0]);
        assertTrue(after[0], "what follows the launch still ran");
        assertEquals(JournalState.PREPARED, JournalStore.read(f.layout()).orElseThrow().state());
        assertEquals(tree(SwapTest.NEW, "new").get("a.txt"), Trees.snapshot(f.layout().installDir()).get("a.txt"),
                "not rolled back under the running apps");

        Files.delete(obstacle.resolve("keep"));
        Files.delete(obstacle);
        Recovery.Result r = Recovery.recover(f.layout(), "boot-1", Clock.systemUTC());
        assertEquals(Recovery.Kind.ROLLED_FORWARD, r.kind());
        assertEquals(0, r.journal().orElseThrow().closedApps().size(), "not started a second time");
        assertEquals(tree(SwapTest.NEW, "new"), Trees.snapshot(f.layout().installDir()));
    }

    @Test
    void withoutClosedAppsNothingIsLaunchedBeforeTheCommit() throws Exception {
        SwapFixture f = fixture();
        boolean[] launched = {false};

        Transaction.run(f.layout(), f.journal(), Clock.systemUTC(), Optional.of(() -> launched[0] = true),
                Optional.empty(), JournalDrafts.none(f.layout()));

        assertFalse(launched[0], "no closed app: nothing to start, the swap commits as before");
        assertEquals(tree(SwapTest.NEW, "new"), Trees.snapshot(f.layout().installDir()));
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "a symbolic link at the record's name")
    void whereTheLaunchCannotBeRecordedTheAppsWaitForTheCommit() throws Exception {
        SwapFixture f = fixture();
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.txt"), "someone else's");
        Files.createSymbolicLink(record(f), elsewhere);
        boolean[] launched = {false};
        List<String> seen = new ArrayList<>();

        Transaction.Committed c = Transaction.run(f.layout(), f.journalWithApp(), Clock.systemUTC(),
                Optional.of(() -> launched[0] = true), Optional.of(() -> {
                    try {
                        Journal found = JournalStore.read(f.layout()).orElseThrow();
                        seen.add(found.state() + " " + found.closedApps().size());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), JournalDrafts.none(f.layout()));

        assertTrue(c.clean(), c.cleanupProblem());
        assertFalse(launched[0], "a launch that recovery could not know of: not before the commit");
        assertEquals(List.of("COMMITTED 0"), seen, "started after the commit, by a journal rewritten without them");
        assertEquals("someone else's", Files.readString(elsewhere), "nothing written through the link");
    }

    @Test
    void aCrashAfterTheLaunchIsRolledForwardWithoutStartingTheAppsAgain() throws Exception {
        SwapFixture f = fixture();
        Journal j = f.journalWithApp();
        JournalStore.write(f.layout(), j);
        new Swap(f.layout()).rename(j); // the renames, not made durable: a crash before their fsync
        assertTrue(AppsRestarted.tryRecord(f.layout(), j));

        Recovery.Result r = Recovery.recover(f.layout(), "boot-1", Clock.systemUTC());

        assertEquals(Recovery.Kind.ROLLED_FORWARD, r.kind());
        assertEquals(0, r.journal().orElseThrow().closedApps().size(), "started once already: not again");
        assertEquals(tree(SwapTest.NEW, "new"), Trees.snapshot(f.layout().installDir()));
        assertEquals("2.0", InstalledStore.read(f.layout()).orElseThrow().version());
        assertFalse(Files.exists(f.layout().journalFile()));
        assertFalse(Files.exists(record(f)));
        assertEquals(Recovery.Kind.NOTHING, Recovery.recover(f.layout(), "boot-1", Clock.systemUTC()).kind());
    }

    @Test
    void aPowerLossThatKeptTheRecordButNotEveryRenameRollsBackAndStartsTheApps() throws Exception {
        SwapFixture f = fixture();
        Journal j = f.journalWithApp();
        Map<String, String> before = Trees.snapshot(f.layout().installDir());
        JournalStore.write(f.layout(), j);
        assertTrue(AppsRestarted.tryRecord(f.layout(), j));
        // What the disk kept of the renames: the first displaced file's move to the backup, nothing more.
        Swap swap = new Swap(f.layout());
        JournalStep first = j.steps().stream().filter(JournalStep::displaces).findFirst().orElseThrow();
        Files.createDirectories(swap.backup(j, first).getParent());
        Files.move(swap.target(first), swap.backup(j, first));

        Recovery.Result r = Recovery.recover(f.layout(), "boot-1", Clock.systemUTC());

        assertEquals(Recovery.Kind.ROLLED_BACK, r.kind());
        assertEquals(1, r.journal().orElseThrow().closedApps().size(), "the apps, gone with the machine, are listed");
        assertEquals(before, Trees.snapshot(f.layout().installDir()));
        assertFalse(Files.exists(f.layout().journalFile()));
    }

    @Test
    void everyRenameDoneButNoRecordOfALaunchRollsBack() throws Exception {
        SwapFixture f = fixture();
        Journal j = f.journalWithApp();
        Map<String, String> before = Trees.snapshot(f.layout().installDir());
        JournalStore.write(f.layout(), j);
        new Swap(f.layout()).rename(j); // the run died before it recorded, and so before it started, the apps

        assertEquals(Recovery.Kind.ROLLED_BACK, Recovery.recover(f.layout(), "boot-1", Clock.systemUTC()).kind());
        assertEquals(before, Trees.snapshot(f.layout().installDir()));
    }
}
