package dev.rmkit.rm;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The result of listing a session's holders ({@code RmGetList}): the apps, and why a reboot would be
 * needed. It is a snapshot: a shutdown lists again and acts on the current holders.
 *
 * @param apps the holders
 * @param rebootReasons why only a reboot would free the resources; empty when closing apps can
 * @param permissionAdvice with {@link RebootReason#PERMISSION_DENIED}: what would let the caller
 *     inspect every process, in words for the person running it (Linux: "run as root to see every
 *     process", or for root what hides them: a {@code /proc} mounted with {@code hidepid=}, a missing
 *     {@code CAP_SYS_PTRACE}); empty when the platform does not say
 */
public record AffectedApps(List<AffectedApp> apps, Set<RebootReason> rebootReasons, String permissionAdvice) {
    public AffectedApps {
        apps = List.copyOf(apps);
        rebootReasons = EnumSets.copy(RebootReason.class, rebootReasons);
        Objects.requireNonNull(permissionAdvice, "permissionAdvice");
    }

    /** A listing whose platform gives no advice about permissions. */
    public AffectedApps(List<AffectedApp> apps, Set<RebootReason> rebootReasons) {
        this(apps, rebootReasons, "");
    }

    /** True when closing applications can free every resource (no reboot reason). */
    public boolean canShutDown() {
        return rebootReasons.isEmpty();
    }
}
