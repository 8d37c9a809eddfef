package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.RebootReason;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.linux.proc.ProcStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Reboot reasons and types from a fixture /proc, through the platform's public session API. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux backend against a fixture /proc (symlinks, POSIX modes)")
class ListingRulesTest {

    @TempDir Path tmp;
    private ProcFixture proc;
    private Path file;
    private LinuxPlatform platform;

    @BeforeEach
    void setUp() throws Exception {
        proc = new ProcFixture(tmp.resolve("proc"));
        file = Files.writeString(tmp.resolve("app.jar"), "jar");
        platform = new LinuxPlatform(LinuxConfig.withRuntimeDir(tmp.resolve("rt")).withProcRoot(proc.root));
    }

    /** access(2) says root may read anything; only opening shows the ptrace check that refuses it. */
    private static boolean pidOneUnreadable() {
        try {
            Files.readAllBytes(Path.of("/proc/1/maps"));
            return false;
        } catch (java.nio.file.AccessDeniedException e) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private AffectedApps list(Path registered) throws Exception {
        try (RestartSession s = platform.startSession()) {
            s.registerFiles(List.of(registered));
            return s.list();
        }
    }

    @Test
    void pidOneHoldingAFileIsACriticalProcess() throws Exception {
        proc.process(1, "init", 0, 0);
        proc.link(1, "fd/3", file);
        AffectedApps apps = list(file);
        assertEquals(Set.of(RebootReason.CRITICAL_PROCESS), apps.rebootReasons());
        assertEquals(AppType.CRITICAL, apps.apps().get(0).type());
        assertEquals("init", apps.apps().get(0).name());
    }

    @Test
    void aKernelThreadHoldingADirectoryIsACriticalProcess() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("mnt"));
        proc.process(57, "loop0", ProcStat.PF_KTHREAD, 0);
        proc.link(57, "cwd", dir);
        AffectedApps apps = list(dir);
        assertEquals(Set.of(RebootReason.CRITICAL_PROCESS), apps.rebootReasons());
        assertEquals(List.of(57L), apps.apps().stream().map(a -> a.process().pid()).toList());
    }

    @Test
    void anUnreadableProcessThatCouldOpenTheFileIsPermissionDenied() throws Exception {
        assumeTrue(pidOneUnreadable(), "needs a pid 1 this user cannot inspect");
        proc.process(4242, "daemon", 0, 0);
        proc.link(4242, "maps", Path.of("/proc/1/maps"));
        AffectedApps apps = list(file);
        assertEquals(Set.of(RebootReason.PERMISSION_DENIED), apps.rebootReasons());
        assertEquals(List.of(), apps.apps(), "an uninspected process is not claimed to be a holder");
        assertTrue(!apps.canShutDown());
    }

    @Test
    void anUnreadableProcessThatCannotOpenTheFileIsNoReason() throws Exception {
        assumeTrue(pidOneUnreadable(), "needs a pid 1 this user cannot inspect");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assumeFalse(Files.getOwner(file).getName().equals("nobody"));
        proc.process(4343, "stranger", 0, 65534);
        proc.link(4343, "maps", Path.of("/proc/1/maps"));
        assertEquals(Set.of(), list(file).rebootReasons());
    }

    @Test
    void anUnreadablePidOneIsLoggedNotAReason() throws Exception {
        proc.process(1, "init", 0, 0);
        proc.link(1, "maps", Path.of("/proc/1/maps"));
        assertEquals(Set.of(), list(file).rebootReasons());
    }

    /** This process, as the fixture's {@code self} describes it, and how the fixture's /proc is mounted. */
    private void self(int uid, String capEff, String procOptions) throws Exception {
        Path self = Files.createDirectories(proc.root.resolve("self"));
        Files.writeString(self.resolve("status"), "Name:\tjava\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nGid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nGroups:\t\nCapEff:\t" + capEff + "\n");
        Files.writeString(self.resolve("mountinfo"), "22 27 0:21 / /proc rw,relatime - proc proc " + procOptions + "\n");
    }

    @Test
    void aUserWhoCannotInspectAProcessIsToldToRunAsRoot() throws Exception {
        assumeTrue(pidOneUnreadable(), "needs a pid 1 this user cannot inspect");
        self(1000, "0000000000000000", "rw");
        proc.process(4242, "daemon", 0, 0);
        proc.link(4242, "maps", Path.of("/proc/1/maps"));

        AffectedApps apps = list(file);

        assertEquals(Set.of(RebootReason.PERMISSION_DENIED), apps.rebootReasons());
        assertEquals("run as root to see every process", apps.permissionAdvice());
    }

    @Test
    void rootThatCannotInspectAProcessIsToldWhatItLacksNotToRunAsRoot() throws Exception {
        assumeTrue(pidOneUnreadable(), "needs a pid 1 this user cannot inspect");
        self(0, "000001fffff7ffff", "rw");
        proc.process(4242, "daemon", 0, 1000);
        proc.link(4242, "maps", Path.of("/proc/1/maps"));

        AffectedApps apps = list(file);

        assertEquals(Set.of(RebootReason.PERMISSION_DENIED), apps.rebootReasons());
        assertTrue(apps.permissionAdvice().contains("although it runs as root: it lacks CAP_SYS_PTRACE"),
                apps.permissionAdvice());
    }

    @Test
    void processesHiddenByHidepidArePermissionDeniedNotMissing() throws Exception {
        self(0, "000001fffff7ffff", "rw,hidepid=invisible");

        AffectedApps apps = list(file);

        assertEquals(List.of(), apps.apps());
        assertEquals(Set.of(RebootReason.PERMISSION_DENIED), apps.rebootReasons(), "nothing seen is not nothing there");
        assertTrue(apps.permissionAdvice().contains("/proc is mounted with hidepid=invisible"), apps.permissionAdvice());
        self(0, "000001ffffffffff", "rw,hidepid=invisible");
        assertEquals(Set.of(), list(file).rebootReasons(), "root with CAP_SYS_PTRACE sees past hidepid");
        assertEquals("", list(file).permissionAdvice());
    }
}
