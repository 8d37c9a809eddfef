package dev.rmkit.updater.auto;

import dev.rmkit.updater.report.AppReport;
import dev.rmkit.updater.report.ReportBuilder;
import java.time.Instant;
import java.util.List;

/** A run's report as the decision reads it: what happened, and who refused. */
final class Results {

    private Results() {}

    static RunResult of(ReportBuilder report, Instant now) {
        return switch (report.outcome()) {
            case UPDATED, RESTART_FAILED, UP_TO_DATE, NOTHING_TO_RESUME -> RunResult.of(RunResult.Kind.UPDATED);
            case NOT_OFFERED -> RunResult.of(RunResult.Kind.NOTHING_OFFERED);
            case STAGED -> RunResult.of(RunResult.Kind.STAGED);
            case DEFERRED -> new RunResult(RunResult.Kind.DEFERRED, refusals(report.refusedSoFar(), now));
            case REBOOT_REQUIRED -> new RunResult(RunResult.Kind.REBOOT_PENDING, report.rebootRefusal().isEmpty()
                    ? List.of() : List.of(new Refusal("the reboot", 0, report.rebootRefusal(), now)));
            case REBOOT_INITIATED -> RunResult.of(RunResult.Kind.REBOOT_STARTED);
            default -> RunResult.of(RunResult.Kind.FAILED);
        };
    }

    /** Apps that refused to close (an app that only failed to come back is listed apart, not refused). */
    private static List<Refusal> refusals(List<AppReport> refused, Instant now) {
        return refused.stream().map(a -> new Refusal(a.name(), a.pid(), a.reason(), now)).toList();
    }
}
