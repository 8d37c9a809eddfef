package dev.rmkit.rm.linux.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.LinuxConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux system side: sh scripts, symlinks, POSIX paths")
class LinuxSystemControlTest {

    @TempDir Path tmp;

    private LinuxSystemControl control(boolean systemWide, List<String> reboot, List<Path> searchPath) {
        // Its own runtime directory: a reboot asks every app registered in it, and the default one is shared.
        return new LinuxSystemControl(new LinuxSystemControl.Settings(tmp.resolve("autostart"), tmp.resolve("units"),
                tmp.resolve("state"), reboot, systemWide, searchPath), LinuxConfig.withRuntimeDir(tmp.resolve("runtime")),
                () -> "boot-1");
    }

    @Test
    void aUserResumeIsAnAutostartEntryThatUnregisteringRemoves() throws Exception {
        LinuxSystemControl c = control(false, List.of("true"), List.of());
        c.registerResume("updater-app", List.of("/usr/bin/java", "-jar", "/opt/u.jar", "resume"));

        Path entry = tmp.resolve("autostart/rmkit-resume-updater-app.desktop");
        assertTrue(Files.readString(entry).contains("Exec=/usr/bin/java -jar /opt/u.jar resume\n"));
        assertEquals(List.of(entry), c.resumeRegistrations("updater-app"));

        c.unregisterResume("updater-app");
        assertFalse(Files.exists(entry));
        assertEquals(List.of(), c.resumeRegistrations("updater-app"));
    }

    @Test
    void aSystemResumeIsAUnitEnabledByAWantsSymlink() throws Exception {
        LinuxSystemControl c = control(true, List.of("true"), List.of());
        c.registerResume("app", List.of("/bin/true"));

        Path unit = tmp.resolve("units/rmkit-resume-app.service");
        Path link = tmp.resolve("units/multi-user.target.wants/rmkit-resume-app.service");
        assertTrue(Files.readString(unit).contains("ExecStart=\"/bin/true\""));
        assertEquals(Path.of("..", "rmkit-resume-app.service"), Files.readSymbolicLink(link));
        assertEquals(unit.toRealPath(), link.toRealPath());

        c.unregisterResume("app");
        assertFalse(Files.exists(unit));
        assertFalse(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void rebootRunsTheConfiguredCommandAndReportsItsFailure() throws Exception {
        Path marker = tmp.resolve("rebooted");
        control(false, List.of("/bin/sh", "-c", "echo now > '" + marker + "'"), List.of()).rebootRestartingApps("test");
        assertEquals("now", Files.readString(marker).strip());

        RmException e = assertThrows(RmException.class,
                () -> control(false, List.of("/bin/sh", "-c", "echo denied; exit 3"), List.of()).rebootRestartingApps("t"));
        assertEquals(3, e.errorCode());
        assertTrue(e.getMessage().contains("denied"), e.getMessage());
    }

    @Test
    void logoffUsesLoginctlFromThePathAndFailsWithoutIt() throws Exception {
        assertThrows(RmException.class, () -> control(false, List.of("true"), List.of(tmp.resolve("empty"))).logoff());

        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path args = tmp.resolve("loginctl-args");
        Path fake = bin.resolve("loginctl");
        Files.writeString(fake, "#!/bin/sh\necho \"$@\" > '" + args + "'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        control(false, List.of("true"), List.of(bin)).logoff();
        assertEquals("terminate-user " + System.getProperty("user.name"), Files.readString(args).strip());
    }

    @Test
    void pendingReplacementsAreRecordedThenCarriedOutOnceInOrder() throws Exception {
        LinuxSystemControl c = control(false, List.of("true"), List.of());
        Path a = Files.writeString(tmp.resolve("a.new"), "new");
        Path target = Files.writeString(tmp.resolve("a"), "old");
        Path obsolete = Files.writeString(tmp.resolve("obsolete"), "x");
        c.replaceAtReboot(new PendingReplacement(a, Optional.of(target)));
        c.replaceAtReboot(new PendingReplacement(obsolete, Optional.empty()));
        assertEquals(2, c.pendingReplacements().size());

        assertEquals(2, c.runPendingReplacements().size());
        assertEquals("new", Files.readString(target));
        assertFalse(Files.exists(obsolete));
        assertEquals(List.of(), c.pendingReplacements());
        assertEquals(List.of(), c.runPendingReplacements());
    }

    @Test
    void defaultsFollowTheEnvironment() {
        LinuxSystemControl.Settings s = LinuxSystemDefaults.settings(Map.of("XDG_CONFIG_HOME", "/x/config",
                "RMKIT_REBOOT_COMMAND", "touch /tmp/r", "RMKIT_SYSTEMD_UNIT_DIR", "/x/units", "PATH", "/a:/b"));
        assertEquals(Path.of("/x/config/autostart"), s.autostartDir());
        assertEquals(List.of("/bin/sh", "-c", "touch /tmp/r"), s.rebootCommand());
        assertEquals(Path.of("/x/units"), s.systemdUnitDir());
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), s.searchPath());
        assertEquals(Path.of("/x/state"), LinuxSystemDefaults.settings(Map.of("RMKIT_STATE_DIR", "/x/state")).stateDir());
        assertEquals(LinuxSystemDefaults.settings(Map.of()).stateDir(),
                LinuxSystemDefaults.settings(Map.of("RMKIT_STATE_DIR", "relative")).stateDir());
        assertEquals(List.of("systemctl", "reboot"), LinuxSystemDefaults.settings(Map.of()).rebootCommand());
        assertEquals(Path.of(System.getProperty("user.home"), ".config/autostart"),
                LinuxSystemDefaults.settings(Map.of("XDG_CONFIG_HOME", "relative")).autostartDir());
    }
}
