package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.protocol.FileModes;
import dev.rmkit.rm.linux.protocol.Registry;
import dev.rmkit.rm.testing.CooperatingTestApp;
import dev.rmkit.rm.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting a registered command for real: the registered argv is only ever a program and its
 * arguments (never options of setsid or setpriv), and "started" means the program runs and has
 * registered again, decided by its exit or its registry entry, never by a clock.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "setsid, /proc and the registry are Linux's")
class LaunchIT {

    @TempDir Path tmp;
    Path runtime;
    Launcher launcher;
    final List<Long> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        runtime = Files.createDirectories(tmp.resolve("rt"));
        Files.setPosixFilePermissions(runtime, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        launcher = new Launcher(new ProcFs(Path.of("/proc")), FileModes.currentUid(), Duration.ofSeconds(60));
    }

    @AfterEach
    void stopStarted() {
        started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private ProcessId launch(List<String> argv) throws RmException {
        int uid = FileModes.currentUid();
        ProcessId id = launcher.launch(RestartCommand.of(argv, tmp), uid, uid, Map.of("PATH", "/usr/bin:/bin"), runtime);
        started.add(id.pid());
        return id;
    }

    @Test
    void aRegisteredArgvStartingWithSetsidOptionsIsNeverParsedAsThem() throws Exception {
        for (String option : List.of("-w", "--fork", "-c")) {
            Path marker = tmp.resolve("ran" + option);
            RmException e = assertThrows(RmException.class,
                    () -> launch(List.of(option, "/bin/sh", "-c", "echo ran > '" + marker + "'")), option);

            assertTrue(e.getMessage().contains("'" + option + "' was not found or could not be run (exit 127)"),
                    e.getMessage());
            assertFalse(Files.exists(marker), option + ": setsid ran the command after its option");
        }
    }

    @Test
    void aProgramThatDoesNotExistFailsToStartWhateverTheLoad() {
        RmException e = assertThrows(RmException.class, () -> launch(List.of(tmp.resolve("no-such-program").toString())));

        assertTrue(e.getMessage().contains("was not found or could not be run (exit 127)"), e.getMessage());
    }

    @Test
    void aProgramThatExitsBeforeItRegistersFailsToStartWithItsStatus() {
        RmException e = assertThrows(RmException.class, () -> launch(List.of("/bin/sh", "-c", "exit 3")));

        assertTrue(e.getMessage().contains("/bin/sh exited with status 3 before it registered again"), e.getMessage());
    }

    @Test
    void anAppIsStartedOnceItHasRegisteredAgain() throws Exception {
        Path held = Files.writeString(tmp.resolve("held"), "x");

        ProcessId id = launch(JavaProcess.command(CooperatingTestApp.class, List.of("--hold", held.toString())));

        assertTrue(Files.isRegularFile(Registry.entryPath(runtime, id.pid())), "registered before launch returned");
        assertTrue(ProcessHandle.of(id.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void aProgramThatRunsButNeverRegistersIsStartedWhenTheStartTimeoutEnds() throws Exception {
        launcher = new Launcher(new ProcFs(Path.of("/proc")), FileModes.currentUid(), Duration.ofMillis(300));

        ProcessId id = launch(List.of("/bin/sleep", "600"));

        assertEquals(id, new ProcFs(Path.of("/proc")).processId(id.pid()).orElseThrow());
        assertFalse(Files.exists(Registry.entryPath(runtime, id.pid())));
    }
}
