package dev.rmkit.updater.cli;

import dev.rmkit.rm.console.ConsoleLogging;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The updater's subcommands by name, and which of them one command line needs. Building picocli's model
 * of a subcommand reflects over its class, options and mixins; for all eighteen that was most of the
 * start-up of a short command such as {@code updater status --json} (fleet tools run it often), so a
 * command line that names one subcommand gets only that one. Whatever this cannot tell for sure (help,
 * no subcommand, an unknown option or word, an {@code @file}) gets all of them, so picocli's behaviour,
 * messages and suggestions are those of the full model ({@code SubcommandsTest} compares them).
 */
final class Subcommands {

    /** In the order of the root's help. Each name is the one in the class's {@code @Command}; a test checks. */
    static final Map<String, Class<?>> ALL = table();

    private Subcommands() {}

    private static Map<String, Class<?>> table() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("help", CommandLine.HelpCommand.class);
        m.put("holders", HoldersCommand.class);
        m.put("keygen", KeygenCommand.class);
        m.put("publish", PublishCommand.class);
        m.put("releases", ReleasesCommand.class);
        m.put("trust", TrustCommand.class);
        m.put("plan", PlanCommand.class);
        m.put("apply", ApplyCommand.class);
        m.put("cancel", CancelCommand.class);
        m.put("resume", ResumeCommand.class);
        m.put("restart-apps", RestartAppsCommand.class);
        m.put("rollback", RollbackCommand.class);
        m.put("status", StatusCommand.class);
        m.put("uninstall", UninstallCommand.class);
        m.put("verify", VerifyCommand.class);
        m.put("auto", AutoCommand.class);
        m.put("schedule", ScheduleCommand.class);
        m.put("history", HistoryCommand.class);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The subcommands {@code args} can reach: the one named by the first word that is not one of the root's
     * own options ({@code --verbose}, {@code -V}/{@code --version}; none of them takes a value), none for a
     * bare {@code --version}, else all: for help, an unknown option or word, or an {@code @file}, picocli
     * prints the root's usage or suggestions, which list every subcommand.
     */
    static List<Class<?>> neededFor(List<String> args) {
        boolean version = false;
        for (String a : args) {
            if (a.equals(ConsoleLogging.VERBOSE_FLAG)) {
                continue;
            }
            if (a.equals("-V") || a.equals("--version")) {
                version = true;
                continue;
            }
            Class<?> named = a.startsWith("-") || a.startsWith("@") || a.equals("help") ? null : ALL.get(a);
            return named == null ? List.copyOf(ALL.values()) : List.of(named);
        }
        return version ? List.of() : List.copyOf(ALL.values());
    }
}
