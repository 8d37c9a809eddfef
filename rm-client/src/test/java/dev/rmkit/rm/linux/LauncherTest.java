package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux restart launcher: setsid, setpriv and POSIX paths")
class LauncherTest {

    private final RestartCommand cmd = RestartCommand.of(List.of("/opt/app", "--restore", "s.json"), Path.of("/home/u"));

    @Test
    void ownAppsStartDirectlyInANewSession() throws RmException {
        assertEquals(List.of("/usr/bin/setsid", "/opt/app", "--restore", "s.json"), Launcher.argv(cmd, 1000, 1000, 1000));
    }

    @Test
    void rootStartsAnotherUsersAppAsThatUser() throws RmException {
        assertEquals(List.of("/usr/bin/setpriv", "--reuid=1000", "--regid=100", "--init-groups", "--",
                "/usr/bin/setsid", "/opt/app", "--restore", "s.json"), Launcher.argv(cmd, 1000, 100, 0));
    }

    @Test
    void anyoneElseIsRefused() {
        RmException e = assertThrows(RmException.class, () -> Launcher.argv(cmd, 1001, 1001, 1000));
        assertTrue(e.getMessage().contains("only root"), e.getMessage());
    }
}
