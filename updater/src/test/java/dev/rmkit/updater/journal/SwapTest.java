package dev.rmkit.updater.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.apply.Recovery;
import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.install.InstalledStore;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwapTest {

    static final Map<String, String> OLD = Map.of(
            "a.txt", "A1", "lib/b.txt", "B", "old/x.txt", "X", "user.txt", "user data");
    static final Set<String> MANAGED = Set.of("a.txt", "lib/b.txt", "old/x.txt");
    static final Map<String, String> NEW = Map.of(
            "a.txt", "A2", "lib/b.txt", "B", "new/dir/c.txt", "C");

    @TempDir Path tmp;

    private SwapFixture fixture() throws Exception {
        return SwapFixture.create(tmp.resolve("app"), OLD, NEW, MANAGED, List.of());
    }

    private Map<String, String> expectedNew() throws Exception {
        Path ref = tmp.resolve("ref-new");
        Trees.write(ref, NEW);
        Trees.write(ref, Map.of("user.txt", "user data"));
        return Trees.snapshot(ref);
    }

    @Test
    void commitLeavesExactlyTheNewTreeAndNoSwapState() throws Exception {
        SwapFixture f = fixture();
        Transaction.Committed c = Transaction.run(f.layout(), f.journal(), Clock.systemUTC());

        assertTrue(c.clean(), c.cleanupProblem());
        assertEquals(expectedNew(), Trees.snapshot(f.layout().installDir()));
        assertFalse(Files.exists(f.layout().journalFile()));
        assertFalse(Files.exists(f.layout().backupDir(f.journal().txid())));
        assertFalse(Files.exists(f.layout().stagingDir("2.0")));
        assertEquals("2.0", InstalledStore.read(f.layout()).orElseThrow().version());
    }

    @Test
    void closedAppsComeBackRightAfterTheCommitAndRecoveryWouldNotStartThemAgain() throws Exception {
        SwapFixture f = fixture();
        Journal withApps = f.journal().withClosedApps(List.of(new ClosedApp("app", 42, List.of("/bin/app"), "/")));
        List<String> seen = new java.util.ArrayList<>();

        Transaction.Committed c = Transaction.run(f.layout(), withApps, Clock.systemUTC(), java.util.Optional.of(() -> {
            try {
                // The new release is in and committed; installed.json and the cleanup come after the apps.
                Journal found = JournalStore.read(f.layout()).orElseThrow();
                seen.add(found.state().toString());
                seen.add(Files.readString(f.layout().resolve("a.txt")));
                seen.add(Boolean.toString(Files.exists(f.layout().backupDir(withApps.txid()).resolve("a.txt"))));
                // A crash from here on must not make recovery start the app a second time.
                seen.add(Integer.toString(found.closedApps().size()));
                seen.add(Integer.toString(new Swap(f.layout()).appsRestarted(found).closedApps().size()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }));

        assertTrue(c.clean(), c.cleanupProblem());
        assertEquals(List.of("COMMITTED", "A2", "true", "1", "0"), seen);
        assertEquals("2.0", InstalledStore.read(f.layout()).orElseThrow().version());
        assertEquals(expectedNew(), Trees.snapshot(f.layout().installDir()));
        assertFalse(Files.exists(f.layout().backupDir(withApps.txid())));
        assertFalse(Files.exists(f.layout().journalFile()));
        assertFalse(Files.exists(f.layout().stateDir().resolve("apps-restarted")), "the record goes with the journal");
    }

    @Test
    void aCommittedJournalWhoseAppsWereNotYetStartedStillHasThemForRecovery() throws Exception {
        SwapFixture f = fixture();
        Journal withApps = f.journal().withClosedApps(List.of(new ClosedApp("app", 42, List.of("/bin/app"), "/")));
        Files.writeString(f.layout().stateDir().resolve("apps-restarted"), "an-earlier-swap");

        assertEquals(1, new Swap(f.layout()).appsRestarted(withApps.withState(JournalState.COMMITTED)).closedApps().size(),
                "a record naming another swap says nothing about this one");
    }

    @Test
    void aSwapThatFailsNeverRunsTheRestartHook() throws Exception {
        SwapFixture f = fixture();
        Files.createDirectories(f.layout().resolve("new/dir"));
        Files.writeString(f.layout().resolve("new/dir/c.txt"), "appeared meanwhile");
        boolean[] ran = {false};

        assertThrows(UpdateException.ApplyFailed.class, () -> Transaction.run(f.layout(), f.journal(), Clock.systemUTC(),
                java.util.Optional.of(() -> ran[0] = true)));

        assertFalse(ran[0], "the caller restarts the apps of a failed swap itself");
    }

    @Test
    void failureBeforeCommitRestoresTheOldTreeAndKeepsTheStagedRelease() throws Exception {
        SwapFixture f = fixture();
        Map<String, String> before = Trees.snapshot(f.layout().installDir());
        Map<String, String> staged = Trees.snapshot(f.layout().stagingDir("2.0"));
        // The last step (new/dir/c.txt is an ADD) finds its target taken: the swap must undo the others.
        Files.createDirectories(f.layout().resolve("new/dir"));
        Files.writeString(f.layout().resolve("new/dir/c.txt"), "appeared meanwhile");
        before = Trees.snapshot(f.layout().installDir());

        UpdateException e = assertThrows(UpdateException.ApplyFailed.class,
                () -> Transaction.run(f.layout(), f.journal(), Clock.systemUTC()));

        assertTrue(e.getMessage().contains("rolled back"), e.getMessage());
        assertEquals(before, Trees.snapshot(f.layout().installDir()));
        assertEquals(staged, Trees.snapshot(f.layout().stagingDir("2.0")));
        assertFalse(Files.exists(f.layout().journalFile()));
        assertFalse(Files.exists(f.layout().installedFile()));
    }

    @Test
    void rollbackAfterEveryRenameRestoresTheOldTreeAndRepeatingItChangesNothing() throws Exception {
        SwapFixture f = fixture();
        Map<String, String> before = Trees.snapshot(f.layout().installDir());
        Swap swap = new Swap(f.layout());
        JournalStore.write(f.layout(), f.journal());
        swap.rename(f.journal()).sync();
        Map<String, String> swapped = Trees.snapshot(f.layout().installDir());
        assertEquals(expectedNew().get("a.txt"), swapped.get("a.txt"));
        assertFalse(swapped.containsKey("old/x.txt"));

        swap.rollback(f.journal());
        assertEquals(before, Trees.snapshot(f.layout().installDir()));
        swap.rollback(f.journal());
        assertEquals(before, Trees.snapshot(f.layout().installDir()));
        assertFalse(Files.exists(f.layout().journalFile()));
    }

    @Test
    void recoveryRollsBackAPreparedJournalAndRollsForwardACommittedOne() throws Exception {
        SwapFixture f = fixture();
        Map<String, String> before = Trees.snapshot(f.layout().installDir());
        Swap swap = new Swap(f.layout());
        JournalStore.write(f.layout(), f.journal());
        swap.rename(f.journal()).sync();

        Recovery.Result back = Recovery.recover(f.layout(), "boot-1", Clock.systemUTC());
        assertEquals(Recovery.Kind.ROLLED_BACK, back.kind());
        assertEquals(before, Trees.snapshot(f.layout().installDir()));

        JournalStore.write(f.layout(), f.journal());
        swap.rename(f.journal()).sync();
        JournalStore.write(f.layout(), f.journal().committedAt(Clock.systemUTC()));
        Recovery.Result forward = Recovery.recover(f.layout(), "boot-1", Clock.systemUTC());
        assertEquals(Recovery.Kind.ROLLED_FORWARD, forward.kind());
        assertEquals(expectedNew(), Trees.snapshot(f.layout().installDir()));
        assertEquals(Recovery.Kind.NOTHING, Recovery.recover(f.layout(), "boot-1", Clock.systemUTC()).kind());
    }

    @Test
    void aPendingRebootSwapWaitsForAnotherBootThenInstallsTheRelease() throws Exception {
        SwapFixture f = fixture();
        Map<String, String> before = Trees.snapshot(f.layout().installDir());
        JournalStore.write(f.layout(), f.journal().withState(JournalState.PENDING_REBOOT));

        assertEquals(Recovery.Kind.PENDING_REBOOT, Recovery.recover(f.layout(), "boot-1", Clock.systemUTC()).kind());
        assertEquals(before, Trees.snapshot(f.layout().installDir()));

        Recovery.Result r = Recovery.recover(f.layout(), "boot-2", Clock.systemUTC());
        assertEquals(Recovery.Kind.COMPLETED_AFTER_REBOOT, r.kind());
        assertEquals(expectedNew(), Trees.snapshot(f.layout().installDir()));
        assertEquals("2.0", InstalledStore.read(f.layout()).orElseThrow().version());
    }

    @Test
    void aPendingSwapWhoseStagedFileChangedIsDroppedAndInstallsNothing() throws Exception {
        SwapFixture f = fixture();
        Map<String, String> before = Trees.snapshot(f.layout().installDir());
        JournalStore.write(f.layout(), f.journal().withState(JournalState.PENDING_REBOOT));
        Files.writeString(f.layout().stagingDir("2.0").resolve("a.txt"), "A3");

        UpdateException e = assertThrows(UpdateException.ApplyFailed.class,
                () -> Recovery.recover(f.layout(), "boot-2", Clock.systemUTC()));

        assertTrue(e.getMessage().contains("expected SHA-256"), e.getMessage());
        assertEquals(before, Trees.snapshot(f.layout().installDir()));
        assertFalse(Files.exists(f.layout().journalFile()));
    }

    @Test
    void aManagedFileThatBecomesADirectorySwapsAndRollsBackByteForByte() throws Exception {
        SwapFixture f = SwapFixture.create(tmp.resolve("app"), Map.of("plugins", "managed list", "user.txt", "mine"),
                Map.of("plugins/x.jar", "X"), Set.of("plugins"), List.of());
        Map<String, String> before = Trees.snapshot(f.layout().installDir());
        Swap swap = new Swap(f.layout());
        JournalStore.write(f.layout(), f.journal());

        swap.rename(f.journal()).sync();
        assertEquals("X", Files.readString(f.layout().resolve("plugins/x.jar")));
        swap.rollback(f.journal());

        assertEquals(before, Trees.snapshot(f.layout().installDir()));
        assertEquals("managed list", Files.readString(f.layout().resolve("plugins")));
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aDirectorySwappedForALinkAfterThePlanIsNotWrittenThrough() throws Exception {
        SwapFixture f = fixture();
        Path outside = Files.createDirectories(tmp.resolve("outside/lib"));
        Files.writeString(outside.resolve("b.txt"), "outside");
        Path lib = f.layout().resolve("new");
        Files.createSymbolicLink(lib, outside); // "new/dir/c.txt" is added: the swap would create new/dir in it
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        UpdateException e = assertThrows(UpdateException.ApplyFailed.class,
                () -> Transaction.run(f.layout(), f.journal(), Clock.systemUTC()));

        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
        assertEquals(outsideBefore, Trees.snapshot(outside));
        assertTrue(Files.isSymbolicLink(lib), "the link stays");
        assertEquals("A1", Files.readString(f.layout().resolve("a.txt")), "rolled back");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void pruningLeavesALinkThatTookTheEmptiedDirectorysPlace() throws Exception {
        SwapFixture f = fixture();
        Swap swap = new Swap(f.layout());
        JournalStore.write(f.layout(), f.journal());
        swap.rename(f.journal()).sync();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.delete(f.layout().resolve("old")); // emptied by the removal of old/x.txt
        Files.createSymbolicLink(f.layout().resolve("old"), outside);

        swap.finish(f.journal().committedAt(Clock.systemUTC()));

        assertTrue(Files.isSymbolicLink(f.layout().resolve("old")), "a link the updater did not create is not unlinked");
        assertTrue(Files.isDirectory(outside));
    }
}
