package dev.rmkit.updater.apply;

import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.ServiceUnit;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.apps.LeftClosed;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.journal.Journal;
import dev.rmkit.updater.journal.JournalState;
import dev.rmkit.updater.journal.JournalStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services a closing is about to stop, recorded <em>before</em> the session stops them, so that an
 * updater that dies between a service's stop and its start leaves a record to start it from: the
 * journal (PREPARED, nothing renamed yet; recovery undoes no rename and starts the services, leaving
 * alone one that is up), or with {@code --no-restart} {@code .rmkit/apps-left-closed.json} for
 * {@code restart-apps}. Apps are recorded before the close too, where the journal is drafted ({@code
 * JournalDrafts.writePreparedNow}), each with its process identity: starting a service that is up does
 * nothing, but an app that still runs would run twice, so recovery leaves alone one that still runs as
 * that very process. If the run ends before its swap begins (a refusal, a reboot instead, an error), the
 * record is withdrawn: nothing was changed.
 */
final class ServiceStops {

    static final ServiceStops NONE = new ServiceStops(null, "", List.of(), List.of(), false);

    private final InstallLayout layout;
    private final String txid;
    private final List<ServiceUnit> units;
    private final List<ClosedApp> leftClosed;
    private final boolean inJournal;
    private boolean swapping;

    private ServiceStops(InstallLayout layout, String txid, List<ServiceUnit> units, List<ClosedApp> leftClosed,
            boolean inJournal) {
        this.layout = layout;
        this.txid = txid;
        this.units = List.copyOf(units);
        this.leftClosed = List.copyOf(leftClosed);
        this.inJournal = inJournal;
    }

    /**
     * Records {@code services} (by process, as {@code Holders.services} read them) if the session is
     * going to stop them: a listing with a reboot reason closes nothing.
     *
     * @throws UpdateException.ApplyFailed if the record cannot be written; nothing was stopped
     */
    static ServiceStops record(InstallLayout layout, Journal journal, AffectedApps listed,
            Map<ProcessId, ServiceUnit> services, boolean leaveClosed) throws UpdateException {
        if (services.isEmpty() || !listed.canShutDown()) {
            return NONE;
        }
        Map<ServiceUnit, Long> byUnit = new LinkedHashMap<>();
        services.forEach((p, s) -> byUnit.putIfAbsent(s, p.pid()));
        List<ClosedApp> left = new ArrayList<>();
        byUnit.forEach((s, pid) -> left.add(ClosedApp.of(s, pid)));
        try {
            if (leaveClosed) {
                LeftClosed.add(layout, left);
            } else {
                JournalStore.write(layout, journal.withServices(List.copyOf(byUnit.keySet())));
            }
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot record the services to stop (" + e.getMessage()
                    + "); nothing was changed", e);
        }
        return new ServiceStops(layout, journal.txid(), List.copyOf(byUnit.keySet()), leaveClosed ? left : List.of(), !leaveClosed);
    }

    /**
     * The journal of the swap: {@code journal} with the recorded services (unless they are left closed)
     * and, of the closed apps' records, those that are not services (a service is started by its unit).
     */
    Journal journal(Journal journal, List<ClosedApp> closed) {
        return journal.withServices(inJournal ? units : List.of())
                .withClosedApps(closed.stream().filter(a -> a.knownService().isEmpty()).toList());
    }

    /** Whether the services were recorded in the journal (not left closed): recovery then starts them. */
    boolean recordedInJournal() {
        return inJournal;
    }

    /** The swap begins: from now on the journal is the swap's, and recovery's to finish. */
    void swapping() {
        swapping = true;
    }

    /** Withdraws the record if no swap began; empty when done, else what went wrong (for the report). */
    Optional<String> withdrawUnlessSwapped() {
        if (swapping || this == NONE) {
            return Optional.empty();
        }
        try {
            if (inJournal) {
                // Unless the swap went to the next boot instead: that journal is the boot's to run.
                Optional<Journal> now = JournalStore.read(layout);
                if (now.isPresent() && now.get().txid().equals(txid) && now.get().state() == JournalState.PREPARED) {
                    JournalStore.delete(layout);
                }
            } else {
                LeftClosed.remove(layout, leftClosed);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("could not withdraw the record of the services that were to be stopped (" + e.getMessage()
                    + "); the next run starts any that is not running");
        }
    }
}
