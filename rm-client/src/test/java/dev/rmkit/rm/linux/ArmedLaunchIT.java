package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.protocol.FileModes;
import dev.rmkit.rm.linux.protocol.RuntimeDir;
import dev.rmkit.rm.testing.Idle;
import dev.rmkit.rm.testing.ArmedShells;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.rm.testing.Unprivileged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Armed restarts with real processes: the chain started early waits in {@code /} holding nothing but
 * its pipe, and only {@code go} makes it run the registered argv (literally) in the registered
 * directory with the app's environment, in the same pid; never fired, nothing runs; gone, the restart
 * starts the program afresh.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "setsid, /bin/sh, setpriv and /proc are Linux's")
class ArmedLaunchIT {

    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir Path tmp;
    Path runtime;
    Launcher launcher;
    final List<Process> armedHere = new ArrayList<>();
    final List<Long> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        runtime = Files.createDirectories(tmp.resolve("rt"));
        Files.setPosixFilePermissions(runtime, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        // Idle never registers: a start is proven by its running when this short timeout ends.
        launcher = new Launcher(new ProcFs(Path.of("/proc")), FileModes.currentUid(), Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        armedHere.forEach(Process::destroyForcibly);
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private ArmedLaunch arm(RestartCommand command, int uid, Map<String, String> env) throws RmException {
        ArmedLaunch armed = launcher.arm(command, uid, uid, env, runtime).orElseThrow();
        armedHere.add(armed.process());
        long pid = armed.process().pid();
        assertTrue(armed.awaitReady(System.nanoTime() + LONG.toNanos()), "the armed shell says it waits");
        // Said by the shell itself: no exec of the chain is left for the restart.
        assertEquals(2, ArmedShells.argv(pid).indexOf(ArmedLaunch.SCRIPT), "ready means the shell runs");
        return armed;
    }

    private static String fd(long pid, int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", Integer.toString(fd))).toString();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Test
    void aFiredLaunchRunsTheRegisteredArgvLiterallyInItsDirectoryWithTheAppsEnvironment() throws Exception {
        Path marker = tmp.resolve("substituted");
        Path work = Files.createDirectories(tmp.resolve("work dir"));
        List<String> hostile = List.of("-x", "$(touch " + marker + ")", "; touch " + marker, "a\nb", "`touch " + marker + "`", "");
        List<String> argv = JavaProcess.command(Idle.class, hostile);
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/somebody",
                "PWD", "/where/it/was/started", "OLDPWD", "/before that", "SPACED", "a b\nc $(id)"));

        ArmedLaunch armed = arm(RestartCommand.of(argv, work), FileModes.currentUid(), env);
        long pid = armed.process().pid();
        assertEquals(Path.of("/"), Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")), "armed in /");
        // Right after its "ready" the shell sends its stdout (the pipe that said so) to /dev/null.
        JavaProcess.await(() -> fd(pid, 1).equals("/dev/null"), LONG, "the shell's stdout on /dev/null");
        List<String> fds = new ArrayList<>();
        try (var s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) s::iterator) {
                fds.add(fd.getFileName() + " " + Files.readSymbolicLink(fd));
            }
        }
        assertEquals(3, fds.size(), "only the pipe and /dev/null: " + fds);
        assertTrue(fds.stream().anyMatch(f -> f.startsWith("0 pipe:")), fds.toString());

        ProcessId id = launcher.launch(RestartCommand.of(argv, work), FileModes.currentUid(), FileModes.currentUid(), env, runtime,
                Optional.of(armed));
        started.add(id.pid());

        assertEquals(pid, id.pid(), "the armed process itself became the program");
        JavaProcess.await(() -> ArmedShells.argv(pid).contains(Idle.class.getName()), LONG, "the program to run");
        List<String> ran = ArmedShells.argv(pid);
        assertEquals(argv, ran, "argv, literally");
        assertEquals(work.toRealPath(), Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
        Map<String, String> expected = new HashMap<>(env);
        expected.put(RuntimeDir.ENV, runtime.toString());
        assertEquals(expected, ArmedShells.environment(pid), "the app's environment, exactly");
        assertFalse(Files.exists(marker), "nothing of the argv was run as shell text");
        // Not the pipe that said the shell was ready: writing to it after the updater is gone would kill the app.
        assertEquals("/dev/null", fd(pid, 1), "the program's stdout");
        assertEquals("/dev/null", fd(pid, 2), "the program's stderr");
        assertEquals("/dev/null", fd(pid, 0), "the program's stdin");
    }

    @Test
    void anArmedLaunchNeverFiredStartsNothing() throws Exception {
        Path marker = tmp.resolve("ran");
        ArmedLaunch armed = arm(RestartCommand.of(List.of("/usr/bin/touch", marker.toString()), tmp), FileModes.currentUid(),
                Map.of());

        armed.disarm();

        assertEquals(0, armed.process().waitFor(), "the shell read end of file and left");
        assertFalse(Files.exists(marker), "the program never ran");
        assertFalse(armed.fire(), "a disarmed launch cannot be fired");
    }

    @Test
    void anythingButGoStartsNothing() throws Exception {
        Path marker = tmp.resolve("ran");
        ArmedLaunch armed = arm(RestartCommand.of(List.of("/usr/bin/touch", marker.toString()), tmp), FileModes.currentUid(),
                Map.of());

        try (var pipe = armed.process().getOutputStream()) {
            pipe.write("go on\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        assertEquals(0, armed.process().waitFor());
        assertFalse(Files.exists(marker), "only exactly 'go' starts the program");
    }

    @Test
    void anArmedLaunchThatDiedFallsBackToAFreshStart() throws Exception {
        RestartCommand command = RestartCommand.of(JavaProcess.command(Idle.class, List.of()), tmp);
        ArmedLaunch armed = arm(command, FileModes.currentUid(), Map.of());
        armed.process().destroyForcibly().waitFor();

        ProcessId id = launcher.launch(command, FileModes.currentUid(), FileModes.currentUid(), Map.of(), runtime,
                Optional.of(armed));
        started.add(id.pid());

        assertNotEquals(armed.process().pid(), id.pid(), "a fresh process");
        JavaProcess.await(() -> ArmedShells.argv(id.pid()).contains(Idle.class.getName()), LONG, "the fresh start to run");
    }

    @Test
    void aFiredProgramThatCannotRunFailsWithItsStatus() throws Exception {
        RestartCommand command = RestartCommand.of(List.of("-w", "/bin/true"), tmp);
        ArmedLaunch armed = arm(command, FileModes.currentUid(), Map.of());

        RmException e = assertThrows(RmException.class, () -> launcher.launch(command, FileModes.currentUid(),
                FileModes.currentUid(), Map.of(), runtime, Optional.of(armed)));

        assertTrue(e.getMessage().contains("'-w' was not found or could not be run (exit 127)"), e.getMessage());
    }

    @Test
    void anEnvironmentTheShellWouldChangeIsNotArmedButStartedAfresh() throws Exception {
        for (String name : List.of("IFS", "OPTIND", "not-a-shell-name", ArmedLaunch.CARRIED_PWD)) {
            RestartCommand command = RestartCommand.of(List.of("/bin/true"), tmp);
            assertTrue(launcher.arm(command, FileModes.currentUid(), FileModes.currentUid(), Map.of(name, "x"), runtime).isEmpty(),
                    name);
        }
    }

    @Test
    void anotherUsersAppIsArmedAndStartedAsThatUser() throws Exception {
        assumeTrue(Unprivileged.available(), "needs root and setpriv");
        Path work = Unprivileged.ownedBy(tmp.resolve("nobody"), Unprivileged.NOBODY);
        Unprivileged.traversable(work, tmp);
        RestartCommand command = RestartCommand.of(List.of("/usr/bin/touch", "made here"), work);
        ArmedLaunch armed = arm(command, Unprivileged.NOBODY, Map.of());
        String status = Files.readString(Path.of("/proc", Long.toString(armed.process().pid()), "status"));
        assertTrue(status.contains("\nUid:\t" + Unprivileged.NOBODY + "\t"), "armed as its owner already: " + status);

        RmException e = assertThrows(RmException.class, () -> launcher.launch(command, Unprivileged.NOBODY,
                Unprivileged.NOBODY, Map.of(), runtime, Optional.of(armed)));

        assertTrue(e.getMessage().contains("exited with status 0 before it registered again"), e.getMessage());
        assertEquals(Unprivileged.NOBODY, Files.getAttribute(work.resolve("made here"), "unix:uid"), "ran as its owner, in its directory");
    }
}
