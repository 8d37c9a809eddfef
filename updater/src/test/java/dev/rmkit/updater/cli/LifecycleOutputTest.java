package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rmkit.updater.apps.ClosedApp;
import dev.rmkit.updater.apps.LeftClosed;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands main added next to apply (auto, schedule, history, rollback, cancel, uninstall,
 * restart-apps, verify) and resume and status, held to the same output contract (schedule's failures
 * are ErrorOutputTest's: a missing install is no failure for {@code schedule show}, which says "not
 * registered"): with {@code --json}
 * exactly one JSON object on stdout whatever the outcome, errors included; without it one clean error
 * line; and another user's text (an app's name, a reason, a message quoting them) rendered safely in text.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class LifecycleOutputTest {

    /** An app name that would clear the screen and retitle the terminal if printed raw. */
    static final String HOSTILE = "burner\u001b[2J\u001b]0;owned\u0007";

    @TempDir Path tmp;
    Cli cli;
    Feeds feeds;
    Path install;

    @BeforeEach
    void setUp() {
        cli = new Cli(tmp.resolve("env"));
        feeds = Feeds.create(tmp.resolve("publisher"));
        install = tmp.resolve("app");
    }

    private void installV1() {
        Cli.Run r = cli.run("apply", "--manifest", feeds.publish("1.0.0", Map.of("a.txt", "a")).toString(), "--install-dir",
                install.toString(), "--trust", feeds.publicKey().toString());
        assertEquals(0, r.code(), r.out() + r.err());
    }

    private static List<List<String>> commandsOn(Path dir) {
        String d = dir.toString();
        return List.of(List.of("auto", "--install-dir", d), List.of("history", "--install-dir", d),
                List.of("rollback", "--install-dir", d),
                List.of("cancel", "--install-dir", d), List.of("uninstall", "--install-dir", d),
                List.of("restart-apps", "--install-dir", d), List.of("verify", "--install-dir", d),
                List.of("resume", "--install-dir", d), List.of("status", "--install-dir", d));
    }

    private Cli.Run run(List<String> args, String... extra) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(extra));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void aMissingInstallIsOneJsonObjectOrOneCleanLineForEveryCommand() throws Exception {
        for (List<String> args : commandsOn(tmp.resolve("no such install"))) {
            Cli.Run json = run(args, "--json");
            Cli.Run text = run(args);

            String name = String.join(" ", args.subList(0, args.size() - 2));
            assertNotEquals(0, json.code(), name + ": " + json.out() + json.err());
            JsonNode j = ErrorOutputTest.oneObject(json);
            assertEquals(json.code(), j.get("exitCode").asInt(), name + ": " + j);
            assertFalse(j.get("outcome").asText().isEmpty(), name + ": " + j);
            assertClean(j.get("message").asText(), name);
            assertEquals(json.code(), text.code(), name);
            List<String> errLines = text.err().strip().lines().toList();
            assertFalse(errLines.isEmpty(), name + ": no error line");
            assertTrue(errLines.get(0).startsWith("updater " + args.get(0) + ": "), name + ": " + text.err());
            assertClean(errLines.get(0), name);
        }
    }

    private static void assertClean(String line, String name) {
        assertFalse(line.isBlank(), name + ": empty");
        assertFalse(line.contains("\n"), name + ": more than one line: " + line);
        for (String internal : List.of("Exception", "java.", "com.fasterxml", "at [Source")) {
            assertFalse(line.contains(internal), name + ": internal text '" + internal + "' in: " + line);
        }
    }

    @Test
    void historyJsonIsOneObjectHoldingEveryRunExactlyAsStored() throws Exception {
        installV1();
        assertEquals(0, cli.run("resume", "--install-dir", install.toString()).code());

        Cli.Run all = cli.run("history", "--install-dir", install.toString(), "--json");
        Cli.Run last = cli.run("history", "--install-dir", install.toString(), "--json", "--last", "1");

        assertEquals(0, all.code(), all.err());
        JsonNode j = ErrorOutputTest.oneObject(all);
        List<String> stored = Files.readAllLines(install.resolve(".rmkit/history.jsonl"));
        assertEquals(2, stored.size(), "apply, resume");
        assertEquals(2, j.get("runs").size(), j.toString());
        for (int i = 0; i < stored.size(); i++) {
            assertEquals(new ObjectMapper().readTree(stored.get(i)), j.get("runs").get(i));
        }
        assertEquals(0, j.get("unreadableLines").asInt());
        JsonNode one = ErrorOutputTest.oneObject(last);
        assertEquals(1, one.get("runs").size());
        assertEquals("resume", one.get("runs").get(0).get("command").asText());
    }

    @Test
    void scheduleShowJsonIsOneObject() throws Exception {
        installV1();

        Cli.Run r = cli.run("schedule", "show", "--install-dir", install.toString(), "--json");

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = ErrorOutputTest.oneObject(r);
        assertEquals("show", j.get("action").asText());
        assertFalse(j.get("registered").asBoolean(), j.toString());
        assertTrue(j.get("lines").isArray(), j.toString());
    }

    @Test
    void historyTextRendersAnotherUsersTextSafely() throws Exception {
        installV1();
        Path history = install.resolve(".rmkit/history.jsonl");
        ObjectNode run = (ObjectNode) new ObjectMapper().readTree(Files.readAllLines(history).get(0));
        run.put("outcome", "DEFERRED").put("exitCode", 75).put("message", HOSTILE + " refused to close");
        Files.writeString(history, new ObjectMapper().writeValueAsString(run) + "\n", StandardOpenOption.APPEND);

        assertRenderedSafely(cli.run("history", "--install-dir", install.toString()),
                "burner\\x1b[2J\\x1b]0;owned\\x07 refused to close");
    }

    /** {@code r} succeeded and shows the hostile text only escaped, as {@code expected}. */
    private static void assertRenderedSafely(Cli.Run r, String expected) {
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("\u001b") || r.out().contains("\u0007"), "raw escape sequence in: " + r.out());
        assertTrue(r.out().contains(expected), r.out());
    }

    @Test
    void statusRendersTheNamesOfAppsLeftClosedSafely() throws Exception {
        installV1();
        LeftClosed.write(new InstallLayout(install), List.of(new ClosedApp(HOSTILE, 4242, List.of("/bin/true"), "/")));

        assertRenderedSafely(cli.run("status", "--install-dir", install.toString()),
                "left closed: 'burner\\x1b[2J\\x1b]0;owned\\x07' (pid 4242)");
    }

    @Test
    void aCorruptJournalIsCorruptStateInOneLineForTheCommandsThatReadIt() throws Exception {
        installV1();
        Files.writeString(install.resolve(".rmkit/journal.json"), "{\"state\": ");
        for (String command : List.of("cancel", "resume", "status")) {
            Cli.Run json = cli.run(command, "--install-dir", install.toString(), "--json");
            Cli.Run text = cli.run(command, "--install-dir", install.toString());

            assertEquals(78, json.code(), command + ": " + json.out() + json.err());
            JsonNode j = ErrorOutputTest.oneObject(json);
            assertEquals("CORRUPT_STATE", j.get("outcome").asText(), command + ": " + j);
            assertClean(j.get("message").asText(), command);
            assertTrue(j.get("message").asText().contains("journal.json"), command + ": " + j);
            assertEquals(78, text.code(), command);
            assertClean(text.err().strip().lines().toList().get(0), command);
        }
    }
}
