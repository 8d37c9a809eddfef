package dev.rmkit.updater.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.rm.console.SafeText;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.StateJson;
import dev.rmkit.updater.report.AppReport;
import dev.rmkit.updater.report.History;
import dev.rmkit.updater.report.UpdateReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code updater history}: the install's past runs of apply, resume and auto, oldest first. Changes nothing. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Shows the install's past runs of apply, resume and auto, oldest first: one line each, or with "
                + "--json one JSON object whose runs are the recorded lines as they are (.rmkit/history.jsonl).")
public final class HistoryCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--install-dir", required = true, paramLabel = "D", description = "The install.")
    Path installDir;

    @Option(names = "--json", description = "Print one JSON object: runs, each exactly as that run's --json printed it, and unreadableLines.")
    boolean json;

    @Option(names = "--last", paramLabel = "N", description = "Only the last N runs.")
    Integer last;

    @Override
    public Integer call() throws UpdateException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InstallLayout layout = new InstallLayout(installDir);
        if (!Files.isDirectory(layout.installDir())) {
            throw new UpdateException.Usage("no such install directory: " + layout.installDir());
        }
        if (last != null && last < 1) {
            throw new UpdateException.Usage("--last takes a positive number, not " + last);
        }
        History.Lines lines;
        try {
            lines = History.read(layout);
        } catch (IOException e) {
            throw UpdateException.stateUnreadable("the history " + layout.historyFile(), e);
        }
        int from = last == null ? 0 : Math.max(0, lines.runs().size() - last);
        String skipped = lines.unreadable() + " unreadable line(s) in " + layout.historyFile()
                + " skipped (a run cut short by a power loss leaves at most one)";
        if (json) {
            out.println(asJson(layout, lines.raw().subList(from, lines.raw().size()), lines.unreadable()));
        } else {
            if (lines.runs().isEmpty()) {
                out.println("no runs recorded in " + layout.historyFile());
            } else {
                lines.runs().subList(from, lines.runs().size()).forEach(r -> out.println(line(r)));
            }
            if (lines.unreadable() > 0) {
                err.println("warning: " + skipped);
            }
        }
        out.flush();
        err.flush();
        return 0;
    }

    /**
     * One JSON object: {@code command}, {@code installDir}, {@code runs} (each stored line as that run's
     * {@code --json} printed it, oldest first) and {@code unreadableLines}.
     */
    private static String asJson(InstallLayout layout, List<String> raw, int unreadable) {
        ObjectNode o = StateJson.mapper().createObjectNode();
        o.put("command", "history");
        o.put("installDir", layout.installDir().toString());
        ArrayNode runs = o.putArray("runs");
        try {
            for (String l : raw) {
                runs.add(StateJson.mapper().readTree(l));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("History.read parsed this line already", e);
        }
        o.put("unreadableLines", unreadable);
        return StateJson.line(o);
    }

    /** "2026-11-22T03:00:01Z  auto     deferred (exit 75)  1.0.0 -> 2.0.0  refused by burner: Burning ...". */
    static String line(UpdateReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.startedAt().replaceAll("\\.\\d+Z$", "Z")).append("  ");
        sb.append(String.format(Locale.ROOT, "%-7s", r.command()));
        sb.append(r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append(" (exit ").append(r.exitCode()).append(')');
        if (!r.toVersion().isEmpty()) {
            sb.append("  ").append(r.fromVersion().isEmpty() ? "(none)" : SafeText.field(r.fromVersion())).append(" -> ")
                    .append(SafeText.field(r.toVersion()));
        }
        StringBuilder details = new StringBuilder();
        apps(details, "refused by", r.appsRefused(), true);
        apps(details, "forced", r.appsForced(), false);
        apps(details, "warned", r.appsWarned(), false);
        if (details.length() == 0 && !r.message().isEmpty()) {
            details.append("  ").append(SafeText.line(r.message()));
        }
        return sb.append(details).toString();
    }

    private static void apps(StringBuilder sb, String label, List<AppReport> apps, boolean withReason) {
        for (AppReport a : apps) {
            sb.append("  ").append(label).append(' ').append(SafeText.field(a.name()));
            if (withReason && !a.reason().isEmpty()) {
                sb.append(": ").append(SafeText.field(a.reason()));
            }
        }
    }
}
