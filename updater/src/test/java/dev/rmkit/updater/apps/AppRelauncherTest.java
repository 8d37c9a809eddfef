package dev.rmkit.updater.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.updater.install.StateJson;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.report.UpdateReport;
import dev.rmkit.updater.testing.FakeServiceManager;
import dev.rmkit.updater.testing.FakeWindowsSystem;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting again the apps an updater closed before it died (item 7 of issue 13): only through the
 * platform, as each app's own user; an app whose owner is not known is not started with the
 * updater's own (possibly elevated) rights.
 */
class AppRelauncherTest {

    @TempDir
    Path dir;

    private final List<String> java = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-version");

    @Test
    void anAppWhoseOwnerIsUnknownIsNotStartedWithTheUpdatersRights() {
        ReportBuilder report = new ReportBuilder("resume", dir, Clock.systemUTC());

        AppRelauncher.relaunch(List.of(new ClosedApp("burner", 42, java, dir.toString())), FakeWindowsSystem.perMachine(),
                report);

        UpdateReport r = report.build();
        assertEquals(List.of(), r.appsRestarted(), "started as the updater: " + r.appsRestarted());
        assertEquals(List.of(), r.appsRefused(), "it did not refuse anything");
        assertEquals(1, r.appsNotRestarted().size());
        assertTrue(r.appsNotRestarted().get(0).reason().contains("not known"), r.appsNotRestarted().toString());
    }

    @Test
    void anAppWithAKnownOwnerIsStartedThroughThePlatformAsThatOwner() {
        AppOwner alice = new AppOwner("S-1-5-21-1-2-3-1001", "", "1", Map.of());
        FakeWindowsSystem windows = FakeWindowsSystem.perMachine();
        ReportBuilder report = new ReportBuilder("resume", dir, Clock.systemUTC());

        AppRelauncher.relaunch(List.of(new ClosedApp("burner", 42, java, dir.toString(), alice)), windows, report);

        assertEquals(List.of(alice.user() + " " + String.join(" ", java)), windows.started());
        assertEquals(9001, report.build().appsRestarted().get(0).pid());
    }

    @Test
    void anAppThatStillRunsAsTheProcessTheJournalNamesIsLeftAloneAndOneThatEndedIsStarted() {
        // The journal is written before the apps are asked to close: an updater that died first closed none.
        AppOwner alice = new AppOwner("S-1-5-21-1-2-3-1001", "", "1", Map.of());
        ProcessId stillThere = new ProcessId(42, Instant.parse("2026-11-30T12:00:00.25Z"));
        ProcessId closed = new ProcessId(43, Instant.parse("2026-11-30T12:00:01Z"));
        FakeWindowsSystem system = FakeWindowsSystem.perMachine().running(stillThere, new ProcessId(43, Instant.parse("2026-11-30T13:00:00Z")));
        ReportBuilder report = new ReportBuilder("resume", dir, Clock.systemUTC());

        AppRelauncher.relaunch(List.of(new ClosedApp("burner", 42, java, dir.toString(), alice).withProcess(stillThere),
                new ClosedApp("viewer", 43, java, dir.toString(), alice).withProcess(closed)), system, report);

        UpdateReport r = report.build();
        assertEquals(List.of("viewer"), r.appsRestarted().stream().map(a -> a.name()).toList(),
                "pid 43 runs again, but as another process (a later start): the closed viewer is started");
        assertEquals(List.of(), r.appsNotRestarted());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("burner") && n.contains("still runs")), r.notes().toString());
    }

    @Test
    void theProcessIdentitySurvivesTheJournalAndAnOlderJournalHasNone() throws Exception {
        ProcessId p = new ProcessId(42, Instant.parse("2026-11-30T12:00:00.25Z"));
        ClosedApp app = new ClosedApp("burner", 42, java, dir.toString()).withProcess(p);
        ObjectMapper json = StateJson.mapper();

        assertEquals(Optional.of(p), json.readValue(json.writeValueAsBytes(app), ClosedApp.class).process());
        assertEquals(Optional.empty(), json.readValue(
                "{\"name\":\"burner\",\"pid\":42,\"argv\":[\"/bin/b\"],\"workingDirectory\":\"/\"}", ClosedApp.class).process());
        assertEquals(Optional.empty(), new ClosedApp("b", 42, java, "/", null, null, "not a time").process());
    }

    @Test
    void servicesComeBackFirstThroughTheirManagerEachUnitOnce() {
        ServiceUnit app = ServiceUnit.system("app.service");
        AppOwner alice = new AppOwner("S-1-5-21-1-2-3-1001", "", "1", Map.of());
        FakeWindowsSystem windows = FakeWindowsSystem.perMachine();
        FakeServiceManager services = new FakeServiceManager(windows);
        ReportBuilder report = new ReportBuilder("resume", dir, Clock.systemUTC());

        AppRelauncher.relaunch(List.of(new ClosedApp("burner", 42, java, dir.toString(), alice)), List.of(app, app),
                services, report);

        assertEquals(List.of(app), services.started());
        assertEquals(List.of("app.service", "burner"), report.build().appsRestarted().stream().map(a -> a.name()).toList());
    }

    @Test
    void aServiceLeftClosedIsStartedByItsUnitAndNotByACommand() {
        FakeServiceManager services = new FakeServiceManager(FakeWindowsSystem.perMachine());
        ReportBuilder report = new ReportBuilder("restart-apps", dir, Clock.systemUTC());

        assertTrue(AppRelauncher.relaunch(ClosedApp.of(ServiceUnit.system("app.service"), 42), services, report));

        assertEquals(List.of(ServiceUnit.system("app.service")), services.started());
        assertEquals(List.of(), report.build().appsRefused());
    }
}
