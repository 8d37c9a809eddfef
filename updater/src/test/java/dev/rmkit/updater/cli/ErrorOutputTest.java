package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every error is one line with its cause (usage errors: plus a pointer to --help and a suggestion for
 * a misspelling), and with {@code --json} exactly one JSON object on stdout, for every command: the
 * CLI layer does it, not each command.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class ErrorOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a person must never have to read in an error line. */
    private static final List<String> INTERNALS = List.of("Exception", "REDACTED", "StreamReadFeature", "at [Source",
            "Unexpected character", "java.", "com.fasterxml");

    @TempDir Path tmp;
    Cli cli;
    Feeds feeds;

    @BeforeEach
    void setUp() {
        cli = new Cli(tmp.resolve("env"));
        feeds = Feeds.create(tmp.resolve("publisher"));
    }

    /** Exactly one JSON object on stdout, nothing else. */
    static JsonNode oneObject(Cli.Run r) throws IOException {
        String out = r.out().strip();
        assertTrue(out.startsWith("{") && out.endsWith("}"), "not one JSON object: " + r.out() + r.err());
        var parser = JSON.getFactory().createParser(out);
        JsonNode node = JSON.readTree(parser);
        assertEquals(null, parser.nextToken(), "more than one JSON value on stdout: " + out);
        assertTrue(node.isObject(), out);
        return node;
    }

    /** Installs 1.0.0 into {@code install}; returns its manifest. */
    private Path installed(Path install) {
        Path m = feeds.publish("1.0.0", Map.of("a.txt", "a"));
        assertEquals(0, cli.run("apply", "--manifest", m.toString(), "--install-dir", install.toString(), "--trust",
                feeds.publicKey().toString()).code());
        return m;
    }

    private static void assertOneCleanLine(String line) {
        assertFalse(line.isEmpty(), "no error line");
        assertFalse(line.strip().contains("\n"), "more than one line: " + line);
        INTERNALS.forEach(s -> assertFalse(line.contains(s), "internal text '" + s + "' in: " + line));
    }

    @Test
    void aMisspelledOptionIsOneLineWithASuggestionAndAPointerToHelpNotTheWholeHelp() {
        Cli.Run r = cli.run("apply", "--manifst", "m.json", "--install-dir", tmp.resolve("i").toString());

        assertEquals(ExitCode.USAGE.code(), r.code());
        assertEquals("", r.out());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("updater apply: "), r.err());
        assertTrue(lines.get(0).contains("--manifst") && lines.get(0).contains("did you mean --manifest?"), r.err());
        assertEquals("Try 'updater apply --help' for more information.", lines.get(1));
    }

    @Test
    void aUsageErrorFoundWhileACommandRunsAlsoPointsToItsHelp() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        List<List<String>> runs = List.of(
                List.of("apply", "--manifest", tmp.resolve("missing.json").toString(), "--install-dir", tmp.resolve("i").toString()),
                List.of("rollback", "--install-dir", file.toString()),
                List.of("resume", "--install-dir", tmp.resolve("none").toString()));
        for (List<String> args : runs) {
            Cli.Run r = cli.run(args.toArray(String[]::new));

            assertEquals(ExitCode.USAGE.code(), r.code(), args + ": " + r.out() + r.err());
            List<String> lines = r.err().strip().lines().toList();
            assertEquals(2, lines.size(), args + ": " + r.err());
            assertTrue(lines.get(0).startsWith("updater " + args.get(0) + ": "), r.err());
            assertEquals("Try 'updater " + args.get(0) + " --help' for more information.", lines.get(1));
        }
    }

    @Test
    void aMissingOptionIsOneLineAndAPointerToHelp() {
        Cli.Run r = cli.run("plan", "--install-dir", tmp.toString());

        assertEquals(ExitCode.USAGE.code(), r.code());
        List<String> lines = r.err().strip().lines().toList();
        assertEquals(List.of("updater plan: missing required argument (specify one of these): (--manifest=M | --feed=URL)",
                "Try 'updater plan --help' for more information."), lines);
    }

    @Test
    void everyCommandAcceptsJsonAndAnswersAUsageErrorWithOneJsonObject() throws Exception {
        List<CommandLine> leaves = new java.util.ArrayList<>();
        collectLeaves(UpdaterCommand.commandLine(), leaves);
        assertTrue(leaves.size() > 10, "the commands: " + leaves.size());
        for (CommandLine leaf : leaves) {
            String qualified = leaf.getCommandSpec().qualifiedName();
            assertTrue(leaf.getCommandSpec().findOption("--json") != null, qualified + " has no --json option");
            List<String> args = new java.util.ArrayList<>(List.of(qualified.substring("updater ".length()).split(" ")));
            args.addAll(List.of("--json", "--no-such-option"));

            Cli.Run r = cli.run(args.toArray(String[]::new));

            assertEquals(ExitCode.USAGE.code(), r.code(), qualified + ": " + r.out() + r.err());
            JsonNode j = oneObject(r);
            assertEquals(1, r.out().strip().lines().count(),
                    qualified + ": an error is one line, as every report is (a log of --json runs stays JSON Lines): " + r.out());
            assertEquals(leaf.getCommandName(), j.get("command").asText());
            assertEquals("BAD_USAGE", j.get("outcome").asText());
            assertEquals(ExitCode.USAGE.code(), j.get("exitCode").asInt());
            assertTrue(j.get("message").asText().contains("--no-such-option"), j.toString());
            assertEquals(qualified + " --help", j.get("help").asText());
        }
    }

    /** Every command that runs (not {@code help}, not a group such as {@code trust} that only holds others). */
    private static void collectLeaves(CommandLine cl, List<CommandLine> out) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandName().equals("help")) {
                continue;
            }
            if (sub.getSubcommands().isEmpty()) {
                out.add(sub);
            } else {
                collectLeaves(sub, out);
            }
        }
    }

    @Test
    void anUnreachableFeedIsOneLineWithoutTheExceptionsName() throws Exception {
        Cli.Run text = cli.run("plan", "--manifest", "http://127.0.0.1:1/feed/manifest.json", "--install-dir",
                tmp.resolve("i").toString());
        Cli.Run json = cli.run("plan", "--manifest", "http://127.0.0.1:1/feed/manifest.json", "--install-dir",
                tmp.resolve("i").toString(), "--json");

        assertEquals(ExitCode.UNAVAILABLE.code(), text.code());
        assertOneCleanLine(text.err().strip());
        assertTrue(text.err().contains("connection refused"), text.err());
        JsonNode j = oneObject(json);
        assertEquals("UNAVAILABLE", j.get("outcome").asText());
        assertOneCleanLine(j.get("message").asText());
    }

    @Test
    void anInstallDirThatIsARegularFileIsBadUsageInPlanAndApplyAlike() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
        Path m = feeds.publish("1.0.0", Map.of("a.txt", "a"));
        for (String command : List.of("plan", "apply")) {
            Cli.Run r = cli.run(command, "--manifest", m.toString(), "--install-dir", file.toString(), "--trust",
                    feeds.publicKey().toString(), "--json");

            assertEquals(ExitCode.USAGE.code(), r.code(), command + ": " + r.out() + r.err());
            JsonNode j = oneObject(r);
            assertEquals("BAD_USAGE", j.get("outcome").asText(), command);
            assertTrue(j.get("message").asText().contains("not a directory"), j.toString());
            assertEquals("x", Files.readString(file), "the file is untouched");
        }
    }

    @Test
    void aCorruptInstalledJsonIsItsOwnOutcomeWithOneClearLine() throws Exception {
        Path install = tmp.resolve("i");
        Path m = installed(install);
        Files.writeString(install.resolve(".rmkit/installed.json"), "{bad");

        Cli.Run status = cli.run("status", "--install-dir", install.toString());
        Cli.Run plan = cli.run("plan", "--manifest", m.toString(), "--install-dir", install.toString(), "--json");
        Cli.Run apply = cli.run("apply", "--manifest", m.toString(), "--install-dir", install.toString(), "--json");

        assertEquals(ExitCode.CORRUPT_STATE.code(), status.code(), status.out() + status.err());
        assertOneCleanLine(status.err().strip());
        assertTrue(status.err().contains("installed.json"), status.err());
        assertEquals(ExitCode.CORRUPT_STATE.code(), plan.code(), plan.out() + plan.err());
        assertEquals("CORRUPT_STATE", oneObject(plan).get("outcome").asText());
        assertEquals(ExitCode.CORRUPT_STATE.code(), apply.code(), apply.out() + apply.err());
        assertEquals("CORRUPT_STATE", oneObject(apply).get("outcome").asText());
        assertOneCleanLine(oneObject(apply).get("message").asText());
    }

    @Test
    void aCorruptLastReportDoesNotStopStatus() throws Exception {
        Path install = tmp.resolve("i");
        installed(install);
        Files.writeString(install.resolve(".rmkit/last-report.json"), "garbage");

        Cli.Run text = cli.run("status", "--install-dir", install.toString());
        Cli.Run json = cli.run("status", "--install-dir", install.toString(), "--json");

        assertEquals(0, text.code(), text.out() + text.err());
        assertTrue(text.out().contains("rmkit-burner 1.0.0"), text.out());
        assertTrue(text.out().contains("last: unreadable"), text.out());
        assertEquals(0, json.code(), json.out() + json.err());
        assertEquals("1.0.0", oneObject(json).get("version").asText());
    }

    @Test
    void statusSpellsTheLastOutcomeAsTheReportDoes() throws Exception {
        Path install = tmp.resolve("i");
        Cli.Run applied = cli.run("apply", "--manifest", feeds.publish("1.0.0", Map.of("a.txt", "a")).toString(),
                "--install-dir", install.toString(), "--trust", feeds.publicKey().toString(), "--json");

        JsonNode s = oneObject(cli.run("status", "--install-dir", install.toString(), "--json"));

        assertEquals(oneObject(applied).get("outcome").asText(), s.get("lastOutcome").asText());
    }

    @Test
    void aCommandAddedLaterFailingUnexpectedlyIsStillOneLineAndOneJsonObject() throws Exception {
        @CommandLine.Command(name = "boom")
        class Boom implements java.util.concurrent.Callable<Integer> {
            @CommandLine.Option(names = "--json") boolean json;

            @Override
            public Integer call() {
                throw new IllegalStateException("the frobnicator\nbroke");
            }
        }
        CommandLine cl = UpdaterCommand.commandLine();
        cl.addSubcommand(new Boom());
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(err));

        int code = cl.execute("boom");
        int jsonCode = cl.execute("boom", "--json");

        assertEquals(ExitCode.FAILED.code(), code);
        assertEquals(ExitCode.FAILED.code(), jsonCode);
        String line = err.toString().strip();
        assertOneCleanLine(line);
        assertEquals("updater boom: internal error: the frobnicator broke (run with --verbose for details)", line);
        JsonNode j = oneObject(new Cli.Run(jsonCode, out.toString(), ""));
        assertEquals("boom", j.get("command").asText());
    }
}
