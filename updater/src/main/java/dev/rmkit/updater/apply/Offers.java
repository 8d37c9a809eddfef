package dev.rmkit.updater.apply;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.report.Outcome;
import dev.rmkit.updater.report.ReportBuilder;
import dev.rmkit.updater.rollout.Buckets;
import dev.rmkit.updater.rollout.InstallId;
import java.io.IOException;

/**
 * Whether the release is offered to this install: its staged rollout, if it has one, against the
 * install's id and bucket (docs/fleet.md). An install outside the rollout answers "not yet offered"
 * (exit 0) and changes nothing.
 */
final class Offers {

    private Offers() {}

    /** The install's id, made on first use; empty (with a note) if the file is damaged. */
    static String installId(InstallLayout layout, ReportBuilder report) {
        try {
            String id = InstallId.of(layout);
            report.installId(id);
            return id;
        } catch (IOException e) {
            report.note("no install id: " + e.getMessage());
            return "";
        }
    }

    /** Records the install's bucket; false (and the outcome set) when the rollout does not offer {@code m} here. */
    static boolean offered(Manifest m, String installId, boolean ignoreRollout, ReportBuilder report)
            throws UpdateException {
        if (m.rollout().isEmpty()) {
            return true;
        }
        if (installId.isEmpty()) {
            throw new UpdateException.ApplyFailed("the release has a staged rollout and this install has no readable id ("
                    + InstallLayout.STATE_DIR_NAME + "/install-id); delete the file to get a new one", null);
        }
        Buckets.Offer offer = Buckets.offer(m.rollout(), installId);
        offer.bucket().ifPresent(report::rolloutBucket);
        if (offer.offered()) {
            return true;
        }
        if (ignoreRollout) {
            report.note("--ignore-rollout: " + m.version() + " is not offered to this install yet (" + offer.why() + ")");
            return true;
        }
        report.outcome(Outcome.NOT_OFFERED, m.product() + " " + m.version() + " is not yet offered to this install ("
                + offer.why() + ")");
        return false;
    }
}
