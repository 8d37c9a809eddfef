package dev.rmkit.updater.apply;

import java.util.List;
import java.util.Objects;

/**
 * What {@code updater status} shows: what is installed, what is unfinished, how the last run ended.
 *
 * @param installDir the install
 * @param installed whether the updater installed something here
 * @param product installed product (empty if none)
 * @param channel installed channel
 * @param version installed version
 * @param files number of managed files
 * @param missingFiles how many of them are not in the install now ({@code updater verify} tells which)
 * @param keyId key that signed the installed release
 * @param installedAt when it was installed
 * @param pending "none", "interrupted" (resume rolls back), "committed" (resume finishes: committed, or every
 *     rename done and the closed apps already started on the new files) or "reboot" (waits for a reboot)
 * @param pendingVersion the version of the unfinished update, empty if none
 * @param staged versions with files in staging (a deferred update keeps its downloads)
 * @param appsLeftClosed the apps an {@code apply --no-restart} left closed ({@code updater restart-apps})
 * @param lastOutcome outcome of the last apply/resume, spelled as in the report ({@code UPDATED}), empty if none
 * @param lastExitCode its exit code (0 if none)
 * @param lastMessage its message
 * @param lastFinishedAt when it ended
 * @param lastReportProblem why the last report could not be read (then the last* fields are empty);
 *     empty when it could, or when there is none
 * @param installId the install's id (staged rollouts), empty if it has none yet
 * @param auto what {@code updater auto} remembers (docs/install-state.md), null if it never ran here or its
 *     file cannot be read
 * @param autoSummary the same in words (or why its file cannot be read), empty if auto never ran here
 */
public record Status(String installDir, boolean installed, String product, String channel, String version, int files, int missingFiles,
        String keyId, String installedAt, String pending, String pendingVersion, List<String> staged, List<String> appsLeftClosed,
        String lastOutcome, int lastExitCode, String lastMessage, String lastFinishedAt, String lastReportProblem,
        String installId, Object auto, String autoSummary) {
    public Status {
        Objects.requireNonNull(installDir, "installDir");
        Objects.requireNonNull(pending, "pending");
        staged = List.copyOf(staged);
        appsLeftClosed = List.copyOf(appsLeftClosed);
        Objects.requireNonNull(installId, "installId");
        Objects.requireNonNull(autoSummary, "autoSummary");
    }
}
