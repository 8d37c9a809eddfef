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

    private static final java.time.Duration START = java.time.Duration.ofSeconds(1);

    private final RestartCommand cmd = RestartCommand.of(List.of("/opt/app", "--restore", "s.json"), Path.of("/home/u"));

    @Test
    void ownAppsStartDirectlyInANewSession() throws RmException {
        assertEquals(List.of("/usr/bin/setsid", "--", "/opt/app", "--restore", "s.json"), Launcher.argv(cmd, 1000, 1000, 1000));
    }

    @Test
    void rootStartsAnotherUsersAppAsThatUser() throws RmException {
        assertEquals(List.of("/usr/bin/setpriv", "--reuid=1000", "--regid=100", "--init-groups", "--",
                "/usr/bin/setsid", "--", "/opt/app", "--restore", "s.json"), Launcher.argv(cmd, 1000, 100, 0));
    }

    @Test
    void aRegisteredArgvThatLooksLikeAnOptionReachesNeitherSetprivNorSetsidAsOne() throws RmException {
        for (String option : List.of("-w", "--fork", "-c", "--", "--reuid=0")) {
            RestartCommand hostile = RestartCommand.of(List.of(option, "/bin/sh", "-c", "id"), Path.of("/home/u"));
            List<String> argv = Launcher.argv(hostile, 1000, 100, 0);
            int setsid = argv.indexOf("/usr/bin/setsid");
            assertEquals(List.of("--", option, "/bin/sh", "-c", "id"), argv.subList(setsid + 1, argv.size()), option);
            assertEquals("--", argv.get(setsid - 1), "setpriv's options end before setsid: " + argv);
            for (Launcher.Scope scope : Launcher.Scope.values()) {
                List<String> scoped = Launcher.argv(hostile, 1000, 100, 0, scope);
                assertEquals(List.of("--", option, "/bin/sh", "-c", "id"), scoped.subList(scoped.size() - 5, scoped.size()),
                        scope + ": the argv follows an end of options: " + scoped);
            }
        }
    }

    @Test
    void anArmedChainExecsTheFixedScriptWithTheDirectoryAndTheArgvAsItsParameters() throws RmException {
        RestartCommand hostile = RestartCommand.of(List.of("-w", "$(id)", ";id"), Path.of("/home/u"));
        for (Launcher.Scope scope : Launcher.Scope.values()) {
            List<String> chain = Launcher.chain("-w", ArmedLaunch.shell(hostile.argv(), "/home/u"), 1000, 100, 0, scope);
            assertEquals(List.of("--", "/bin/sh", "-c", ArmedLaunch.SCRIPT, "sh", "/home/u", "-w", "$(id)", ";id"),
                    chain.subList(chain.size() - 9, chain.size()), scope + ": " + chain);
            assertTrue(chain.contains("/usr/bin/setpriv"), scope + ": as its owner: " + chain);
        }
        assertTrue(ArmedLaunch.SCRIPT.startsWith("printf r && exec >/dev/null || exit 0\nIFS= read -r rmkit_armed_line"),
                "what tests look for (ArmedShells)");
        assertTrue(ArmedLaunch.carries(java.util.Map.of("PATH", "/bin", "PWD", "/x", "OLDPWD", "/y", "_x9", "")));
        for (String name : List.of("IFS", "OPTIND", "PPID", "a-b", "1x", "", ArmedLaunch.CARRIED_OLDPWD)) {
            assertTrue(!ArmedLaunch.carries(java.util.Map.of(name, "v")), name);
        }
    }

    @Test
    void anyoneElseIsRefused() {
        RmException e = assertThrows(RmException.class, () -> Launcher.argv(cmd, 1001, 1001, 1000));
        assertTrue(e.getMessage().contains("only root"), e.getMessage());
    }

    @Test
    void whereSystemdIsTheInitTheAppGetsAScopeInItsOwnersManager() throws RmException {
        assertEquals(List.of("/usr/bin/setpriv", "--reuid=1000", "--regid=100", "--init-groups", "--", "/usr/bin/setsid", "--",
                "systemd-run", "--user", "--scope", "--quiet", "--collect", "--description=/opt/app (restarted by rmkit)", "--",
                "/opt/app", "--restore", "s.json"), Launcher.argv(cmd, 1000, 100, 0, Launcher.Scope.USER));
    }

    @Test
    void withoutTheOwnersManagerRootPutsTheAppInASystemScopeBeforeChangingUser() throws RmException {
        assertEquals(List.of("systemd-run", "--scope", "--quiet", "--collect", "--description=/opt/app (restarted by rmkit)", "--",
                "/usr/bin/setpriv", "--reuid=1000", "--regid=100", "--init-groups", "--", "/usr/bin/setsid", "--",
                "/opt/app", "--restore", "s.json"), Launcher.argv(cmd, 1000, 100, 0, Launcher.Scope.SYSTEM));
    }

    @Test
    void theScopeFollowsWhatRunsHere(@org.junit.jupiter.api.io.TempDir Path run) throws Exception {
        dev.rmkit.rm.linux.proc.ProcFs proc = new dev.rmkit.rm.linux.proc.ProcFs(Path.of("/proc"));
        assertEquals(Launcher.Scope.NONE, new Launcher(proc, 0, START, run).scope(1000), "no systemd");
        java.nio.file.Files.createDirectories(run.resolve("systemd/system"));
        assertEquals(Launcher.Scope.SYSTEM, new Launcher(proc, 0, START, run).scope(1000), "no bus of uid 1000");
        assertEquals(Launcher.Scope.NONE, new Launcher(proc, 1001, START, run).scope(1000), "only root reaches the system manager");
        java.nio.file.Files.createDirectories(run.resolve("user/1000"));
        java.nio.file.Files.createFile(run.resolve("user/1000/bus"));
        assertEquals(Launcher.Scope.USER, new Launcher(proc, 0, START, run).scope(1000));
        assertEquals(Launcher.Scope.USER, new Launcher(proc, 1000, START, run).scope(1000));
    }
}
