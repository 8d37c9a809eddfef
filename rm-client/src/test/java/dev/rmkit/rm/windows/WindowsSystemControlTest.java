package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.RmException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowsSystemControlTest {

    private static final String RUN_ONCE = "Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce";
    @TempDir
    Path dir;
    private final FakeSystemApis apis = new FakeSystemApis();

    private WindowsSystemControl control(boolean machine) {
        return new WindowsSystemControl(apis, apis, apis, machine, dir.resolve("tasks"));
    }

    @Test
    void rebootEnablesThePrivilegeThenRestartsWithRestartApps() throws RmException {
        control(true).rebootRestartingApps("rmkit update");
        assertEquals(List.of("enableShutdownPrivilege", "InitiateShutdownW 0x84 0x80040002 rmkit update"), apis.calls);
    }

    @Test
    void aForcedRebootLogsSessionsOffWithoutAskingAndEndsHungAppsOnTheFallback() throws RmException {
        control(true).rebootRestartingApps("rmkit update", true);
        assertEquals("InitiateShutdownW 0x87 0x80040002 rmkit update", apis.calls.get(1));
        apis.calls.clear();
        apis.initiate = 120;
        control(true).rebootRestartingApps("x", true);
        assertEquals("ExitWindowsEx 0x52 0x80040002", apis.calls.get(2));
    }

    @Test
    void aMissingPrivilegeStopsBeforeAnyShutdownCall() {
        apis.privilege = 1300;
        RmException e = assertThrows(RmException.class, () -> control(true).rebootRestartingApps("x"));
        assertEquals(1300, e.errorCode());
        assertEquals(List.of("enableShutdownPrivilege"), apis.calls);
    }

    @Test
    void aFailedInitiateShutdownFallsBackToExitWindowsEx() throws RmException {
        apis.initiate = 120;
        control(true).rebootRestartingApps("x");
        assertEquals("ExitWindowsEx 0x42 0x80040002", apis.calls.get(2));
    }

    @Test
    void aShutdownAlreadyUnderwayIsNotRetriedAnotherWay() {
        apis.initiate = 1115;
        RmException e = assertThrows(RmException.class, () -> control(true).rebootRestartingApps("x"));
        assertEquals(1115, e.errorCode());
        assertEquals(2, apis.calls.size());
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
    void resumeGoesToRunOnceOfTheInstallScope() throws RmException {
        control(false).registerResume("updater.resume", List.of("C:\\Program Files\\rmkit\\updater.exe", "resume"));
        assertEquals("\"C:\\Program Files\\rmkit\\updater.exe\" resume",
                apis.registry.get("CURRENT_USER\\" + RUN_ONCE + "\\updater.resume"));
        control(true).registerResume("updater.resume", List.of("u.exe"));
        assertEquals("u.exe", apis.registry.get("LOCAL_MACHINE\\" + RUN_ONCE + "\\updater.resume"));
        assertEquals(List.of(), apis.schtasks);
    }

    @Test
    void aCommandOverRunOncesLimitBecomesALogonTask() throws RmException {
        String longArg = "C:\\install\\" + "d".repeat(300) + " & <co>";
        control(true).registerResume("upd", List.of("C:\\rmkit\\updater.exe", "resume", "--install-dir", longArg));
        assertEquals(List.of(), List.copyOf(apis.registry.keySet()));
        assertEquals(List.of("/Create", "/F", "/TN", "\\rmkit\\upd", "/XML"), apis.schtasks.get(0).subList(0, 5));
        String xml = apis.taskXml.get(0);
        assertTrue(xml.contains("<Command>C:\\rmkit\\updater.exe</Command>"), xml);
        assertTrue(xml.contains("&amp; &lt;co&gt;&quot;</Arguments>"), xml);
        assertTrue(xml.contains("<LogonTrigger>"), xml);
        assertFalse(Files.exists(Path.of(apis.schtasks.get(0).get(5))), "the XML file is removed afterwards");
    }

    @Test
    void aRunOnceThatCannotBeWrittenFallsBackToATaskAndBothFailuresAreReported() {
        apis.registryWritesFail = true;
        apis.schtasksExit = 1;
        RmException e = assertThrows(RmException.class, () -> control(true).registerResume("upd", List.of("u.exe")));
        assertTrue(e.getMessage().contains("RunOnce had failed"), e.getMessage());
        assertEquals(1, apis.schtasks.size());
    }

    @Test
    void unregisterResumeRemovesTheValueAndAnyTask() throws RmException {
        control(false).registerResume("upd", List.of("u.exe"));
        control(false).unregisterResume("upd");
        assertEquals(List.of(), List.copyOf(apis.registry.keySet()));
        assertEquals(List.of(List.of("/Delete", "/F", "/TN", "\\rmkit\\upd")), apis.schtasks);
    }

    @Test
    void aBadResumeNameChangesNothing() {
        assertThrows(RmException.class, () -> control(false).registerResume("a\\b", List.of("u.exe")));
        assertThrows(RmException.class, () -> control(false).registerResume("ok", List.of()));
        assertEquals(List.of(), List.copyOf(apis.registry.keySet()));
    }

    @Test
    void runOnceTakesAtMost260Characters() {
        assertTrue(ResumeEntries.fitsRunOnce("x".repeat(260)));
        assertFalse(ResumeEntries.fitsRunOnce("x".repeat(261)));
    }

    @Test
    void onlyErrorsOtherThanAShutdownUnderwayFallBack() {
        assertTrue(RebootPlan.fallBackToExitWindows(120));
        assertTrue(RebootPlan.fallBackToExitWindows(5));
        assertFalse(RebootPlan.fallBackToExitWindows(1115));
        assertFalse(RebootPlan.fallBackToExitWindows(1190));
        assertFalse(RebootPlan.fallBackToExitWindows(0));
    }
}
