package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.system.LinuxOwner;
import dev.rmkit.rm.linux.system.LinuxSystemControl;
import dev.rmkit.rm.linux.system.RebootRound;
import dev.rmkit.rm.linux.system.RecordedApp;
import dev.rmkit.rm.linux.system.RestartList;
import dev.rmkit.rm.testing.JavaProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** rebootRestartingApps with real cooperating apps: the query round, the restart list, the after-boot runner. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux backend with real processes (/proc, Unix sockets, signals)")
class RebootIT {

    @TempDir Path tmp;
    SessionFixture fx;
    final AtomicReference<String> boot = new AtomicReference<>("boot-1");

    @BeforeEach
    void setUp() throws Exception {
        fx = new SessionFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        if (fx != null) {
            fx.close();
        }
    }

    private LinuxSystemControl control(String rebootShell) {
        return new LinuxSystemControl(new LinuxSystemControl.Settings(tmp.resolve("autostart"), tmp.resolve("units"),
                tmp.resolve("state"), List.of("/bin/sh", "-c", rebootShell), false, List.of()),
                fx.platform.config(), boot::get);
    }

    private Path marker() {
        return tmp.resolve("rebooted");
    }

    @Test
    void aRefusalStopsTheRebootNamesTheAppAndClosesNothing() throws Exception {
        JavaProcess veto = fx.cooperating(tmp, "--app-id", "burner", "--veto", "Burning session 3 - 42%");
        JavaProcess agreed = fx.cooperating(tmp, "--app-id", "editor");

        RmException e = assertThrows(RmException.class,
                () -> control("touch '" + marker() + "'").rebootRestartingApps("test"));

        assertEquals(RebootRound.ERROR_FAIL_SHUTDOWN, e.errorCode());
        assertTrue(e.getMessage().contains("burner (pid " + veto.pid() + "): Burning session 3 - 42%"), e.getMessage());
        agreed.awaitLine(l -> l.equals("END false []"), Duration.ofSeconds(10));
        assertTrue(veto.isAlive() && agreed.isAlive());
        assertFalse(Files.exists(marker()));
        assertFalse(Files.exists(tmp.resolve("state/restart-after-boot")), "nothing recorded");
    }

    @Test
    void forcedTheAppsEndAreRecordedAndComeBackAtOnceWhenTheRebootCommandFails() throws Exception {
        Path state = tmp.resolve("saved.txt");
        JavaProcess app = fx.cooperating(tmp, "--app-id", "burner", "--veto", "busy", "--state", state.toString());
        LinuxSystemControl c = control("echo no reboot for you; exit 4");

        RmException e = assertThrows(RmException.class, () -> c.rebootRestartingApps("test", true));

        assertEquals(4, e.errorCode());
        assertTrue(e.getMessage().contains("1 closed app(s) started again"), e.getMessage());
        assertTrue(app.awaitExit(Duration.ofSeconds(30)).isPresent());
        assertEquals("ended [CRITICAL]", Files.readString(state).strip());
        JavaProcess.await(() -> registeredPids().size() == 1, Duration.ofSeconds(30), "the app to register again");
        fx.adopt(registeredPids().get(0));
        assertEquals(List.of(), new RestartList(tmp.resolve("state")).pending());
    }

    @Test
    void afterTheBootTheRunnerRunsEveryResumeFirstThenStartsEachAppOnce() throws Exception {
        Path order = tmp.resolve("order.txt");
        Path started = tmp.resolve("started.txt");
        JavaProcess app = fx.cooperating(tmp, "--app-id", "burner", "--started", started.toString());
        LinuxSystemControl c = control("touch '" + marker() + "'");
        c.registerResume("updater-a", List.of("/bin/sh", "-c", "sleep 0.3; echo resume-a >> '" + order + "'"));
        assertEquals(1, c.resumeRegistrations("updater-a").size());

        c.rebootRestartingApps("test");

        assertTrue(app.awaitExit(Duration.ofSeconds(30)).isPresent());
        assertTrue(Files.exists(marker()));
        assertEquals(List.of(), c.resumeRegistrations("updater-a"), "handed over to the runner");
        assertEquals(1, c.resumeRegistrations(LinuxSystemControl.AFTER_BOOT).size());
        assertEquals(0, c.restartAppsAfterReboot().apps().size(), "same boot: the reboot has not happened");

        boot.set("boot-2");
        assertEquals(0, c.restartAppsAfterReboot().apps().size(), "a registered resume is unfinished: it runs first");
        Files.delete(started);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RestartResult r = c.runAfterBoot(new PrintStream(log, true));

        assertEquals(1, r.apps().size(), log.toString());
        fx.adopt(r.apps().get(0).newProcess().orElseThrow().pid());
        assertEquals("resume-a", Files.readString(order).strip(), "the resume ran to its end before the app started");
        JavaProcess.awaitFile(started, Duration.ofSeconds(30));
        assertEquals(1, c.resumeRegistrations("updater-a").size(), "still registered: it runs again after the next boot");
        assertEquals(List.of(), c.resumeRegistrations(LinuxSystemControl.AFTER_BOOT), "the runner removed itself");
        c.unregisterResume("updater-a");
        assertEquals(0, c.restartAppsAfterReboot().apps().size(), "each app starts once");
        assertEquals(0, c.runAfterBoot(new PrintStream(log, true)).apps().size());
    }

    @Test
    void aRecordIsClaimedByOneRunnerOnly() throws Exception {
        RestartList list = new RestartList(tmp.resolve("state"));
        list.add(new RecordedApp(1, "burner", 42, "2026-01-01T00:00:00Z", List.of("/bin/true"), "/", new LinuxOwner(0, 0,
                "/run/rmkit", Map.of("HOME", "/root", "SECRET_TOKEN", "x")), "boot-1"));
        Path record = list.pending().get(0);

        assertTrue(list.claim(record).isPresent());
        assertTrue(list.claim(record).isEmpty());
        assertEquals(Map.of("HOME", "/root"), new LinuxOwner(0, 0, "/r", Map.of("HOME", "/root", "SECRET_TOKEN", "x"))
                .environment(), "only the session-locating variables are kept");
    }

    private List<Long> registeredPids() {
        try (var s = Files.list(fx.runtime.resolve("apps"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> Long.parseLong(n.substring(0, n.length() - 5))).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }
}
