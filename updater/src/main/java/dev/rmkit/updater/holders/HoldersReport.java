package dev.rmkit.updater.holders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.RebootReason;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.updater.apps.Holders;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders the holders of files in the Restart Manager's vocabulary: per process its pid, start time,
 * name, type, service, restartability and registered command line; then the reboot reasons.
 */
public final class HoldersReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HoldersReport() {}

    /** The report for people. */
    public static String text(AffectedApps apps) {
        StringBuilder sb = new StringBuilder();
        if (apps.apps().isEmpty()) {
            sb.append("Nothing holds these files.\n");
        } else {
            sb.append(apps.apps().size()).append(apps.apps().size() == 1 ? " process holds" : " processes hold")
                    .append(" these files:\n");
            for (AffectedApp a : apps.apps()) {
                sb.append(String.format(Locale.ROOT, "  pid %d  started %s  %s  type %s%s  restartable %s%n",
                        a.process().pid(), a.process().startTime(), a.name(), a.type(),
                        a.serviceName().isEmpty() ? "" : "  service " + a.serviceName(), a.restartable() ? "yes" : "no"));
                a.restartCommand().ifPresent(c -> sb.append("      registered command: ").append(quote(c.argv()))
                        .append("\n      working directory: ").append(c.workingDirectory()).append('\n'));
            }
        }
        sb.append("Reboot reasons: ").append(apps.rebootReasons().isEmpty() ? "none"
                : apps.rebootReasons().stream().map(HoldersReport::name).collect(Collectors.joining(", "))).append('\n');
        if (apps.rebootReasons().contains(RebootReason.PERMISSION_DENIED)) {
            sb.append("Some processes could not be inspected: ").append(Holders.seeEveryProcess(apps)).append(".\n");
        }
        return sb.toString();
    }

    /** The report as one JSON object. */
    public static String json(AffectedApps apps) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode holders = root.putArray("holders");
        for (AffectedApp a : apps.apps()) {
            ObjectNode h = holders.addObject();
            h.put("pid", a.process().pid());
            h.put("startTime", a.process().startTime().toString());
            h.put("name", a.name());
            h.put("type", a.type().name());
            h.put("service", a.serviceName());
            h.put("restartable", a.restartable());
            if (a.restartCommand().isPresent()) {
                RestartCommand c = a.restartCommand().get();
                ObjectNode rc = h.putObject("restartCommand");
                c.argv().forEach(rc.putArray("argv")::add);
                rc.put("workingDirectory", c.workingDirectory().toString());
                c.flags().forEach(f -> rc.withArray("flags").add(f.name()));
            } else {
                h.putNull("restartCommand");
            }
        }
        ArrayNode reasons = root.putArray("rebootReasons");
        apps.rebootReasons().forEach(r -> reasons.add(r.name()));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render holders as JSON", e);
        }
    }

    private static String name(RebootReason r) {
        return r.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Shell-style quoting so a person can see where each argument starts and ends. */
    static String quote(List<String> argv) {
        return argv.stream().map(a -> a.matches("[A-Za-z0-9_@%+=:,./-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }
}
