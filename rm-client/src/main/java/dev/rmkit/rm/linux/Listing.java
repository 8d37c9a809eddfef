package dev.rmkit.rm.linux;

import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.RebootReason;
import java.util.List;
import java.util.Set;

/** A session's holders with the backend's details, and the reboot reasons: the RmGetList snapshot. */
record Listing(List<Listed> apps, Set<RebootReason> rebootReasons) {
    Listing {
        apps = List.copyOf(apps);
        rebootReasons = Set.copyOf(rebootReasons);
    }

    AffectedApps toAffectedApps() {
        return new AffectedApps(apps.stream().map(Listed::app).toList(), rebootReasons);
    }
}
