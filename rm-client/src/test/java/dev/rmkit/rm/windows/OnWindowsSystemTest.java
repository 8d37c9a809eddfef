package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.ptr.IntByReference;
import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.BootIds;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.testing.JavaProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system side on real Windows (issue 13): the resume task as the Task Scheduler stores and runs it,
 * owners read from real tokens and a process started as its owner never elevated, a registration read
 * from a 32-bit process, the boot id and the interactivity check. Runs on windows-latest only (whose
 * runner is an administrator; the tests that need it say so); it has not run yet.
 */
@EnabledOnOs(OS.WINDOWS)
class OnWindowsSystemTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private static WindowsSystemControl system(boolean machine) {
        return new WindowsSystemControl(new WindowsSystemControl.Apis(new JnaShutdownApi(), new JnaRegistryApi(),
                ScheduledTasks.system(), new JnaSessionWindows(), new JnaTokenApi()), machine, Clock.systemUTC());
    }

    /** Needs an administrator (windows-latest runs as one): a boot task as LocalSystem. */
    @Test
    void thePerMachineResumeIsABootTaskAsSystemThatRunsWithItsRightsAndIsNotUsedUpByRunning() throws Exception {
        assumeTrue(Advapi32Util.isCurrentProcessElevated(), "registering a boot task needs an administrator");
        Path marker = dir.resolve("ran-as-system.txt");
        String name = "issue13-" + ProcessHandle.current().pid();
        WindowsSystemControl system = system(true);
        system.registerResume(name, List.of(System.getenv("SystemRoot") + "\\System32\\cmd.exe", "/c", "whoami", ">",
                marker.toString()));
        try {
            String xml = schtasks("/Query", "/TN", "\\rmkit\\" + name, "/XML");
            assertTrue(xml.contains("<BootTrigger>"), xml);
            assertTrue(xml.contains("<UserId>S-1-5-18</UserId>"), xml);
            assertTrue(xml.contains("<RunLevel>HighestAvailable</RunLevel>"), xml);

            schtasks("/Run", "/TN", "\\rmkit\\" + name);
            JavaProcess.await(() -> Files.exists(marker) && size(marker) > 0, DEADLINE, "the task's command to run");
            assertTrue(Files.readString(marker).toLowerCase().contains("system"), Files.readString(marker));
            assertTrue(schtasks("/Query", "/TN", "\\rmkit\\" + name).contains(name), "still registered after it ran");
        } finally {
            system.unregisterResume(name);
        }
        assertNotEquals(0, run(List.of(schtasksExe(), "/Query", "/TN", "\\rmkit\\" + name)).exitCode(), "gone");
    }

    @Test
    void theOwnerOfThisProcessIsItsTokensUserSessionAndElevation() throws RmException {
        ProcessHandle self = ProcessHandle.current();
        TokenApi.ProcessToken token = new JnaTokenApi().process(self.pid()).orElseThrow();
        IntByReference session = new IntByReference();
        assertTrue(Kernel32.INSTANCE.ProcessIdToSessionId((int) self.pid(), session));
        assertEquals(session.getValue(), token.identity().session());
        assertEquals(Advapi32Util.isCurrentProcessElevated(), token.identity().elevated());
        assertEquals(new JnaTokenApi().self().sid(), token.identity().sid());
        Instant created = FileTimes.toInstant(token.startFileTime());
        assertEquals(self.info().startInstant().orElseThrow().toEpochMilli() / 1000, created.toEpochMilli() / 1000,
                "GetProcessTimes' creation time is the process's start");
        Optional<AppOwner> owner = system(false).ownerOf(new ProcessId(self.pid(), created));
        assertEquals(token.identity().sid(), owner.orElseThrow().user());
    }

    @Test
    void anAppStartedAsItsOwnerIsNeverElevated() throws Exception {
        WindowsSystemControl system = system(false);
        TokenApi.Identity self = new JnaTokenApi().self();
        AppOwner owner = new AppOwner(self.sid(), "", Integer.toString(self.session()), Map.of());
        RestartCommand ping = RestartCommand.of(List.of(System.getenv("SystemRoot") + "\\System32\\PING.EXE", "-n",
                "60", "127.0.0.1"), dir);
        ProcessId started;
        try {
            started = system.startAs(owner, ping);
        } catch (RmException refused) {
            // An elevated runner without a desktop shell (a service) may not start it at all: that is allowed.
            assertTrue(self.elevated() && refused.getMessage().contains("shell"), refused.getMessage());
            return;
        }
        try {
            AppOwner ran = system.ownerOf(started).orElseThrow();
            assertEquals(self.sid(), ran.user());
            assertEquals("", ran.group(), "never elevated");
        } finally {
            ProcessHandle.of(started.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Where the runner has a 32-bit PowerShell: its registration is read from this 64-bit JVM. */
    @Test
    void theRegistrationOfA32BitProcessIsReadFromThisProcess() throws Exception {
        Path ps32 = Path.of(System.getenv("SystemRoot"), "SysWOW64", "WindowsPowerShell", "v1.0", "powershell.exe");
        assumeTrue(Files.exists(ps32), "no 32-bit PowerShell on this runner");
        String script = "Add-Type -Namespace R -Name K -MemberDefinition '[DllImport(\"kernel32.dll\", CharSet=CharSet.Unicode)]"
                + " public static extern int RegisterApplicationRestart(string cmd, int flags);';"
                + " [void][R.K]::RegisterApplicationRestart('--from-32-bit \"a b\"', 0); Write-Output READY; Start-Sleep 120";
        Process p = new ProcessBuilder(ps32.toString(), "-NoProfile", "-Command", script).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); !"READY".equals(line); line = out.readLine()) {
                assertTrue(line != null, "PowerShell ended before registering");
            }
            ProcessApi.Registration r = new JnaProcessApi().restartRegistration(p.pid()).orElseThrow();
            assertEquals("--from-32-bit \"a b\"", r.arguments());
            assertTrue(r.image().toLowerCase().endsWith("syswow64\\windowspowershell\\v1.0\\powershell.exe"), r.image());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theBootIdStaysTheSameWithinTheBootAndTheWindowStationIsKnown() {
        WindowsSystemControl system = system(false);
        String first = system.bootId();
        assertTrue(first.startsWith("boot-time-"), first);
        assertTrue(BootIds.sameBoot(first, system.bootId()));
        // The runner's answer is recorded in the output; either is a valid answer, a crash is not.
        System.out.println("interactive window station: " + new JnaShutdownApi().interactive());
        assertTrue(new JnaShutdownApi().uptimeMillis() > 0);
    }

    @Test
    void getSystemPowerStatusAnswersWithADocumentedAcLineStatus() {
        int status = new JnaShutdownApi().acLineStatus();
        // The runner's answer is recorded in the output: a VM says online or unknown, a laptop may say offline.
        System.out.println("ACLineStatus: " + status + ", onAcPower: " + system(false).onAcPower());
        assertTrue(status == 0 || status == 1 || status == 0xFF, "ACLineStatus " + status);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String schtasksExe() {
        return System.getenv("SystemRoot") + "\\System32\\schtasks.exe";
    }

    private static String schtasks(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(schtasksExe()));
        cmd.addAll(List.of(args));
        Result r = run(cmd);
        assertEquals(0, r.exitCode(), r.output());
        return r.output();
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
