package dev.rmkit.updater.apply;

import dev.rmkit.rm.EndNotice;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.reboot.RebootMode;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a run goes once the release is verified, new and offered to this install: what
 * {@code apply}'s options say, or what {@code auto}'s policy decides for this moment. Asked exactly
 * once per run, before staging.
 */
@FunctionalInterface
public interface Gate {

    /**
     * @param release the verified release on offer
     * @param pendingReboot its swap is already staged and waits for a boot
     */
    Escalation decide(Manifest release, boolean pendingReboot) throws UpdateException;

    /**
     * What the run may do.
     *
     * @param stageOnly download, verify and stage, then stop: no app is asked
     * @param force close the holders even if they refuse (and let a reboot override refusals)
     * @param reboot whether an update that can only finish at a boot reboots now
     * @param noticeOnRefusal if an app refuses: tell the cooperating holders when they will be closed
     * @param why why the run stops after staging (the report's message), empty otherwise
     */
    record Escalation(boolean stageOnly, boolean force, RebootMode reboot, Optional<EndNotice> noticeOnRefusal,
            String why) {
        public Escalation {
            Objects.requireNonNull(reboot, "reboot");
            Objects.requireNonNull(noticeOnRefusal, "noticeOnRefusal");
            Objects.requireNonNull(why, "why");
        }
    }

    /** {@code apply}: its own options, whatever the release. */
    static Gate of(ApplyRequest req) {
        return (release, pending) -> new Escalation(false, req.holders().force(), req.holders().reboot(), Optional.empty(), "");
    }
}
