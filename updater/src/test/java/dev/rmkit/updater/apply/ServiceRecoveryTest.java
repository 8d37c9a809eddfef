package dev.rmkit.updater.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.LinuxPlatform;
import dev.rmkit.rm.linux.system.LinuxSystemControl;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.UpdaterContext;
import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.apps.LeftClosed;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledStore;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalOperation;
import dev.rmkit.updater.journal.JournalState;
import dev.rmkit.updater.journal.JournalStore;
import dev.rmkit.updater.testing.FakeServiceManager;
import dev.rmkit.updater.testing.Feeds;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * An updater that died after it stopped services leaves them in its journal; {@code resume}, or the
 * next {@code apply}, starts each again exactly once (one that is up is left alone), and
 * {@code restart-apps} starts the services an {@code --no-restart} left stopped. The service manager is
 * a model here; {@code ServicesIT} shows the same against a real systemd.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the session side is the Linux backend")
class ServiceRecoveryTest {

    static final Map<String, String> V1 = Map.of("bin/serve", "serve 1.0", "VERSION", "1.0");
    static final Map<String, String> V2 = Map.of("bin/serve", "serve 2.0", "VERSION", "2.0");
    static final ServiceUnit APP = ServiceUnit.system("app.service");
    static final ServiceUnit ALICES = new ServiceUnit("web.service",
            new AppOwner("1000", "1000", "/run/user/1000/rmkit", Map.of("HOME", "/home/alice")));

    @TempDir Path tmp;
    Feeds feeds;
    FakeServiceManager services;
    UpdaterContext ctx;
    InstallLayout layout;

    @BeforeEach
    void installV1() throws Exception {
        feeds = Feeds.create(tmp.resolve("publisher"));
        LinuxConfig config = LinuxConfig.withRuntimeDir(tmp.resolve("runtime"));
        services = new FakeServiceManager(new LinuxSystemControl(new LinuxSystemControl.Settings(tmp.resolve("autostart"),
                tmp.resolve("units"), tmp.resolve("sysstate"), List.of("true"), false, List.of()), config, () -> "boot-1"));
        ctx = new UpdaterContext(() -> new LinuxPlatform(config), () -> services, new Fetcher(FetchOptions.defaults()),
                Clock.systemUTC(), () -> "boot-1", UpdaterContext::javaResumeCommand, Duration.ofMillis(100),
                ProgressSink.NONE);
        layout = new InstallLayout(tmp.resolve("app"));
        assertEquals(0, run("apply", "--manifest", feeds.publish("1.0", V1).toString(), "--install-dir",
                layout.installDir().toString(), "--trust", feeds.publicKey().toString()).get("exitCode").asInt());
    }

    /** The journal an updater leaves when it dies in {@code state} after stopping {@code stopped}: no rename in it. */
    private void diedAfterStopping(JournalState state, List<ServiceUnit> stopped) throws Exception {
        JournalStore.write(layout, new Journal("t1", state, "1.0", "2.0", "staging/2.0", "boot-1", List.of(), List.of(),
                List.of(), List.of(), InstalledStore.read(layout).orElseThrow(), JournalOperation.APPLY, null, stopped, null));
    }

    private JsonNode run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        Main.run(ctx, new PrintWriter(out), new PrintWriter(new StringWriter()), all.toArray(String[]::new));
        return new ObjectMapper().readTree(out.toString());
    }

    private static List<String> names(JsonNode apps) {
        List<String> out = new ArrayList<>();
        apps.forEach(a -> out.add(a.get("name").asText()));
        return out;
    }

    @Test
    void resumeStartsEveryStoppedServiceOnceAndLeavesOneThatIsUpAlone() throws Exception {
        services.running(ALICES);
        diedAfterStopping(JournalState.PREPARED, List.of(APP, ALICES));

        JsonNode r = run("resume", "--install-dir", layout.installDir().toString());

        assertEquals(70, r.get("exitCode").asInt(), r.toString());
        assertEquals(List.of(APP), services.started(), "started once; alice's web.service was up");
        assertEquals(List.of("app.service"), names(r.get("appsRestarted")));
        assertTrue(r.get("notes").toString().contains("web.service (user 1000) was already running (pid 7000); it was left alone"),
                r.toString());
        assertFalse(Files.exists(layout.journalFile()));

        JsonNode again = run("resume", "--install-dir", layout.installDir().toString());
        assertEquals("NOTHING_TO_RESUME", again.get("outcome").asText());
        assertEquals(List.of(APP), services.started());
    }

    @Test
    void aRecoveryThatDiedAfterStartingAServiceDoesNotStartItTwice() throws Exception {
        diedAfterStopping(JournalState.COMMITTED, List.of(APP));
        services.running(APP); // the first recovery started it, then died before the journal went

        JsonNode r = run("resume", "--install-dir", layout.installDir().toString());

        assertEquals(0, r.get("exitCode").asInt(), r.toString());
        assertEquals(List.of(), services.started());
        assertTrue(services.isUp(APP));
    }

    @Test
    void theNextApplyStartsTheServicesFirstThenUpdates() throws Exception {
        diedAfterStopping(JournalState.PREPARED, List.of(APP));

        JsonNode r = run("apply", "--manifest", feeds.publish("2.0", V2).toString(), "--install-dir",
                layout.installDir().toString());

        assertEquals(0, r.get("exitCode").asInt(), r.toString());
        assertEquals(List.of(APP), services.started());
        assertTrue(r.get("notes").toString().contains("an interrupted update to 2.0 was rolled back first"), r.toString());
        assertEquals("2.0", Files.readString(layout.installDir().resolve("VERSION")));
    }

    @Test
    void aServiceThatDoesNotComeBackMakesTheResumeExit71() throws Exception {
        services.failing("app.service");
        diedAfterStopping(JournalState.COMMITTED, List.of(APP));

        JsonNode r = run("resume", "--install-dir", layout.installDir().toString());

        assertEquals(71, r.get("exitCode").asInt(), r.toString());
        assertTrue(r.get("message").asText().contains("app.service did not start again"), r.toString());
        assertTrue(r.get("appsNotRestarted").toString().contains("Job for app.service failed"), r.toString());
    }

    @Test
    void restartAppsStartsTheServicesANoRestartLeftStopped() throws Exception {
        LeftClosed.add(layout, List.of(ClosedApp.of(APP, 4242), ClosedApp.of(APP, 4243)));
        assertEquals(1, LeftClosed.read(layout).size(), "one record per unit");

        JsonNode r = run("restart-apps", "--install-dir", layout.installDir().toString());

        assertEquals(0, r.get("exitCode").asInt(), r.toString());
        assertEquals(List.of(APP), services.started());
        assertEquals(List.of(), LeftClosed.read(layout));
        assertTrue(r.get("message").asText().startsWith("1 of 1 application(s) left closed were started again"), r.toString());
    }
}
