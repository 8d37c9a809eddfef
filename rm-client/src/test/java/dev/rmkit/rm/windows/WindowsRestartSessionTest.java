package dev.rmkit.rm.windows;

import static dev.rmkit.rm.windows.FakeRmApi.app;
import static dev.rmkit.rm.windows.jna.RestartManager.RmConsole;
import static dev.rmkit.rm.windows.jna.RestartManager.RmMainWindow;
import static dev.rmkit.rm.windows.jna.RestartManager.RmStatusErrorOnRestart;
import static dev.rmkit.rm.windows.jna.RestartManager.RmStatusErrorOnStop;
import static dev.rmkit.rm.windows.jna.RestartManager.RmStatusRestarted;
import static dev.rmkit.rm.windows.jna.RestartManager.RmStatusRunning;
import static dev.rmkit.rm.windows.jna.RestartManager.RmStatusStopped;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.RebootReason;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RmCancelledException;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ShutdownOption;
import dev.rmkit.rm.ShutdownResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowsRestartSessionTest {

    private final FakeRmApi rm = new FakeRmApi();

    private WindowsRestartSession start() throws RmException {
        return WindowsRestartSession.start(rm, ProcessInfos.withoutCommands());
    }

    @Test
    void startPassesAZeroedBufferAndReadsTheKeyUpToItsNul() throws RmException {
        rm.keyWritten = "abc\0zzz".toCharArray();
        try (WindowsRestartSession s = start()) {
            assertEquals("abc", s.key());
            assertTrue(s.isPrimary());
        }
    }

    @Test
    void aKeyWithoutNulIsCutAtThirtyTwoCharacters() throws RmException {
        rm.keyWritten = "0123456789abcdef0123456789abcdefXYZ".toCharArray();
        try (WindowsRestartSession s = start()) {
            assertEquals("0123456789abcdef0123456789abcdef", s.key());
        }
    }

    @Test
    void tooManySessionsIsReportedWithItsCode() {
        rm.startCode = 353;
        RmException e = assertThrows(RmException.class, this::start);
        assertEquals("RmStartSession", e.operation());
        assertEquals(353, e.errorCode());
    }

    @Test
    void registersFilesInBatchesOfAtMostAThousand() throws RmException {
        List<Path> files = IntStream.range(0, 2500).mapToObj(i -> Path.of("/data/f" + i)).toList();
        try (WindowsRestartSession s = start()) {
            s.registerFiles(files);
        }
        assertEquals(List.of(1000, 1000, 500), rm.fileBatches.stream().map(List::size).toList());
        assertEquals(files.get(0).toAbsolutePath().toString(), rm.fileBatches.get(0).get(0));
        assertEquals(files.get(2499).toAbsolutePath().toString(), rm.fileBatches.get(2).get(499));
    }

    @Test
    void aDirectoryIsRejectedBeforeAnythingIsRegistered(@TempDir Path dir) throws RmException {
        try (WindowsRestartSession s = start()) {
            RmException e = assertThrows(RmException.class, () -> s.registerFiles(List.of(Path.of("/data/a"), dir)));
            assertTrue(e.getMessage().contains("not directories"), e.getMessage());
        }
        assertEquals(List.of(), rm.fileBatches);
    }

    @Test
    void listRetriesWhileTheListGrowsBetweenCalls() throws RmException {
        rm.nextLists.add(apps(10));
        rm.nextLists.add(apps(12));
        rm.nextLists.add(apps(15));
        try (WindowsRestartSession s = start()) {
            assertEquals(15, s.list().apps().size());
        }
        assertEquals(List.of(8, 10, 12, 15), rm.getListCapacities);
    }

    @Test
    void listGivesUpWhenTheListNeverStopsGrowing() throws RmException {
        for (int i = 1; i <= 40; i++) {
            rm.nextLists.add(apps(8 + i));
        }
        try (WindowsRestartSession s = start()) {
            RmException e = assertThrows(RmException.class, s::list);
            assertEquals(234, e.errorCode());
        }
        assertEquals(AffectedList.MAX_ROUNDS, rm.getListCapacities.size());
    }

    @Test
    void listErrorsNameRmGetList() throws RmException {
        rm.getListError = 5;
        try (WindowsRestartSession s = start()) {
            RmException e = assertThrows(RmException.class, s::list);
            assertEquals("RmGetList", e.operation());
            assertEquals(5, e.errorCode());
        }
    }

    @Test
    void listDecodesTypesStatusesAndRebootReasons() throws RmException {
        rm.current = List.of(app(100, "Burner", RmMainWindow, RmStatusRunning, true),
                app(0, "ghost", RmConsole, RmStatusRunning, false),
                app(200, "tool", RmConsole, RmStatusRunning | RmStatusErrorOnStop, false));
        rm.rebootReasons = 0x1 | 0x4;
        AffectedApps listed;
        try (WindowsRestartSession s = start()) {
            listed = s.list();
        }
        assertEquals(2, listed.apps().size(), "an entry without pid is skipped");
        assertEquals(AppType.MAIN_WINDOW, listed.apps().get(0).type());
        assertEquals(100, listed.apps().get(0).process().pid());
        assertEquals(FileTimes.toInstant(133_000_000_000_000_100L), listed.apps().get(0).process().startTime());
        assertEquals(Set.of(AppStatus.RUNNING, AppStatus.ERROR_ON_STOP), listed.apps().get(1).status());
        assertEquals(Set.of(RebootReason.PERMISSION_DENIED, RebootReason.CRITICAL_PROCESS), listed.rebootReasons());
        assertFalse(listed.canShutDown());
    }

    @Test
    void successfulShutdownClosesEveryAppAndLeavesRestartToTheCaller() throws RmException {
        rm.current = apps(2);
        rm.listAfterShutdown = List.of();
        rm.progressToReport = new int[] {0, 10, 10, 50, 40, 100};
        List<Integer> seen = new ArrayList<>();
        ShutdownResult r;
        try (WindowsRestartSession s = start()) {
            r = s.shutdown(EnumSet.of(ShutdownOption.FORCE, ShutdownOption.ONLY_REGISTERED), seen::add);
        }
        assertEquals(ShutdownResult.Outcome.COMPLETE, r.outcome());
        assertEquals(0x11, rm.lastShutdownFlags);
        assertEquals(List.of(0, 10, 50, 100), seen, "progress is strictly increasing");
        for (AppOutcome o : r.apps()) {
            assertTrue(o.reason().isEmpty());
            assertEquals(Set.of(AppStatus.STOPPED), o.app().status());
        }
        assertEquals(List.of("RmStartSession", "RmGetList", "RmShutdown", "RmGetList", "RmEndSession"), rm.calls);
    }

    @Test
    void aVetoReportsTheRefusingAppAndRestartsWhatWasAlreadyClosed() throws RmException {
        rm.current = List.of(app(1, "Viewer", RmMainWindow, RmStatusRunning, true),
                app(2, "Burner", RmMainWindow, RmStatusRunning, true));
        rm.shutdownCode = 351;
        rm.listAfterShutdown = List.of(app(1, "Viewer", RmMainWindow, RmStatusStopped, true),
                app(2, "Burner", RmMainWindow, RmStatusRunning | RmStatusErrorOnStop, true));
        ShutdownResult r;
        try (WindowsRestartSession s = start()) {
            r = s.shutdown(Set.of(), p -> {});
        }
        assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, r.outcome());
        assertTrue(r.apps().get(0).reason().isEmpty());
        assertEquals("refused to close or did not close in time", r.apps().get(1).reason().orElseThrow());
        assertEquals(List.of("RmStartSession", "RmGetList", "RmShutdown", "RmGetList", "RmRestart", "RmEndSession"),
                rm.calls);
    }

    @Test
    void rebootRequiredClosesNothingAndStillAttemptsRestart() throws RmException {
        rm.current = apps(1);
        rm.rebootReasons = 0x4;
        rm.shutdownCode = 350;
        ShutdownResult r;
        try (WindowsRestartSession s = start()) {
            r = s.shutdown(Set.of(), p -> {});
        }
        assertEquals(ShutdownResult.Outcome.REBOOT_REQUIRED, r.outcome());
        assertTrue(r.apps().get(0).reason().orElseThrow().contains("only a reboot"));
        assertTrue(rm.calls.contains("RmRestart"));
    }

    @Test
    void cancelFromAnotherThreadEndsTheShutdownAndRestartsWhatWasClosed() throws Exception {
        rm.current = apps(1);
        rm.shutdownBlocksUntilCancelled = true;
        try (WindowsRestartSession s = start()) {
            CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
                try {
                    assertTrue(rm.shutdownEntered.await(30, TimeUnit.SECONDS));
                    s.cancel();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            RmException e = assertThrows(RmException.class, () -> s.shutdown(Set.of(), p -> {}));
            assertInstanceOf(RmCancelledException.class, e);
            assertEquals(1223, e.errorCode());
            canceller.get(30, TimeUnit.SECONDS);
        }
        int cancel = rm.calls.indexOf("RmCancelCurrentTask");
        assertTrue(cancel > 0 && rm.calls.indexOf("RmRestart") > rm.calls.indexOf("RmShutdown"), rm.calls.toString());
    }

    @Test
    void anUnexpectedShutdownErrorIsMappedAndStillRestarts() throws RmException {
        rm.current = apps(1);
        rm.shutdownCode = 121;
        try (WindowsRestartSession s = start()) {
            RmException e = assertThrows(RmException.class, () -> s.shutdown(Set.of(), p -> {}));
            assertEquals("RmShutdown", e.operation());
            assertEquals(121, e.errorCode());
        }
        assertTrue(rm.calls.contains("RmRestart"));
    }

    @Test
    void restartMarksRegisteredAppsRestartedAndNamesTheOthers() throws RmException {
        rm.current = List.of(app(1, "Burner", RmMainWindow, RmStatusRunning, true),
                app(2, "Notes", RmMainWindow, RmStatusRunning, false));
        rm.listAfterShutdown = List.of();
        rm.listAfterRestart = List.of(app(1, "Burner", RmMainWindow, RmStatusStopped | RmStatusRestarted, true),
                app(2, "Notes", RmMainWindow, RmStatusStopped, false));
        RestartResult r;
        try (WindowsRestartSession s = start()) {
            s.shutdown(Set.of(), p -> {});
            r = s.restart(p -> {});
        }
        assertFalse(r.complete());
        assertTrue(r.apps().get(0).reason().isEmpty());
        assertTrue(r.apps().get(0).app().status().contains(AppStatus.RESTARTED));
        assertEquals("not registered for restart", r.apps().get(1).reason().orElseThrow());
    }

    @Test
    void aFailedRestartNamesTheAppThatDidNotComeBack() throws RmException {
        rm.current = List.of(app(1, "Burner", RmMainWindow, RmStatusRunning, true));
        rm.listAfterShutdown = List.of(app(1, "Burner", RmMainWindow, RmStatusStopped, true));
        rm.restartCode = 352;
        rm.listAfterRestart = List.of(app(1, "Burner", RmMainWindow, RmStatusStopped | RmStatusErrorOnRestart, true));
        RestartResult r;
        try (WindowsRestartSession s = start()) {
            s.shutdown(Set.of(), p -> {});
            r = s.restart(p -> {});
        }
        assertEquals("could not be restarted", r.apps().get(0).reason().orElseThrow());
    }

    @Test
    void aRestartThatReturnsSuccessIsCheckedAgainstAFreshList() throws RmException {
        // RmRestart returns ERROR_SUCCESS even when it skipped an app (elevated, or another user's):
        // only the AppStatus bits of a new RmGetList tell which ones came back.
        rm.current = List.of(app(1, "Burner", RmMainWindow, RmStatusRunning, true),
                app(2, "Elevated tool", RmMainWindow, RmStatusRunning, true));
        rm.listAfterShutdown = List.of(app(1, "Burner", RmMainWindow, RmStatusStopped, true),
                app(2, "Elevated tool", RmMainWindow, RmStatusStopped, true));
        rm.listAfterRestart = List.of(app(1, "Burner", RmMainWindow, RmStatusStopped | RmStatusRestarted, true),
                app(2, "Elevated tool", RmMainWindow, RmStatusStopped, true));
        RestartResult r;
        try (WindowsRestartSession s = start()) {
            s.shutdown(Set.of(), p -> {});
            r = s.restart(p -> {});
        }
        assertEquals(List.of("RmStartSession", "RmGetList", "RmShutdown", "RmGetList", "RmRestart", "RmGetList",
                "RmEndSession"), rm.calls);
        assertTrue(r.apps().get(0).reason().isEmpty(), r.toString());
        assertTrue(r.apps().get(0).app().status().contains(AppStatus.RESTARTED));
        assertTrue(r.apps().get(1).reason().orElseThrow().contains("not restarted"), r.toString());
        assertFalse(r.apps().get(1).app().status().contains(AppStatus.RESTARTED));
        assertFalse(r.complete());
    }

    @Test
    void anAppMissingFromTheListAfterRestartIsNotReportedAsRestarted() throws RmException {
        rm.current = List.of(app(1, "Burner", RmMainWindow, RmStatusRunning, true));
        rm.listAfterShutdown = List.of(app(1, "Burner", RmMainWindow, RmStatusStopped, true));
        rm.listAfterRestart = List.of();
        RestartResult r;
        try (WindowsRestartSession s = start()) {
            s.shutdown(Set.of(), p -> {});
            r = s.restart(p -> {});
        }
        assertTrue(r.apps().get(0).reason().isPresent(), r.toString());
    }

    @Test
    void theRestartCommandReadBeforeTheShutdownIsKept() throws RmException {
        // After RmShutdown the app has exited: reading its registration again finds nothing.
        java.util.Map<Integer, Integer> reads = new java.util.HashMap<>();
        RestartCommand registered = RestartCommand.of(List.of("C:\\Apps\\burner.exe", "--restore", "s.json"),
                Path.of("/work"));
        ProcessInfos infos = new ProcessInfos(id -> reads.merge((int) id.pid(), 1, Integer::sum) == 1
                ? Optional.of(registered) : Optional.empty());
        rm.current = List.of(app(1, "Burner", RmMainWindow, RmStatusRunning, true));
        rm.listAfterShutdown = List.of(app(1, "Burner", RmMainWindow, RmStatusStopped, true));
        ShutdownResult r;
        try (WindowsRestartSession s = WindowsRestartSession.start(rm, infos)) {
            r = s.shutdown(Set.of(), p -> {});
        }
        assertEquals(Optional.of(registered), r.apps().get(0).app().restartCommand());
        assertEquals(Set.of(AppStatus.STOPPED), r.apps().get(0).app().status());
    }

    @Test
    void joinAlwaysPassesAFullKeyBuffer() throws RmException {
        try (WindowsRestartSession s = WindowsRestartSession.join(rm, "abc", ProcessInfos.withoutCommands())) {
            assertFalse(s.isPrimary());
        }
        assertEquals(List.of("abc"), rm.joinedKeys);
    }

    @Test
    void restartBeforeShutdownIsOutOfSequence() throws RmException {
        rm.restartCode = 776;
        try (WindowsRestartSession s = start()) {
            RmException e = assertThrows(RmException.class, () -> s.restart(p -> {}));
            assertEquals(776, e.errorCode());
            assertEquals("RmRestart", e.operation());
        }
    }

    @Test
    void aJoinedSessionMayOnlyRegisterAndEnd() throws RmException {
        try (WindowsRestartSession s = WindowsRestartSession.join(rm, "0123456789abcdef0123456789abcdef",
                ProcessInfos.withoutCommands())) {
            assertFalse(s.isPrimary());
            s.registerFiles(List.of(Path.of("/data/a")));
            s.registerServices(List.of("Spooler"));
            for (RmException e : List.of(
                    assertThrows(RmException.class, () -> s.shutdown(Set.of(), p -> {})),
                    assertThrows(RmException.class, () -> s.restart(p -> {})),
                    assertThrows(RmException.class, s::cancel),
                    assertThrows(RmException.class, s::filters))) {
                assertEquals(1219, e.errorCode());
            }
        }
        assertEquals(List.of("0123456789abcdef0123456789abcdef"), rm.joinedKeys);
        assertEquals(List.of("RmJoinSession", "RmRegisterResources", "RmRegisterResources", "RmEndSession"), rm.calls);
    }

    @Test
    void joinRejectsAMalformedKeyWithoutCallingRm() {
        assertThrows(RmException.class, () -> WindowsRestartSession.join(rm, "not a key", ProcessInfos.withoutCommands()));
        assertThrows(RmException.class, () -> WindowsRestartSession.join(rm, "x".repeat(33), ProcessInfos.withoutCommands()));
        assertEquals(List.of(), rm.calls);
    }

    @Test
    void closeEndsTheSessionExactlyOnceAndLaterCallsFail() throws RmException {
        WindowsRestartSession s = start();
        s.close();
        s.close();
        assertEquals(1, rm.calls.stream().filter("RmEndSession"::equals).count());
        RmException e = assertThrows(RmException.class, () -> s.registerFiles(List.of(Path.of("/a"))));
        assertEquals(6, e.errorCode());
    }

    @Test
    void filtersAreAddedListedWithABufferRetryAndRemoved() throws RmException {
        try (WindowsRestartSession s = start()) {
            s.addFilter(new dev.rmkit.rm.Filter(new dev.rmkit.rm.FilterTarget.Service("Spooler"),
                    dev.rmkit.rm.FilterAction.NO_SHUTDOWN));
            assertEquals(1, s.filters().size());
            s.removeFilter(new dev.rmkit.rm.FilterTarget.Service("Spooler"));
            assertEquals(List.of(), s.filters());
            RmException e = assertThrows(RmException.class,
                    () -> s.removeFilter(new dev.rmkit.rm.FilterTarget.Service("Spooler")));
            assertEquals(2, e.errorCode());
        }
    }

    private static List<RmProcessInfo> apps(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> app(i, "app" + i, RmMainWindow, RmStatusRunning, true)).toList();
    }
}
