package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.ShutdownOption;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.linux.protocol.Registry;
import dev.rmkit.rm.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Query, veto, end-session and close with real cooperating processes. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux backend with real processes (/proc, Unix sockets, signals)")
class CooperationIT {

    @TempDir Path tmp;
    private SessionFixture fx;

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

    private static AppOutcome outcomeOf(ShutdownResult r, JavaProcess p) {
        return r.apps().stream().filter(a -> a.app().process().pid() == p.pid()).findFirst().orElseThrow();
    }

    @Test
    void aCooperatingAppIsListedAsRegisteredWithItsCommand() throws Exception {
        Path f = fx.file("data.bin");
        JavaProcess app = fx.cooperating(tmp, "--app-id", "burner", "--hold", f.toString());
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            AffectedApps apps = s.list();
            assertTrue(apps.canShutDown(), apps.toString());
            AffectedApp a = apps.apps().get(0);
            assertEquals(app.pid(), a.process().pid());
            assertEquals("burner", a.name());
            assertEquals(AppType.MAIN_WINDOW, a.type());
            assertTrue(a.restartable());
            assertTrue(a.restartCommand().orElseThrow().argv().contains("--restored"));
            assertEquals(tmp.toAbsolutePath(), a.restartCommand().orElseThrow().workingDirectory());
        }
    }

    @Test
    void anAllowingAppPersistsAndExitsWithProgressUpTo100() throws Exception {
        Path f = fx.file("data.bin");
        Path state = tmp.resolve("state.txt");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString(), "--state", state.toString());
        List<Integer> progress = new ArrayList<>();
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            ShutdownResult r = s.shutdown(Set.of(), progress::add);
            assertEquals(ShutdownResult.Outcome.COMPLETE, r.outcome(), r.toString());
            assertEquals(Set.of(AppStatus.STOPPED), outcomeOf(r, app).app().status());
        }
        assertEquals(0, app.awaitExit(Duration.ofSeconds(10)).orElseThrow());
        assertEquals("ended [CLOSE_APP]", Files.readString(state).strip());
        assertEquals(0, progress.get(0));
        assertEquals(100, progress.get(progress.size() - 1));
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) > progress.get(i - 1), "not strictly increasing: " + progress);
        }
        assertFalse(Files.exists(Registry.entryPath(fx.runtime, app.pid())), "the app removed its registry entry");
    }

    @Test
    void vetoKeepsEveryAppRunning() throws Exception {
        Path f = fx.file("data.bin");
        JavaProcess refusing = fx.cooperating(tmp, "--app-id", "burner", "--hold", f.toString(),
                "--veto", "Burning session 3 of 'Photos' - 42%");
        JavaProcess willing = fx.cooperating(tmp, "--app-id", "viewer", "--hold", f.toString());
        JavaProcess plain = fx.holder("--open", f.toString());
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            ShutdownResult r = s.shutdown(Set.of(), p -> { });
            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, r.outcome());
            AppOutcome veto = outcomeOf(r, refusing);
            assertEquals("Burning session 3 of 'Photos' - 42%", veto.reason().orElseThrow());
            assertEquals(Set.of(AppStatus.RUNNING, AppStatus.ERROR_ON_STOP), veto.app().status());
            assertEquals(Set.of(AppStatus.RUNNING), outcomeOf(r, willing).app().status());
            assertEquals(Set.of(AppStatus.RUNNING), outcomeOf(r, plain).app().status());
        }
        willing.awaitLine(l -> l.startsWith("END false"), Duration.ofSeconds(10));
        assertTrue(refusing.isAlive() && willing.isAlive() && plain.isAlive());
    }

    @Test
    void endingTheRefusalLetsTheNextShutdownThrough() throws Exception {
        Path f = fx.file("data.bin");
        Path busy = Files.writeString(tmp.resolve("busy"), "Burning 10%");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString(), "--veto-file", busy.toString());
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            assertEquals("Burning 10%", outcomeOf(s.shutdown(Set.of(), p -> { }), app).reason().orElseThrow());
            Files.delete(busy);
            assertEquals(ShutdownResult.Outcome.COMPLETE, s.shutdown(Set.of(), p -> { }).outcome());
        }
        assertTrue(app.awaitExit(Duration.ofSeconds(10)).isPresent());
    }

    @Test
    void forceClosesAVetoingAppAfterTellingItTheEndIsCritical() throws Exception {
        Path f = fx.file("data.bin");
        Path state = tmp.resolve("state.txt");
        JavaProcess app = fx.cooperating(tmp, "--hold", f.toString(), "--veto", "busy", "--state", state.toString());
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            ShutdownResult r = s.shutdown(Set.of(ShutdownOption.FORCE), p -> { });
            assertEquals(ShutdownResult.Outcome.COMPLETE, r.outcome(), r.toString());
        }
        assertTrue(app.awaitExit(Duration.ofSeconds(10)).isPresent());
        assertEquals("ended [CLOSE_APP, CRITICAL]", Files.readString(state).strip());
    }

    @Test
    void onlyRegisteredClosesNothingUnlessEveryAppIsRegistered() throws Exception {
        Path f = fx.file("data.bin");
        JavaProcess registered = fx.cooperating(tmp, "--hold", f.toString());
        JavaProcess unregistered = fx.cooperating(tmp, "--app-id", "other", "--hold", f.toString(), "--no-register");
        try (RestartSession s = fx.platform.startSession()) {
            s.registerFiles(List.of(f));
            ShutdownResult r = s.shutdown(Set.of(ShutdownOption.ONLY_REGISTERED), p -> { });
            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, r.outcome());
            assertTrue(outcomeOf(r, unregistered).reason().orElseThrow().contains("not registered"));
            assertTrue(registered.isAlive() && unregistered.isAlive());
            unregistered.close();
            assertEquals(ShutdownResult.Outcome.COMPLETE, s.shutdown(Set.of(ShutdownOption.ONLY_REGISTERED), p -> { }).outcome());
        }
        assertTrue(registered.awaitExit(Duration.ofSeconds(10)).isPresent());
    }
}
