package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.console.ConsoleLogging;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.UpdaterContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line {@link Main} builds for one subcommand behaves exactly as the one with every
 * subcommand: same exit code, same output, same messages, for help, usage errors, unknown words and
 * options, and a real command.
 */
class SubcommandsTest {

    @TempDir Path dir;

    @Test
    void everyNameIsTheOneItsClassDeclaresAndTheRootListsThemAllInThatOrder() {
        for (Map.Entry<String, Class<?>> e : Subcommands.ALL.entrySet()) {
            assertEquals(e.getKey(), e.getValue().getAnnotation(Command.class).name(), e.getValue().getName());
        }
        CommandLine full = UpdaterCommand.commandLine(UpdaterContext.defaults());
        assertEquals(new ArrayList<>(Subcommands.ALL.keySet()), new ArrayList<>(full.getSubcommands().keySet()));
    }

    @Test
    void aCommandLineNamingOneSubcommandGetsOnlyThatOneAndABareVersionNone() {
        assertEquals(List.of(StatusCommand.class), Subcommands.neededFor(List.of("status", "--json")));
        assertEquals(List.of(HoldersCommand.class), Subcommands.neededFor(List.of(ConsoleLogging.VERBOSE_FLAG, "holders", "f")));
        assertEquals(List.of(), Subcommands.neededFor(List.of("--version")));
        for (List<String> all : List.<List<String>>of(List.of(), List.of("help", "status"), List.of("--help"), List.of("-x", "status"),
                List.of("@args"), List.of("stauts"))) {
            assertEquals(Subcommands.ALL.size(), Subcommands.neededFor(all).size(), all.toString());
        }
    }

    @Test
    void whatTheShortCommandLinePrintsIsWhatTheFullOnePrints() {
        String missing = dir.resolve("no-install").toString();
        List<List<String>> cases = List.of(
                List.of(), List.of("--version"), List.of("-V"), List.of("--help"), List.of("help"), List.of("help", "status"),
                List.of("status"), List.of("status", "--help"), List.of("status", "-h"), List.of("status", "--bogus"),
                List.of("--bogus", "status"), List.of("-V", "status"), List.of("stauts"), List.of("holders"),
                List.of("--verbose", "holders", dir.resolve("none").toString()), List.of("trust", "--help"),
                List.of("status", "--json", "--install-dir", missing), List.of("status", "--install-dir", missing, "extra"));
        for (List<String> args : cases) {
            String[] a = args.toArray(String[]::new);
            assertEquals(full(a), lazy(a), "updater " + String.join(" ", args));
        }
        assertTrue(lazy("--help").contains("Exit codes:\n     0  "), "the root's help shows the exit codes, formatted when shown");
    }

    private static String lazy(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return code + "\n" + out + "\n---\n" + err;
    }

    private static String full(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = UpdaterCommand.commandLine(UpdaterContext.defaults());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        ConsoleLogging.configure(new PrintWriter(err, true), ConsoleLogging.verbose(List.of(args), System.getenv()));
        int code = cl.execute(args);
        return code + "\n" + out + "\n---\n" + err;
    }
}
