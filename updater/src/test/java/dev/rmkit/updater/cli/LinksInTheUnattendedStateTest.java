package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The install-tree rules for the state of unattended updates ({@code .rmkit/history.jsonl},
 * {@code last-report.json}, {@code auto.json}, {@code policy.json}, {@code install-id}): a link
 * someone put there is never written, read or deleted through, stays where it is, and what it points
 * to outside is untouched; the run says so in one line.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "creating symbolic links needs a privilege on Windows; runs the"
        + " updater against the Linux backend (testing.Cli)")
class LinksInTheUnattendedStateTest extends InstalledWithOutside {

    /** Replaces {@code .rmkit/NAME} by a link to {@code outside/NAME}, which holds {@code content}. */
    private Path linkOut(String name, String content) throws Exception {
        Path state = install.resolve(".rmkit").resolve(name);
        Files.deleteIfExists(state);
        return Files.createSymbolicLink(state, Files.writeString(outside.resolve(name), content));
    }

    /** A policy outside the install, following {@code feed}, with no maintenance windows: auto may ask at once. */
    private Path policy(Path feed) throws Exception {
        return Files.writeString(tmp.resolve("policy.json"), "{\"feed\": \"" + feed + "\", \"timeZone\": \"UTC\"}");
    }

    private static List<String> notesNaming(JsonNode report, String name) {
        List<String> out = new ArrayList<>();
        report.get("notes").forEach(n -> {
            if (n.asText().contains(name)) {
                out.add(n.asText());
            }
        });
        return out;
    }

    /**
     * The files an apply reads or writes after its update, besides it: a link at one gets one note
     * naming it, the update goes on, nothing is read or written through the link, and it stays.
     */
    @ParameterizedTest(name = ".rmkit/{0}")
    @ValueSource(strings = {"history.jsonl", "last-report.json", "install-id"})
    void anApplyWithALinkAtOneOfItsFilesUpdatesWithoutGoingThroughItAndSaysSoInOneNote(String name) throws Exception {
        String foreignId = "0123456789abcdef0123456789abcdef";
        Path link = linkOut(name, foreignId + "\n");
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        Cli.Run r = cli.run("apply", "--manifest", feeds.publish("2.0.0", ApplyCommandTest.V2).toString(),
                "--install-dir", install.toString(), "--json");

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("UPDATED", r.json().get("outcome").asText());
        List<String> notes = notesNaming(r.json(), name);
        assertEquals(1, notes.size(), r.out());
        assertTrue(notes.get(0).contains("refused: .rmkit/" + name + " is a symbolic link"), notes.get(0));
        assertEquals(outsideBefore, Trees.snapshot(outside), "nothing was written where the link points");
        assertTrue(Files.isSymbolicLink(link), "the link stays, not replaced by a file of the updater's");
        assertFalse(r.json().path("installId").asText().equals(foreignId), "another file's id is not this install's");
        assertEquals("core 2.0", Files.readString(install.resolve("lib/core.jar")));
    }

    @Test
    void historyDoesNotReadThroughALinkAndSaysSoInOneLine() throws Exception {
        linkOut("history.jsonl", Files.readString(install.resolve(".rmkit/history.jsonl")));

        Cli.Run r = cli.run("history", "--install-dir", install.toString());

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out() + r.err());
        assertEquals("", r.out(), "no run is shown from a file the updater did not write");
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(".rmkit/history.jsonl is a symbolic link"), r.err());
    }

    @Test
    void anAutoRunWithALinkAtItsStateIsRefusedInOneLineAndChangesNothing() throws Exception {
        Path link = linkOut("auto.json", "{\"v\": 1, \"deferrals\": 0, \"timeZone\": \"UTC\"}\n");
        Path policy = policy(feeds.publish("2.0.0", ApplyCommandTest.V2));
        Map<String, String> outsideBefore = Trees.snapshot(outside);
        Map<String, String> before = Trees.snapshot(install);

        Cli.Run r = cli.run("auto", "--install-dir", install.toString(), "--policy", policy.toString(), "--json");

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out() + r.err());
        String message = r.json().get("message").asText();
        assertTrue(message.contains(".rmkit/auto.json is a symbolic link"), message);
        assertEquals(outsideBefore, Trees.snapshot(outside), "the state was not written where the link points");
        assertTrue(Files.isSymbolicLink(link), "the link stays, not replaced by the updater's own state");
        assertEquals(before, Trees.snapshot(install), "nothing was staged or installed");
        assertFalse(Files.exists(install.resolve(".rmkit/staging/2.0.0")));
    }

    @Test
    void aDanglingLinkAtTheAutoStateCreatesNothingWhereItPoints() throws Exception {
        Path target = outside.resolve("created-by-the-updater.json");
        Path link = Files.createSymbolicLink(install.resolve(".rmkit/auto.json"), target);
        Path policy = policy(feeds.publish("2.0.0", ApplyCommandTest.V2));

        Cli.Run r = cli.run("auto", "--install-dir", install.toString(), "--policy", policy.toString(), "--json");

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out() + r.err());
        assertTrue(r.json().get("message").asText().contains(".rmkit/auto.json is a symbolic link"), r.out());
        assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void anAutoRunDoesNotFollowALinkAtTheInstallsPolicy() throws Exception {
        Path link = linkOut("policy.json", Files.readString(policy(feeds.publish("2.0.0", ApplyCommandTest.V2))));

        Cli.Run r = cli.run("auto", "--install-dir", install.toString(), "--json");

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out() + r.err());
        assertTrue(r.json().get("message").asText().contains(".rmkit/policy.json is a symbolic link"), r.out());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("core 1.0", Files.readString(install.resolve("lib/core.jar")), "the linked policy was not followed");
    }

    @Test
    void uninstallLeavesLinksInTheUnattendedStateAndWhatTheyPointToAndNothingOfItsOwn() throws Exception {
        List<String> names = List.of("history.jsonl", "auto.json", "policy.json", "install-id");
        for (String name : names) {
            linkOut(name, "kept by someone else: " + name + "\n");
        }
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        Cli.Run r = cli.run("uninstall", "--install-dir", install.toString(), "--json");

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("UNINSTALLED", r.json().get("outcome").asText());
        assertEquals(outsideBefore, Trees.snapshot(outside), "what the links point to is not the install's");
        List<String> left;
        try (Stream<Path> s = Files.list(install.resolve(".rmkit"))) {
            left = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(names.stream().sorted().toList(), left, "only the links stay; no report, history or lock of the"
                + " updater's own is written after the uninstall");
        for (String name : names) {
            assertTrue(Files.isSymbolicLink(install.resolve(".rmkit").resolve(name)), name);
        }
    }
}
