package dev.rmkit.updater.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run that changes an install did (apply, resume, auto, rollback, cancel, uninstall,
 * restart-apps): printed as text or as one JSON line, saved as {@code .rmkit/last-report.json}, and
 * appended as that same line to the install's history ({@code .rmkit/history.jsonl}, docs/install-state.md).
 *
 * @param command the subcommand: "apply", "resume", "auto", "rollback", "cancel", "uninstall", "restart-apps"
 * @param outcome how it ended
 * @param exitCode the process exit code on this OS
 * @param message one line for people: what happened, or the reason it did not
 * @param installDir the install
 * @param fromVersion installed version before, empty for a fresh install or if unknown
 * @param toVersion the release's version, empty if it was never read
 * @param added paths added
 * @param replaced paths replaced
 * @param removed paths removed
 * @param appsClosed processes closed to free the files (with the refusal {@code --force} overrode, if any)
 * @param appsRestarted applications started again afterwards (with their new pid), each proven running
 * @param appsRefused applications that refused to close or did not close, still running, with the reason
 * @param appsNotRestarted processes and services that were closed and not started again, with the reason
 *     (no restart command registered, {@code --no-restart}, or a failed start and its cause: then an
 *     update ends {@link Outcome#RESTART_FAILED})
 * @param reboot "none", "required" or "initiated"
 * @param downtimeMillis from the first application closed to the last one restarted; 0 if none closed
 * @param notes further facts (a recovered earlier update, cleanup left for resume)
 * @param leftInPlace uninstall: the files it left because the updater did not install them (or they
 *     changed since it did)
 * @param startedAt when the run started (ISO-8601)
 * @param finishedAt when it ended (ISO-8601)
 * @param download bytes fetched and saved by patches during staging; patches used and refused
 * @param phases milliseconds spent in each phase, in the order they ran (recover, verify, plan, stage,
 *     close, swap, restart, cleanup, reboot; only those that ran)
 * @param appsForced applications closed by a forced close: they could not refuse (they still saved); the
 *     reason is the refusal it overrode, empty if the app had not refused
 * @param appsWarned cooperating applications told when they will be closed (auto, past the deadline)
 * @param installId the install's id, empty if it has none yet (staged rollouts)
 * @param rolloutBucket the install's rollout bucket for this release, null when the release has no rollout
 * @param auto the policy's decision, null except in an {@code auto} run
 */
public record UpdateReport(
        String command,
        Outcome outcome,
        int exitCode,
        String message,
        String installDir,
        String fromVersion,
        String toVersion,
        List<String> added,
        List<String> replaced,
        List<String> removed,
        List<AppReport> appsClosed,
        List<AppReport> appsRestarted,
        List<AppReport> appsRefused,
        List<AppReport> appsNotRestarted,
        String reboot,
        long downtimeMillis,
        List<String> notes,
        List<String> leftInPlace,
        String startedAt,
        String finishedAt,
        Transfer download,
        Map<String, Long> phases,
        List<AppReport> appsForced,
        List<AppReport> appsWarned,
        String installId,
        Double rolloutBucket,
        AutoReport auto) {
    public UpdateReport {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(installDir, "installDir");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        added = List.copyOf(added);
        replaced = List.copyOf(replaced);
        removed = List.copyOf(removed);
        appsClosed = List.copyOf(appsClosed);
        appsRestarted = List.copyOf(appsRestarted);
        appsRefused = List.copyOf(appsRefused);
        appsNotRestarted = appsNotRestarted == null ? List.of() : List.copyOf(appsNotRestarted); // absent in older reports
        if (!List.of("none", "required", "initiated").contains(reboot)) {
            throw new IllegalArgumentException("reboot must be none, required or initiated: " + reboot);
        }
        if (downtimeMillis < 0) {
            throw new IllegalArgumentException("downtime must not be negative: " + downtimeMillis);
        }
        notes = List.copyOf(notes);
        leftInPlace = leftInPlace == null ? List.of() : List.copyOf(leftInPlace); // absent in older last-report.json
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        download = download == null ? Transfer.NONE : download; // reports saved before patches existed
        // Absent in reports written before these fields existed (an older last-report.json).
        phases = Collections.unmodifiableMap(phases == null ? new LinkedHashMap<>() : new LinkedHashMap<>(phases));
        appsForced = appsForced == null ? List.of() : List.copyOf(appsForced);
        appsWarned = appsWarned == null ? List.of() : List.copyOf(appsWarned);
        installId = installId == null ? "" : installId;
    }
}
