package dev.rmkit.updater.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RebootReason;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.apps.LeftClosed;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalState;
import dev.rmkit.updater.journal.JournalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of the services a closing is about to stop: written before the stop, withdrawn if no swap followed. */
class ServiceStopsTest {

    static final ServiceUnit APP = ServiceUnit.system("app.service");
    static final ProcessId MAIN = new ProcessId(4242, Instant.parse("2025-01-06T08:00:00Z"));
    static final ProcessId WORKER = new ProcessId(4243, Instant.parse("2025-01-06T08:00:01Z"));

    @TempDir Path tmp;
    InstallLayout layout;
    Journal journal;
    Map<ProcessId, ServiceUnit> services;

    @BeforeEach
    void prepared() throws Exception {
        layout = new InstallLayout(Files.createDirectories(tmp.resolve("app")));
        Files.createDirectories(layout.stateDir());
        journal = new Journal("t1", JournalState.PREPARED, "1.0", "2.0", "staging/2.0", "boot-1", List.of(), List.of(),
                List.of(), List.of(), new InstalledState("app", "stable", "2.0", List.of(), "k", "", ""));
        services = new LinkedHashMap<>();
        services.put(MAIN, APP);
        services.put(WORKER, APP); // two processes of one unit
    }

    private static AffectedApps listed(Set<RebootReason> reasons) {
        return new AffectedApps(List.of(new AffectedApp(MAIN, "app.service", "app.service", AppType.SERVICE,
                Set.of(AppStatus.RUNNING), true, Optional.empty())), reasons);
    }

    @Test
    void theServicesAreInTheJournalBeforeAnythingIsStopped() throws Exception {
        ServiceStops.record(layout, journal, listed(Set.of()), services, false);

        Journal written = JournalStore.read(layout).orElseThrow();
        assertEquals(JournalState.PREPARED, written.state());
        assertEquals(List.of(APP), written.services(), "each unit once");
        assertTrue(Files.readString(layout.journalFile()).contains("\"services\""));
    }

    @Test
    void theSwapsJournalKeepsTheServicesAndLeavesTheirProcessesOutOfTheClosedApps() throws Exception {
        ServiceStops stops = ServiceStops.record(layout, journal, listed(Set.of()), services, false);
        ClosedApp burner = new ClosedApp("burner", 77, List.of("burner"), "/home/u");

        Journal swap = stops.journal(journal, List.of(ClosedApp.of(APP, 4242), burner));

        assertEquals(List.of(APP), swap.services());
        assertEquals(List.of(burner), swap.closedApps());
    }

    @Test
    void withoutASwapTheRecordIsWithdrawn() throws Exception {
        ServiceStops stops = ServiceStops.record(layout, journal, listed(Set.of()), services, false);

        assertEquals(Optional.empty(), stops.withdrawUnlessSwapped());

        assertFalse(Files.exists(layout.journalFile()), "a refusal leaves no journal: nothing was changed");
    }

    @Test
    void onceTheSwapBeganOrWentToTheNextBootTheJournalIsNotTheRecordsToWithdraw() throws Exception {
        ServiceStops swapping = ServiceStops.record(layout, journal, listed(Set.of()), services, false);
        swapping.swapping();
        swapping.withdrawUnlessSwapped();
        assertTrue(Files.exists(layout.journalFile()), "a swap that failed and could not roll back keeps its journal");

        ServiceStops rebooting = ServiceStops.record(layout, journal, listed(Set.of()), services, false);
        JournalStore.write(layout, journal.withState(JournalState.PENDING_REBOOT));
        rebooting.withdrawUnlessSwapped();
        assertEquals(JournalState.PENDING_REBOOT, JournalStore.read(layout).orElseThrow().state());
    }

    @Test
    void withNoRestartTheServicesAreRecordedForRestartAppsAndWithdrawnFromThereToo() throws Exception {
        LeftClosed.add(layout, List.of(new ClosedApp("burner", 77, List.of("burner"), "/home/u")));

        ServiceStops stops = ServiceStops.record(layout, journal, listed(Set.of()), services, true);

        assertFalse(Files.exists(layout.journalFile()));
        assertEquals(List.of("burner", "app.service"), LeftClosed.read(layout).stream().map(ClosedApp::name).toList());
        assertEquals(List.of(), stops.journal(journal, List.of()).services());
        stops.withdrawUnlessSwapped();
        assertEquals(List.of("burner"), LeftClosed.read(layout).stream().map(ClosedApp::name).toList());
    }

    @Test
    void aListingThatClosesNothingRecordsNothing() throws Exception {
        assertSame(ServiceStops.NONE, ServiceStops.record(layout, journal, listed(Set.of(RebootReason.CRITICAL_SERVICE)),
                services, false));
        assertSame(ServiceStops.NONE, ServiceStops.record(layout, journal, listed(Set.of()), Map.of(), false));
        assertFalse(Files.exists(layout.journalFile()));
    }
}
