package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.BootIds;
import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.RmException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowsSystemControlTest {

    private static final String RUN_ONCE = "Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce";
    @TempDir
    Path dir;
    private final FakeSystemApis apis = new FakeSystemApis();
    private final FakeSessionWindows windows = new FakeSessionWindows();
    private final FakeTokenApi tokens = new FakeTokenApi();
    private final Instant now = Instant.parse("2025-03-04T05:06:07.890Z");

    private WindowsSystemControl control(boolean machine) {
        return new WindowsSystemControl(new WindowsSystemControl.Apis(apis, apis,
                new ScheduledTasks(apis, dir.resolve("tasks")), windows, tokens), machine,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void rebootEnablesThePrivilegeThenRestartsWithRestartApps() throws RmException {
        control(true).rebootRestartingApps("rmkit update");
        assertEquals(List.of("enableShutdownPrivilege", "InitiateShutdownW 0x84 0x80040002 rmkit update"), apis.calls);
    }

    @Test
    void aMissingPrivilegeStopsBeforeAnyShutdownCall() {
        apis.privilege = 1300;
        RmException e = assertThrows(RmException.class, () -> control(true).rebootRestartingApps("x"));
        assertEquals(1300, e.errorCode());
        assertEquals(List.of("enableShutdownPrivilege"), apis.calls);
    }

    @Test
    void otherUsersLoggedOnMeansRebootRequiredNeverAFallbackThatEndsTheirSessions() {
        apis.initiate = 1191;
        RmException e = assertThrows(RmException.class, () -> control(true).rebootRestartingApps("x"));
        assertEquals(1191, e.errorCode());
        assertTrue(e.getMessage().contains("other users are logged on"), e.getMessage());
        assertFalse(apis.calls.stream().anyMatch(c -> c.startsWith("ExitWindowsEx")), apis.calls.toString());
    }

    @Test
    void anInitiateShutdownErrorOtherThanMissingDoesNotFallBack() {
        apis.initiate = 5;
        RmException e = assertThrows(RmException.class, () -> control(true).rebootRestartingApps("x"));
        assertEquals(5, e.errorCode());
        assertFalse(apis.calls.stream().anyMatch(c -> c.startsWith("ExitWindowsEx")), apis.calls.toString());
    }

    @Test
    void aShutdownAlreadyUnderwayIsNotRetriedAnotherWay() {
        apis.initiate = 1115;
        RmException e = assertThrows(RmException.class, () -> control(true).rebootRestartingApps("x"));
        assertEquals(1115, e.errorCode());
        assertEquals(2, apis.calls.size());
    }

    @Test
    void theAcLineStatusSaysMainsOrBatteryAndAnUnknownOneSaysNothing() {
        apis.acLineStatus = 1;
        assertEquals(Optional.of(true), control(true).onAcPower(), "online");
        apis.acLineStatus = 0;
        assertEquals(Optional.of(false), control(true).onAcPower(), "offline: on battery");
        apis.acLineStatus = 0xFF;
        assertEquals(Optional.empty(), control(true).onAcPower(), "unknown, or GetSystemPowerStatus failed");
        apis.acLineStatus = 2;
        assertEquals(Optional.empty(), control(true).onAcPower(), "a value the documentation does not name");
    }

    @Test
    void logoffIsExitWindowsExWithEwxLogoff() throws RmException {
        control(false).logoff();
        assertEquals(List.of("ExitWindowsEx 0x0 0x80040002"), apis.calls);
    }

    @Test
    void replaceAtRebootSchedulesAReplacingMoveOrADelete() throws IOException, RmException {
        Path staged = Files.writeString(dir.resolve("app.dll.new"), "new");
        Path target = dir.resolve("app.dll");
        control(true).replaceAtReboot(new PendingReplacement(staged, Optional.of(target)));
        control(true).replaceAtReboot(new PendingReplacement(staged, Optional.empty()));
        assertEquals(List.of("MoveFileEx " + staged + " -> " + target + " 0x5", "MoveFileEx " + staged + " -> (delete) 0x4"),
                apis.calls);
    }

    @Test
    void badReplacementInputChangesNothing() {
        Path missing = dir.resolve("missing");
        assertThrows(RmException.class, () -> control(true).replaceAtReboot(new PendingReplacement(missing, Optional.empty())));
        assertThrows(RmException.class, () -> control(true).replaceAtReboot(
                new PendingReplacement(dir, Optional.of(dir.resolve("no/such/dir/x")))));
        assertEquals(List.of(), apis.calls);
    }

    @Test
    void aRefusedMoveIsReportedWithItsCode() throws IOException {
        apis.moveFile = 5;
        Path staged = Files.writeString(dir.resolve("a.new"), "new");
        RmException e = assertThrows(RmException.class,
                () -> control(true).replaceAtReboot(new PendingReplacement(staged, Optional.of(dir.resolve("a")))));
        assertEquals("MoveFileEx", e.operation());
        assertEquals(5, e.errorCode());
    }

    @Test
    void pendingReplacementsAndWhetherTheyHappenedComeFromTheRegistryAndTheFiles() throws IOException, RmException {
        Path gone = dir.resolve("gone.new");
        Path target = Files.writeString(dir.resolve("gone"), "replaced");
        Path stillThere = Files.writeString(dir.resolve("pending.new"), "x");
        apis.registry.put("LOCAL_MACHINE\\" + PendingRenames.KEY + "\\" + PendingRenames.VALUE,
                ("\\??\\" + stillThere + "\0!\\??\\" + dir.resolve("pending") + "\0\0").getBytes(StandardCharsets.UTF_16LE));
        WindowsSystemControl c = control(true);
        assertEquals(List.of(new PendingReplacement(stillThere, Optional.of(dir.resolve("pending")))), c.pendingReplacements());
        assertTrue(c.happened(new PendingReplacement(gone, Optional.of(target))));
        assertFalse(c.happened(new PendingReplacement(stillThere, Optional.of(dir.resolve("pending")))));
        assertFalse(c.happened(new PendingReplacement(gone, Optional.of(dir.resolve("never-written")))));
    }

    @Test
    void withdrawnReplacementsLeaveTheRegistryValueAndTheOthersAreKept() throws RmException {
        String key = "LOCAL_MACHINE\\" + PendingRenames.KEY + "\\" + PendingRenames.VALUE;
        Path ours = dir.resolve("a.new");
        apis.registry.put(key, ("\\??\\" + ours + "\0!\\??\\" + dir.resolve("a") + "\0\\??\\C:\\theirs\0\0\0")
                .getBytes(StandardCharsets.UTF_16LE));
        WindowsSystemControl c = control(true);

        c.withdrawAtReboot(List.of(new PendingReplacement(ours, Optional.of(dir.resolve("a")))));

        assertEquals(List.of(new PendingReplacement(Path.of("C:\\theirs"), Optional.empty())), c.pendingReplacements());
        c.withdrawAtReboot(c.pendingReplacements());
        assertFalse(apis.registry.containsKey(key), "an empty list is no value at all");
        c.withdrawAtReboot(List.of(new PendingReplacement(ours, Optional.empty()))); // nothing scheduled: nothing to do
    }

    @Test
    void aBadResumeNameChangesNothing() {
        assertThrows(RmException.class, () -> control(false).registerResume("a\\b", List.of("u.exe")));
        assertThrows(RmException.class, () -> control(false).registerResume("ok", List.of()));
        assertEquals(List.of(), List.copyOf(apis.registry.keySet()));
    }

    @Test
    void aForcedRebootLogsSessionsOffWithoutAskingAndEndsHungAppsOnTheFallback() throws RmException {
        windows.add(42, "rmkit burner", SessionWindows.Answer.REFUSED);
        control(true).rebootRestartingApps("rmkit update", true);
        assertEquals("InitiateShutdownW 0x87 0x80040002 rmkit update", apis.calls.get(1));
        assertEquals(List.of(), windows.sent, "a forced reboot asks nobody");
        apis.calls.clear();
        apis.initiate = 120;
        control(true).rebootRestartingApps("x", true);
        assertEquals("ExitWindowsEx 0x52 0x80040002", apis.calls.get(2));
    }

    @Test
    void onlyAMissingOrUnsupportedInitiateShutdownFallsBackToExitWindowsEx() throws RmException {
        for (int missing : new int[] {1, 120, 127}) {
            apis.calls.clear();
            apis.initiate = missing;
            control(true).rebootRestartingApps("x");
            assertEquals("ExitWindowsEx 0x42 0x80040002", apis.calls.get(2), "error " + missing);
        }
        for (int answer : new int[] {5, 87, 1191, 1115, 1190, 21}) {
            assertFalse(RebootPlan.fallBackToExitWindows(answer), "error " + answer);
        }
    }

    @Test
    void aNonInteractiveProcessNeverFallsBackToExitWindowsEx() {
        apis.initiate = 120;
        apis.interactive = false;
        RmException e = assertThrows(RmException.class, () -> control(true).rebootRestartingApps("x"));
        assertTrue(e.getMessage().contains("non-interactive"), e.getMessage());
        assertFalse(apis.calls.stream().anyMatch(c -> c.startsWith("ExitWindowsEx")), apis.calls.toString());
    }

    @Test
    void whenBothWaysFailBothCodesAreReported() {
        apis.initiate = 120;
        apis.exitWindows = 5;
        RmException e = assertThrows(RmException.class, () -> control(true).rebootRestartingApps("x"));
        assertEquals(5, e.errorCode());
        assertTrue(e.getMessage().contains("error 120"), e.getMessage());
    }

    @Test
    void theCooperatingAppsAreAskedFirstAndARefusalStopsTheRebootNamingTheApp() {
        SessionWindows.AppWindow viewer = windows.add(41, "rmkit viewer", SessionWindows.Answer.AGREED);
        windows.add(42, "rmkit burner", SessionWindows.Answer.REFUSED);
        windows.add(43, "rmkit notes", SessionWindows.Answer.NO_ANSWER);
        windows.add(44, "rmkit gone", SessionWindows.Answer.GONE);
        windows.add(45, "rmkit admin-tool", SessionWindows.Answer.UNREACHABLE);

        RmException e = assertThrows(RmException.class, () -> control(true).rebootRestartingApps("x"));

        assertEquals(351, e.errorCode());
        assertTrue(e.getMessage().contains("burner (pid 42): refused to end its session"), e.getMessage());
        assertTrue(e.getMessage().contains("notes (pid 43): did not answer within 5 s"), e.getMessage());
        assertTrue(e.getMessage().contains("admin-tool (pid 45): could not be asked"), e.getMessage());
        assertFalse(e.getMessage().contains("viewer") || e.getMessage().contains("gone"), e.getMessage());
        assertEquals(List.of(), apis.calls, "nothing was initiated");
        assertTrue(windows.sent.contains("WM_ENDSESSION(FALSE) " + viewer.pid()), windows.sent.toString());
        assertTrue(windows.sent.contains("WM_ENDSESSION(FALSE) 42"), "the refuser drops its veto's reason too");
        assertFalse(windows.sent.contains("WM_ENDSESSION(FALSE) 43") || windows.sent.contains("WM_ENDSESSION(FALSE) 44"),
                windows.sent.toString());
        assertEquals("WM_QUERYENDSESSION 41 within 5000", windows.sent.get(0));
    }

    @Test
    void whenEveryAppAgreesTheRebootIsInitiated() throws RmException {
        windows.add(41, "rmkit viewer", SessionWindows.Answer.AGREED);
        control(true).rebootRestartingApps("rmkit update");
        assertEquals(List.of("enableShutdownPrivilege", "InitiateShutdownW 0x84 0x80040002 rmkit update"), apis.calls);
        assertFalse(windows.sent.stream().anyMatch(m -> m.startsWith("WM_ENDSESSION")), windows.sent.toString());
    }

    @Test
    void aRebootThatDoesNotStartTellsTheAppsThatAgreedItIsCancelled() {
        windows.add(41, "rmkit viewer", SessionWindows.Answer.AGREED);
        apis.initiate = 1191;
        assertThrows(RmException.class, () -> control(true).rebootRestartingApps("x"));
        assertEquals("WM_ENDSESSION(FALSE) 41", windows.sent.get(1));
    }

    @Test
    void aWindowTitleThatIsNotAnAppIdIsNotRepeated() {
        windows.add(42, "rmkit \u001b[2J; rm -rf", SessionWindows.Answer.REFUSED);
        RmException e = assertThrows(RmException.class, () -> control(true).rebootRestartingApps("x"));
        assertTrue(e.getMessage().contains("a cooperating app (pid 42)"), e.getMessage());
        assertFalse(e.getMessage().contains("rm -rf"), e.getMessage());
    }

    @Test
    void aPerMachineResumeIsABootTaskAsLocalSystemNotRunOnce() throws RmException {
        control(true).registerResume("updater-1a2b", List.of("C:\\Program Files\\rmkit\\bin\\java.exe", "-cp",
                "C:\\Program Files\\rmkit\\lib\\*", "dev.rmkit.updater.Main", "resume", "--install-dir",
                "C:\\Program Files\\App"));
        assertEquals(Map.of(), apis.registry, "nothing in RunOnce: a logon would use it up, a standard user's never runs it");
        assertEquals(List.of("/Create", "/F", "/TN", "\\rmkit\\updater-1a2b", "/XML"), apis.schtasks.get(0).subList(0, 5));
        String xml = apis.taskXml.get(0);
        assertTrue(xml.contains("<BootTrigger><Enabled>true</Enabled></BootTrigger>"), xml);
        assertTrue(xml.contains("<UserId>S-1-5-18</UserId><RunLevel>HighestAvailable</RunLevel>"), xml);
        assertFalse(xml.contains("LogonTrigger"), xml);
        assertTrue(xml.contains("<Command>C:\\Program Files\\rmkit\\bin\\java.exe</Command>"), xml);
        assertTrue(xml.contains(("<Arguments>-cp \"C:\\Program Files\\rmkit\\lib\\*\" dev.rmkit.updater.Main resume"
                + " --install-dir \"C:\\Program Files\\App\"</Arguments>").replace("\"", "&quot;")), xml);
        assertFalse(Files.exists(Path.of(apis.schtasks.get(0).get(5))), "the XML file is removed afterwards");
    }

    @Test
    void aPerUserResumeIsALogonTaskNamingItsUserWithoutElevation() throws RmException {
        control(false).registerResume("updater-1a2b", List.of("C:\\Users\\alice\\app\\java.exe", "resume"));
        assertEquals(List.of("/Create", "/F", "/TN", "\\rmkit-updater-1a2b", "/XML"), apis.schtasks.get(0).subList(0, 5));
        String xml = apis.taskXml.get(0);
        assertTrue(xml.contains("<LogonTrigger><Enabled>true</Enabled><UserId>" + FakeTokenApi.ALICE + "</UserId></LogonTrigger>"),
                xml);
        assertTrue(xml.contains("<UserId>" + FakeTokenApi.ALICE + "</UserId><LogonType>InteractiveToken</LogonType>"
                + "<RunLevel>LeastPrivilege</RunLevel>"), xml);
        assertFalse(xml.contains("BootTrigger") || xml.contains("S-1-5-18") || xml.contains("HighestAvailable"), xml);
        assertEquals(Map.of(), apis.registry);
    }

    @Test
    void aLongCommandIsNoProblemForATask() throws RmException {
        String longArg = "C:\\install\\" + "d".repeat(300) + " & <co>";
        control(true).registerResume("upd", List.of("C:\\rmkit\\updater.exe", "resume", "--install-dir", longArg));
        assertTrue(apis.taskXml.get(0).contains("&amp; &lt;co&gt;&quot;</Arguments>"), apis.taskXml.get(0));
    }

    @Test
    void aTaskThatCannotBeCreatedIsAnErrorAndNothingElseIsWritten() {
        apis.schtasksExit = 1;
        RmException e = assertThrows(RmException.class, () -> control(true).registerResume("upd", List.of("u.exe")));
        assertTrue(e.getMessage().contains("\\rmkit\\upd"), e.getMessage());
        assertEquals(Map.of(), apis.registry);
    }

    @Test
    void unregisterResumeRemovesTheTaskAndAnOldRunOnceValue() throws RmException {
        apis.registry.put("CURRENT_USER\\" + RUN_ONCE + "\\upd", "u.exe");
        control(false).registerResume("upd", List.of("u.exe"));
        control(false).unregisterResume("upd");
        assertEquals(List.of(), List.copyOf(apis.registry.keySet()));
        assertEquals(List.of("/Delete", "/F", "/TN", "\\rmkit-upd"), apis.schtasks.get(1));
    }

    @Test
    void aPerUserInstallRenamesNothingAtBootAndRefusesDelayedMovesBeforeCallingWindows() throws IOException {
        assertTrue(control(true).renamesAtBoot());
        assertFalse(control(false).renamesAtBoot(), "MOVEFILE_DELAY_UNTIL_REBOOT is for administrators only");
        Path staged = Files.writeString(dir.resolve("a.new"), "new");
        RmException e = assertThrows(RmException.class,
                () -> control(false).replaceAtReboot(new PendingReplacement(staged, Optional.of(dir.resolve("a")))));
        assertEquals(5, e.errorCode());
        assertEquals(List.of(), apis.calls);
    }

    @Test
    void theBootIdIsTheBootTimeFromTheUptimeAndStaysTheSameWithinTheBoot() {
        apis.uptimeMillis = 7_200_000;
        String id = control(false).bootId();
        assertEquals(BootIds.ofBootTime(now.minusMillis(7_200_000)), id);
        apis.uptimeMillis = 7_200_000 - 3_000; // the clock was corrected 3 s back meanwhile
        assertTrue(BootIds.sameBoot(id, control(false).bootId()));
        apis.uptimeMillis = 60_000; // booted a minute ago: another boot
        assertFalse(BootIds.sameBoot(id, control(false).bootId()));
    }
}
