package dev.rmkit.rm;

import java.util.List;
import java.util.Set;

/**
 * The result of listing a session's holders ({@code RmGetList}): the apps, and why a reboot would be
 * needed. It is a snapshot: a shutdown lists again and acts on the current holders.
 */
public record AffectedApps(List<AffectedApp> apps, Set<RebootReason> rebootReasons) {
    public AffectedApps {
        apps = List.copyOf(apps);
        rebootReasons = EnumSets.copy(RebootReason.class, rebootReasons);
    }

    /** True when closing applications can free every resource (no reboot reason). */
    public boolean canShutDown() {
        return rebootReasons.isEmpty();
    }
}
