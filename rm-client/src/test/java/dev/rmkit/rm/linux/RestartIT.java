package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.Filter;
import dev.rmkit.rm.FilterAction;
import dev.rmkit.rm.FilterTarget;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.proc.ProcStat;
import dev.rmkit.rm.linux.protocol.FileModes;
import dev.rmkit.rm.linux.protocol.Json;
import dev.rmkit.rm.linux.protocol.Registry;
import dev.rmkit.rm.linux.protocol.RegistryEntry;
import dev.rmkit.rm.linux.protocol.RuntimeDir;
import dev.rmkit.rm.testing.ArmedShells;
import dev.rmkit.rm.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Restart of what a session closed, and the registry checks that keep it from starting anyone else's command. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux backend with real processes (/proc, Unix sockets, signals)")
class RestartIT {

    @TempDir Path tmp;
    private SessionFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new SessionFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void restartRestoresArgvAndWorkingDirectory() throws Exception {
        Path f = fx.file("data.bin");
        Path work = Files.createDirectory(tmp.resolve("work dir"));
        Path started = tmp.resolve("started.txt");
        JavaProcess app = fx.cooperating(work, "--hold", f.toString(), "--started", started.toString());
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            assertEquals(ShutdownResult.Outcome.COMPLETE, s.shutdown(Set.of(), p -> { }).outcome());
            assertTrue(app.awaitExit(Duration.ofSeconds(10)).isPresent());
            Files.delete(started);
            RestartResult r = s.restart(p -> { });
            assertTrue(r.complete(), r.toString());
            AppOutcome o = r.apps().get(0);
            assertEquals(Set.of(AppStatus.STOPPED, AppStatus.RESTARTED), o.app().status());
            long newPid = o.newProcess().orElseThrow().pid();
            fx.adopt(newPid);
            JavaProcess.awaitFile(started, Duration.ofSeconds(30));
            JavaProcess.await(() -> lines(started).size() >= 3, Duration.ofSeconds(10), "started file content");
            List<String> lines = lines(started);
            assertEquals(Long.toString(newPid), lines.get(0));
            assertEquals(work.toString(), lines.get(1));
            assertEquals(List.of("--hold", f.toString(), "--started", started.toString(), "--restored"), lines.subList(2, lines.size()));
            // It came back as a cooperating app, registered in the same runtime directory.
            JavaProcess.awaitFile(Registry.entryPath(fx.runtime, newPid), Duration.ofSeconds(30));
            assertEquals(o.newProcess().get(), fx.platform.proc().processId(newPid).orElseThrow());
        }
    }

    @Test
    void restartFiresTheLaunchArmedWhileTheAppsWereClosed() throws Exception {
        Path f = fx.file("data.bin");
        Path started = tmp.resolve("started-armed.txt");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString(), "--started", started.toString());
        try (RestartSession s = fx.platform.startSession()) {
            long armed = closeArmed(s, f, app, started).pid();

            RestartResult r = s.restart(p -> { });

            long newPid = r.apps().get(0).newProcess().orElseThrow().pid();
            fx.adopt(newPid);
            assertEquals(armed, newPid, "the restart fired the armed process: " + r);
            JavaProcess.await(() -> lines(started).contains("--restored"), Duration.ofSeconds(30), "the restarted app");
            assertEquals(List.of(newPid), ArmedShells.running(started.toString()), "started once");
        }
    }

    @Test
    void restartFirstNowStartsTheArmedAppAndRestartReportsItWithoutStartingItAgain() throws Exception {
        Path f = fx.file("data.bin");
        Path started = tmp.resolve("started-now.txt");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString(), "--started", started.toString());
        try (RestartSession s = fx.platform.startSession()) {
            assertFalse(s.restartFirstNow(), "nothing was closed yet");
            long armed = closeArmed(s, f, app, started).pid();

            assertTrue(s.restartFirstNow());
            fx.adopt(armed);
            // Started before restart() is called: the app writes its file once it runs.
            JavaProcess.await(() -> lines(started).contains("--restored"), Duration.ofSeconds(30), "the app started now");
            assertFalse(s.restartFirstNow(), "fired once");
            // A filter added now cannot keep down what runs: the report says it was restarted.
            s.addFilter(NO_RESTART_FOR_JAVA);

            RestartResult r = s.restart(p -> { });

            assertTrue(r.complete(), r.toString());
            assertEquals(Set.of(AppStatus.STOPPED, AppStatus.RESTARTED), r.apps().get(0).app().status());
            assertEquals(armed, r.apps().get(0).newProcess().orElseThrow().pid(), "reported with its proof: " + r);
            assertEquals(List.of(armed), ArmedShells.running(started.toString()), "started once");
        }
    }

    @Test
    void allClosedRunsOnceTheAppIsGoneWithTheShutdownsResultAndMayStartItThen() throws Exception {
        Path f = fx.file("data.bin");
        Path started = tmp.resolve("started-inside.txt");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString(), "--started", started.toString());
        List<ShutdownResult> seen = new ArrayList<>();
        List<Boolean> firedInside = new ArrayList<>();
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            Files.delete(started); // written by the app at its start: from now on it shows only a restart

            ShutdownResult r = s.shutdown(Set.of(), p -> { }, complete -> {
                assertTrue(exited(app.pid()), "the app no longer runs when it runs (its main thread a zombie, or a fatal signal killing it)");
                seen.add(complete);
                firedInside.add(s.restartFirstNow());
            });

            try {
                assertEquals(List.of(r), seen, "once, with the result the shutdown then returned");
                assertEquals(ShutdownResult.Outcome.COMPLETE, r.outcome());
                assertEquals(List.of(true), firedInside, "restartFirstNow may be called from it");
                JavaProcess.await(() -> lines(started).contains("--restored"), Duration.ofSeconds(30), "the app started inside");
            } finally {
                ArmedShells.running(started.toString()).forEach(fx::adopt); // stopped after the test, even if it failed
            }
            long armed = Long.parseLong(lines(started).get(0)); // its pid: the armed shell's, which exec'd it
            fx.adopt(armed);

            RestartResult back = s.restart(p -> { });

            assertTrue(back.complete(), back.toString());
            assertEquals(armed, back.apps().get(0).newProcess().orElseThrow().pid(), "reported with its proof: " + back);
            assertEquals(List.of(armed), ArmedShells.running(started.toString()), "started once");
        }
    }

    @Test
    void allClosedDoesNotRunWhenAnAppRefuses() throws Exception {
        Path f = fx.file("data.bin");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString(), "--veto", "burning");
        List<ShutdownResult> seen = new ArrayList<>();
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));

            ShutdownResult r = s.shutdown(Set.of(), p -> { }, seen::add);

            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, r.outcome());
            assertEquals(List.of(), seen);
            assertTrue(app.isAlive());
        }
    }

    @Test
    void restartFirstNowLeavesAnAppAFilterKeepsDown() throws Exception {
        Path f = fx.file("data.bin");
        Path started = tmp.resolve("started-filtered.txt");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString(), "--started", started.toString());
        try (RestartSession s = fx.platform.startSession()) {
            closeArmed(s, f, app, started);
            // A filter added after the close: the restart itself would see it too.
            s.addFilter(NO_RESTART_FOR_JAVA);

            assertFalse(s.restartFirstNow());
            RestartResult r = s.restart(p -> { });

            assertEquals(Set.of(AppStatus.STOPPED, AppStatus.RESTART_MASKED), r.apps().get(0).app().status());
            assertTrue(r.apps().get(0).newProcess().isEmpty());
        }
        assertEquals(List.of(), ArmedShells.running(started.toString()));
        assertFalse(Files.exists(started), "the app never ran again");
    }

    @Test
    void restartFirstNowLeavesAnAppWhoseWorkingDirectoryIsGoneToRestartWhichSaysSo() throws Exception {
        Path f = fx.file("data.bin");
        Path work = Files.createDirectory(tmp.resolve("going"));
        Path started = tmp.resolve("started-gone.txt");
        JavaProcess app = fx.cooperating(work, "--hold", f.toString(), "--started", started.toString());
        try (RestartSession s = fx.platform.startSession()) {
            closeArmed(s, f, app, started);
            Files.delete(work);

            assertFalse(s.restartFirstNow());
            RestartResult r = s.restart(p -> { });

            assertFalse(r.complete());
            assertTrue(r.apps().get(0).app().status().contains(AppStatus.ERROR_ON_RESTART), r.toString());
            assertTrue(r.apps().get(0).reason().orElseThrow().contains("does not exist"), r.toString());
        }
        assertEquals(List.of(), ArmedShells.running(started.toString()));
    }

    @Test
    void aSessionClosedWithoutRestartStartsNothingItArmed() throws Exception {
        Path f = fx.file("data.bin");
        Path started = tmp.resolve("started-never.txt");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString(), "--started", started.toString());
        ProcessHandle armed;
        try (RestartSession s = fx.platform.startSession()) {
            armed = closeArmed(s, f, app, started);
        }

        try {
            JavaProcess.await(() -> !armed.isAlive(), Duration.ofSeconds(30), "the armed shell to leave once the session closed");
            assertEquals(List.of(), ArmedShells.running(started.toString()), "nothing started");
            assertFalse(Files.exists(started), "the app never ran again");
        } finally {
            armed.destroyForcibly(); // what the shell became if it started the app after all: not leaked (the handle knows its start time)
        }
    }

    /** A filter that keeps every Java app down (the test apps are Java apps). */
    private static final Filter NO_RESTART_FOR_JAVA = new Filter(
            new FilterTarget.File(Path.of(System.getProperty("java.home"), "bin", "java")), FilterAction.NO_RESTART);

    /**
     * Closes {@code app}, the holder of {@code f}, through {@code s}, and returns its armed shell once it waits;
     * {@code started} (the file the app writes when it runs) is deleted, so that it shows only a restart.
     */
    private static ProcessHandle closeArmed(RestartSession s, Path f, JavaProcess app, Path started) throws Exception {
        s.registerFiles(List.of(f));
        assertEquals(ShutdownResult.Outcome.COMPLETE, s.shutdown(Set.of(), p -> { }).outcome());
        assertTrue(app.awaitExit(Duration.ofSeconds(10)).isPresent());
        ProcessHandle armed = ArmedShells.awaitOne(started.toString(), Duration.ofSeconds(30));
        Files.delete(started);
        return armed;
    }

    /** Whether the process's main thread has exited (a zombie, or reaped): what a shutdown waits for. */
    /**
     * The app no longer runs by rmkit's rules ({@code ProcFs#running}): its main thread a zombie with no other
     * thread left, or a fatal signal killing it. A JVM that exits from another thread has the kernel kill its
     * main thread, which then no longer runs a moment before it turns zombie.
     */
    private boolean exited(long pid) {
        return fx.platform.proc().stat(pid).map(st -> !fx.platform.proc().running(st)).orElse(true);
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    @Test
    void restartBeforeShutdownIsOutOfSequence() throws Exception {
        try (RestartSession s = fx.platform.startSession()) {
            RmException e = assertThrows(RmException.class, () -> s.restart(p -> { }));
            assertEquals(LinuxSession.ERROR_REQUEST_OUT_OF_SEQUENCE, e.errorCode());
        }
    }

    @Test
    void aForgedRegistryEntryForAnotherUsersCommandIsIgnoredAndReported() throws Exception {
        Path f = fx.file("data.bin");
        Path marker = tmp.resolve("forged-command-ran");
        JavaProcess victim = fx.holder("--open", f.toString());
        ProcStat stat = fx.platform.proc().stat(victim.pid()).orElseThrow();
        Path entry = forge(victim.pid(), stat.startTicks(), List.of("/usr/bin/touch", marker.toString()));
        // Written by another user: the file's owner is not the process's owner.
        Files.setAttribute(entry, "unix:uid", 65534);
        assertIgnoredAndNeverRun(f, victim, marker, "belongs to uid 65534");
    }

    @Test
    void pidReuseIsCaughtByTheStartTimeAndTheEntryIsNamedNotSilentlyDropped() throws Exception {
        Path f = fx.file("data.bin");
        Path marker = tmp.resolve("stale-command-ran");
        JavaProcess reuser = fx.holder("--open", f.toString());
        ProcStat stat = fx.platform.proc().stat(reuser.pid()).orElseThrow();
        // An entry left by an earlier process that had the same pid: never used, and reported as ignored.
        Path entry = forge(reuser.pid(), stat.startTicks() - 1, List.of("/usr/bin/touch", marker.toString()));
        assertIgnoredAndNeverRun(f, reuser, marker, "earlier process");
        fx.platform.registry().cleanStale();
        assertFalse(Files.exists(entry), "cleaned once no process has its pid");
    }

    @Test
    void aSymlinkedEntryIsIgnoredAndReported() throws Exception {
        Path f = fx.file("data.bin");
        Path marker = tmp.resolve("linked-command-ran");
        JavaProcess victim = fx.holder("--open", f.toString());
        ProcStat stat = fx.platform.proc().stat(victim.pid()).orElseThrow();
        Path entry = forge(victim.pid(), stat.startTicks(), List.of("/usr/bin/touch", marker.toString()));
        Path elsewhere = Files.move(entry, tmp.resolve("elsewhere.json"));
        Files.createSymbolicLink(entry, elsewhere);
        assertIgnoredAndNeverRun(f, victim, marker, "symbolic link");
    }

    @Test
    void aLookupNamesTheStartTimeMismatch() throws Exception {
        Path f = fx.file("data.bin");
        JavaProcess reuser = fx.holder("--open", f.toString());
        ProcFs proc = fx.platform.proc();
        ProcStat stat = proc.stat(reuser.pid()).orElseThrow();
        forge(reuser.pid(), stat.startTicks() - 1, List.of("/bin/true"));
        Registry.Lookup l = new Registry(proc, fx.runtime).lookup(stat, proc.status(reuser.pid()).orElseThrow());
        Registry.Lookup.Ignored ignored = (Registry.Lookup.Ignored) l;
        assertTrue(ignored.reason().contains("earlier process"), ignored.reason());
    }

    private Path forge(long pid, long startTicks, List<String> argv) throws Exception {
        RuntimeDir.prepare(fx.runtime);
        RegistryEntry e = new RegistryEntry(1, pid, startTicks, FileModes.currentUid(), "forged",
                Registry.socketPath(fx.runtime, pid).toString(), new RegistryEntry.Restart(argv, tmp.toString(), List.of()));
        Path file = Registry.entryPath(fx.runtime, pid);
        Files.write(file, Json.MAPPER.writeValueAsBytes(e));
        return file;
    }

    private void assertIgnoredAndNeverRun(Path f, JavaProcess holder, Path marker, String why) throws Exception {
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            AffectedApp a = s.list().apps().get(0);
            assertEquals(holder.pid(), a.process().pid());
            assertEquals(AppType.UNKNOWN, a.type());
            assertFalse(a.restartable());
            assertTrue(a.restartCommand().isEmpty());
            assertEquals(ShutdownResult.Outcome.COMPLETE, s.shutdown(Set.of(), p -> { }).outcome());
            assertTrue(holder.awaitExit(Duration.ofSeconds(10)).isPresent());
            RestartResult r = s.restart(p -> { });
            assertFalse(r.complete());
            String reason = r.apps().get(0).reason().orElseThrow();
            assertTrue(reason.contains("ignored") && reason.contains(why), reason);
            assertTrue(r.apps().get(0).newProcess().isEmpty());
        }
        assertFalse(Files.exists(marker), "the forged command must never run");
    }

    @Test
    void noRestartFilterByExecutableKeepsTheAppDown() throws Exception {
        Path f = fx.file("data.bin");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            s.addFilter(new Filter(new FilterTarget.File(java), FilterAction.NO_RESTART));
            assertEquals(ShutdownResult.Outcome.COMPLETE, s.shutdown(Set.of(), p -> { }).outcome());
            assertTrue(app.awaitExit(Duration.ofSeconds(10)).isPresent());
            RestartResult r = s.restart(p -> { });
            assertTrue(r.complete());
            assertEquals(Set.of(AppStatus.STOPPED, AppStatus.RESTART_MASKED), r.apps().get(0).app().status());
            assertTrue(r.apps().get(0).newProcess().isEmpty());
        }
    }

    @Test
    void noShutdownFilterByProcessKeepsItRunning() throws Exception {
        Path f = fx.file("data.bin");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString());
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            FilterTarget target = new FilterTarget.Process(s.list().apps().get(0).process());
            s.addFilter(new Filter(target, FilterAction.NO_SHUTDOWN));
            assertEquals(List.of(new Filter(target, FilterAction.NO_SHUTDOWN)), s.filters());
            ShutdownResult r = s.shutdown(Set.of(), p -> { });
            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, r.outcome());
            assertEquals(Set.of(AppStatus.RUNNING, AppStatus.SHUTDOWN_MASKED), r.apps().get(0).app().status());
            assertTrue(app.isAlive());
            s.removeFilter(target);
            assertEquals(List.of(), s.filters());
            assertThrows(RmException.class, () -> s.removeFilter(target));
        }
    }
}
