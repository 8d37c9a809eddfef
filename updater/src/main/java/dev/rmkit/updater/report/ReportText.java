package dev.rmkit.updater.report;

import dev.rmkit.rm.console.SafeText;
import java.util.List;
import java.util.Locale;

/** The human-readable form of a report: the outcome first, then only the sections that have content. */
public final class ReportText {

    private ReportText() {}

    public static String render(UpdateReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (!r.toVersion().isEmpty()) {
            sb.append(": ").append(r.fromVersion().isEmpty() ? "(none)" : SafeText.field(r.fromVersion())).append(" -> ")
                    .append(SafeText.field(r.toVersion()));
        }
        sb.append(" (exit ").append(r.exitCode()).append(")\n");
        if (!r.message().isEmpty()) {
            sb.append("  ").append(SafeText.line(r.message())).append('\n');
        }
        paths(sb, "added", r.added());
        paths(sb, "replaced", r.replaced());
        paths(sb, "removed", r.removed());
        paths(sb, "left in place", r.leftInPlace());
        apps(sb, "closed", r.appsClosed());
        apps(sb, "restarted", r.appsRestarted());
        apps(sb, "not restarted", r.appsNotRestarted());
        apps(sb, "refused", r.appsRefused());
        apps(sb, "forced", r.appsForced());
        apps(sb, "warned", r.appsWarned());
        download(sb, r.download());
        if (!r.reboot().equals("none")) {
            sb.append("  reboot ").append(r.reboot()).append('\n');
        }
        if (!r.appsClosed().isEmpty()) {
            sb.append("  downtime ").append(r.downtimeMillis()).append(" ms\n");
        }
        if (r.auto() != null) {
            sb.append("  policy: ").append(SafeText.line(r.auto().why())).append('\n');
            if (!r.auto().next().isEmpty()) {
                sb.append("  next: ").append(SafeText.line(r.auto().next())).append('\n');
            }
        }
        for (String note : r.notes()) {
            sb.append("  note: ").append(SafeText.line(note)).append('\n');
        }
        return sb.toString();
    }

    private static void download(StringBuilder sb, Transfer t) {
        if (t.bytesWhole() == 0 && t.bytesFetched() == 0) {
            return;
        }
        sb.append("  download ").append(t.bytesFetched()).append(" bytes");
        if (!t.patchesUsed().isEmpty() || !t.patchesRefused().isEmpty()) {
            sb.append(" (").append(t.bytesSaved()).append(" of ").append(t.bytesWhole()).append(" saved by ")
                    .append(t.patchesUsed().size()).append(t.patchesUsed().size() == 1 ? " patch" : " patches");
            if (!t.patchesRefused().isEmpty()) {
                sb.append(", ").append(t.patchesRefused().size()).append(" refused");
            }
            sb.append(')');
        }
        sb.append('\n');
        for (Transfer.Refusal r : t.patchesRefused()) {
            sb.append("  patch refused: ").append(SafeText.field(r.path())).append(" - ").append(SafeText.field(r.reason())).append('\n');
        }
    }

    private static void paths(StringBuilder sb, String label, List<String> paths) {
        if (!paths.isEmpty()) {
            sb.append("  ").append(label).append(" (").append(paths.size()).append("): ")
                    .append(SafeText.line(String.join(", ", paths))).append('\n');
        }
    }

    private static void apps(StringBuilder sb, String label, List<AppReport> apps) {
        for (AppReport a : apps) {
            sb.append("  ").append(label).append(": ").append(SafeText.field(a.name()));
            if (a.pid() > 0) {
                sb.append(" (pid ").append(a.pid()).append(')');
            }
            if (!a.reason().isEmpty()) {
                sb.append(" - ").append(SafeText.field(a.reason()));
            }
            sb.append('\n');
        }
    }
}
