package dev.rmkit.rm.linux;

import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.RebootReason;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A session's holders with the backend's details, the reboot reasons, and with "permission denied"
 * what would let the caller see every process: the RmGetList snapshot.
 */
record Listing(List<Listed> apps, Set<RebootReason> rebootReasons, String permissionAdvice) {
    Listing {
        apps = List.copyOf(apps);
        rebootReasons = Set.copyOf(rebootReasons);
        Objects.requireNonNull(permissionAdvice, "permissionAdvice");
    }

    AffectedApps toAffectedApps() {
        return new AffectedApps(apps.stream().map(Listed::app).toList(), rebootReasons, permissionAdvice);
    }
}
