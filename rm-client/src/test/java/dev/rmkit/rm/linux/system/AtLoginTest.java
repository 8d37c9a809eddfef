package dev.rmkit.rm.linux.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.testing.Unprivileged;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The apps of a user who is not logged in after the reboot wait for that user's login: root's starter
 * leaves their records and registers a unit that the user's manager wants; that unit's run starts the
 * user's apps only, and removes itself. systemd is a fixture run directory here ({@code RebootIT} has the
 * real one); the apps are real processes.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "setpriv, /proc, symlinks of a systemd unit directory")
class AtLoginTest {

    @TempDir Path tmp;
    Path run;
    LinuxSystemControl.Settings settings;
    RestartList list;
    final List<ProcessHandle> started = new ArrayList<>();

    @BeforeEach
    void fixtures() throws Exception {
        run = Files.createDirectories(tmp.resolve("run/systemd/system")).getParent().getParent();
        settings = new LinuxSystemControl.Settings(tmp.resolve("autostart"), tmp.resolve("units"), tmp.resolve("state"),
                List.of("true"), true, List.of());
        list = new RestartList(settings.stateDir());
    }

    @AfterEach
    void stopThem() {
        started.forEach(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
    }

    private void recorded(String app, int uid, long pid) throws Exception {
        list.add(new RecordedApp(1, app, pid, "2026-01-01T00:00:00Z", List.of("/bin/sleep", "60"), "/",
                new LinuxOwner(uid, uid, tmp.resolve("rt").toString(), Map.of("PATH", "/usr/bin:/bin")), "boot-1"));
    }

    private Path unit(int uid) {
        return settings.systemdUnitDir().resolve("rmkit-restart-at-login-" + uid + ".service");
    }

    private Path link(int uid) {
        return settings.systemdUnitDir().resolve("user@" + uid + ".service.wants/rmkit-restart-at-login-" + uid + ".service");
    }

    @Test
    void theAppOfAUserWhoIsNotLoggedInWaitsAndTheLoginIsRegistered() throws Exception {
        recorded("burner", Unprivileged.NOBODY, 42);
        AtLogin atLogin = new AtLogin(settings, run);

        RestartResult r = Relauncher.relaunch(list, "boot-2", atLogin, RelauncherTest.START_WAIT);

        assertEquals(List.of(), r.apps(), "not started at boot");
        assertEquals(1, list.pending().size(), "the record stays for the login");
        assertEquals(List.of("burner"), atLogin.deferred().stream().map(RecordedApp::appId).toList());
        String text = Files.readString(unit(Unprivileged.NOBODY));
        assertTrue(text.contains("After=user@65534.service\n"), text);
        assertTrue(text.contains("\"dev.rmkit.rm.linux.system.AfterBoot\"") && text.contains("\"--login-uid\" \"65534\""), text);
        assertEquals(Path.of("..", "rmkit-restart-at-login-65534.service"), Files.readSymbolicLink(link(Unprivileged.NOBODY)));
    }

    @Test
    void atTheLoginThatUsersAppsStartOnceAndTheRegistrationGoes() throws Exception {
        assumeTrue(Unprivileged.available(), "root, to start an app as nobody");
        recorded("burner", Unprivileged.NOBODY, 42);
        recorded("roots", 0, 43);
        new AtLogin(settings, run).register(Unprivileged.NOBODY);
        LinuxSystemControl control = new LinuxSystemControl(settings);
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        RestartResult r = AfterBoot.atLogin(control, Unprivileged.NOBODY, new PrintStream(log, true), RelauncherTest.START_WAIT);
        r.apps().forEach(o -> o.newProcess().flatMap(p -> ProcessHandle.of(p.pid())).ifPresent(started::add));

        assertEquals(List.of("burner"), r.apps().stream().map(o -> o.app().name()).toList(), log.toString());
        long pid = r.apps().get(0).newProcess().orElseThrow().pid();
        assertEquals(Unprivileged.NOBODY, (Integer) Files.getAttribute(Path.of("/proc/" + pid), "unix:uid"));
        assertEquals(1, list.pending().size(), "root's app is not this login's to start");
        assertFalse(Files.exists(unit(Unprivileged.NOBODY)));
        assertFalse(Files.exists(link(Unprivileged.NOBODY)));
        assertEquals(List.of(), AfterBoot.atLogin(control, Unprivileged.NOBODY, new PrintStream(log, true), RelauncherTest.START_WAIT).apps(),
                "a second login starts nothing");
    }

    @Test
    void rootsAppsAndThoseOfAUserWithAManagerStartAtBoot() throws Exception {
        AtLogin atLogin = new AtLogin(settings, run);
        RecordedApp nobodys = new RecordedApp(1, "burner", 42, "2026-01-01T00:00:00Z", List.of("/bin/sleep", "60"), "/",
                new LinuxOwner(Unprivileged.NOBODY, Unprivileged.NOBODY, "/tmp/rt", Map.of()), "boot-1");
        RecordedApp roots = new RecordedApp(1, "burner", 42, "2026-01-01T00:00:00Z", List.of("/bin/sleep", "60"), "/",
                new LinuxOwner(0, 0, "/tmp/rt", Map.of()), "boot-1");

        assertTrue(atLogin.defers(nobodys));
        assertFalse(atLogin.defers(roots), "root's apps do not wait for a login");
        Files.createDirectories(run.resolve("user/65534"));
        Files.writeString(run.resolve("user/65534/bus"), "");
        assertFalse(atLogin.defers(nobodys), "the user's manager runs: it is started there now");
        Files.delete(run.resolve("user/65534/bus"));
        Files.delete(run.resolve("systemd/system"));
        assertFalse(atLogin.defers(nobodys), "without systemd there is no login to wait for");
        assertFalse(new AtLogin(new LinuxSystemControl.Settings(tmp.resolve("a"), tmp.resolve("u"), tmp.resolve("s"),
                List.of("true"), false, List.of()), run).defers(nobodys), "a user's own starter runs at its login already");
    }
}
