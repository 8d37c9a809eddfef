package dev.rmkit.rm.linux.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.proc.CgroupUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(value = OS.LINUX, disabledReason = "systemctl and setpriv command lines of the Linux backend")
class SystemctlTest {

    private static final CgroupUnit.Unit SYSTEM = new CgroupUnit.Unit("app.service", Optional.empty());
    private static final CgroupUnit.Unit ALICE = new CgroupUnit.Unit("app.service", Optional.of(1000));

    @Test
    void aSystemUnitGoesThroughTheSystemManager() throws RmException {
        assertEquals(List.of("systemctl", "--no-pager", "--no-ask-password", "stop", "app.service"),
                Systemctl.argv(SYSTEM, 0, 0, List.of("stop", "app.service")));
    }

    @Test
    void rootReachesAUsersManagerAsThatUser() throws RmException {
        assertEquals(List.of("/usr/bin/setpriv", "--reuid=1000", "--regid=100", "--init-groups", "--", "systemctl", "--user",
                "--no-pager", "--no-ask-password", "start", "app.service"),
                Systemctl.argv(ALICE, 100, 0, List.of("start", "app.service")));
    }

    @Test
    void aUserReachesItsOwnManagerAndNoOneElses() throws RmException {
        assertEquals(List.of("systemctl", "--user", "--no-pager", "--no-ask-password", "stop", "app.service"),
                Systemctl.argv(ALICE, 1000, 1000, List.of("stop", "app.service")));
        RmException e = assertThrows(RmException.class, () -> Systemctl.argv(ALICE, 1000, 1001, List.of("stop")));
        assertTrue(e.getMessage().contains("only root"), e.getMessage());
    }

    @Test
    void aUnitNameIsNeverReadAsAnOption(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("systemctl");
        Files.writeString(fake, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(fake, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Systemctl s = Systemctl.running(fake.toString(), dir, 0);

        Systemctl.Call c = s.call(new CgroupUnit.Unit("--force.service", Optional.empty()), 0, "stop");

        assertEquals("--no-pager\n--no-ask-password\nstop\n--\n--force.service", c.output());
    }

    @Test
    void systemdManagesUnitsOnlyWhereItIsTheInit(@TempDir Path run) throws Exception {
        assertFalse(new Systemctl(run, 0).booted());
        Files.createDirectories(run.resolve("systemd/system"));
        assertTrue(new Systemctl(run, 0).booted());
    }

    @Test
    void theStateOfAUnitIsReadFromShow() {
        UnitState up = UnitState.parse("ActiveState=active\nSubState=running\nResult=success\nMainPID=4242\n");
        assertTrue(up.up());
        assertEquals(4242, up.mainPid());
        UnitState failed = UnitState.parse("MainPID=0\nActiveState=failed\nSubState=failed\nResult=exit-code\n");
        assertFalse(failed.up());
        assertEquals("failed/failed (exit-code)", failed.toString());
        assertEquals(0, UnitState.parse("garbage").mainPid());
    }
}
