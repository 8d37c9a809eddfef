package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code updater rollback}: the kept previous release, put back exactly, and the anti-rollback rule kept. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class RollbackCommandTest {

    static final Map<String, String> V3 = Map.of("bin/burner", "burner 3.0", "lib/core.jar", "core 3.0",
            "lib/new.jar", "new in 2.0");

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path install;
    Map<String, String> oldTree;
    Map<String, String> newTree;

    @BeforeEach
    void setUp() throws Exception {
        feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
        assertEquals(0, apply(feeds.publish("1.0.0", ApplyCommandTest.V1), "--trust", feeds.publicKey().toString()).code());
        Files.writeString(install.resolve("notes.txt"), "user data");
        oldTree = withNotes("old", ApplyCommandTest.V1);
        newTree = withNotes("new", ApplyCommandTest.V2);
    }

    private Map<String, String> withNotes(String name, Map<String, String> release) {
        Map<String, String> t = new HashMap<>(release);
        t.put("notes.txt", "user data");
        return feeds.tree(name, t);
    }

    private Cli.Run apply(Path manifest, String... extra) {
        List<String> args = new ArrayList<>(List.of("apply", "--manifest", manifest.toString(), "--install-dir",
                install.toString(), "--json"));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private Cli.Run rollback() {
        return cli.run("rollback", "--install-dir", install.toString(), "--json");
    }

    private JsonNode status() {
        return cli.run("status", "--install-dir", install.toString(), "--json").json();
    }

    @Test
    void rollbackPutsThePreviousReleaseBackExactlyAndUsesItUp() throws Exception {
        assertEquals(0, apply(feeds.publish("2.0.0", ApplyCommandTest.V2)).code());
        assertEquals(newTree, Trees.snapshot(install));

        Cli.Run r = rollback();

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("REVERTED", j.get("outcome").asText());
        assertEquals("rolled back from 2.0.0 to 1.0.0", j.get("message").asText());
        assertEquals("[\"conf/old.conf\"]", j.get("added").toString());
        assertEquals("[\"lib/core.jar\"]", j.get("replaced").toString());
        assertEquals("[\"lib/new.jar\"]", j.get("removed").toString());
        assertEquals(oldTree, Trees.snapshot(install));
        assertEquals("1.0.0", status().get("version").asText());
        assertTrue(Files.readString(install.resolve(".rmkit/installed.json")).contains("\"rolledBackFrom\" : \"2.0.0\""));
        assertEquals(0, cli.run("verify", "--install-dir", install.toString()).code(), "the files are 1.0.0's byte for byte");

        Cli.Run again = rollback();
        assertEquals(ExitCode.USAGE.code(), again.code(), "the kept release was used up: " + again.out());
        assertTrue(again.json().get("message").asText().startsWith("no previous release is kept in "), again.out());
        assertEquals(oldTree, Trees.snapshot(install));
    }

    @Test
    void aReplayedManifestOlderThanTheReleaseRolledBackFromIsStillRefused() throws Exception {
        Path v15 = feeds.publish("1.5.0", ApplyCommandTest.V2);
        Path v2 = feeds.publish("2.0.0", ApplyCommandTest.V2);
        assertEquals(0, apply(v2).code());
        assertEquals(0, rollback().code());

        Cli.Run replay = apply(v15);

        assertEquals(ExitCode.REJECTED.code(), replay.code(), replay.out());
        assertTrue(replay.json().get("message").asText().contains("older than 2.0.0, which this install ran before"),
                replay.out());
        assertEquals(oldTree, Trees.snapshot(install));
        assertEquals(ExitCode.REJECTED.code(), cli.run("plan", "--manifest", v15.toString(), "--install-dir",
                install.toString()).code(), "plan applies the same rule");
        Cli.Run forward = apply(v2);
        assertEquals(0, forward.code(), "the release rolled back from may be applied again: " + forward.out());
        assertFalse(Files.readString(install.resolve(".rmkit/installed.json")).contains("rolledBackFrom"),
                "going forward past it clears the mark");
    }

    @Test
    void keptReleasesStackAndEachRollbackGoesOneBack() throws Exception {
        assertEquals(0, apply(feeds.publish("2.0.0", ApplyCommandTest.V2), "--keep-releases", "2").code());
        assertEquals(0, apply(feeds.publish("3.0.0", V3), "--keep-releases", "2").code());

        assertEquals(0, rollback().code());
        assertEquals(newTree, Trees.snapshot(install));
        assertEquals(0, rollback().code());
        assertEquals(oldTree, Trees.snapshot(install));
        assertEquals("1.0.0", status().get("version").asText());
    }

    @Test
    void keepReleasesZeroKeepsNothing() throws Exception {
        assertEquals(0, apply(feeds.publish("2.0.0", ApplyCommandTest.V2), "--keep-releases", "0").code());

        assertFalse(Files.exists(install.resolve(".rmkit/releases")));
        assertFalse(Files.exists(install.resolve(".rmkit/backup/")) && Files.list(install.resolve(".rmkit/backup")).findAny().isPresent());
        assertEquals(ExitCode.USAGE.code(), rollback().code());
        assertEquals(ExitCode.USAGE.code(), apply(feeds.publish("2.1.0", ApplyCommandTest.V2), "--keep-releases", "-1").code());
    }

    @Test
    void aFileTheUpdaterDidNotInstallIsNeverMovedAwayForARollback() throws Exception {
        assertEquals(0, apply(feeds.publish("2.0.0", ApplyCommandTest.V2)).code());
        Files.createDirectories(install.resolve("conf"));
        Files.writeString(install.resolve("conf/old.conf"), "the user's own file, where 1.0 had one");
        Map<String, String> before = Trees.snapshot(install);

        Cli.Run r = rollback();

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out());
        assertTrue(r.json().get("message").asText().contains("conf/old.conf is in the install but was not installed"),
                r.out());
        assertEquals(before, Trees.snapshot(install));
        assertEquals("2.0.0", status().get("version").asText());
    }

    @Test
    void aDamagedKeptReleaseIsRefusedBeforeAnythingChanges() throws Exception {
        assertEquals(0, apply(feeds.publish("2.0.0", ApplyCommandTest.V2)).code());
        try (var dirs = Files.list(install.resolve(".rmkit/releases"))) {
            Path kept = dirs.findFirst().orElseThrow();
            Files.writeString(kept.resolve("files/lib/core.jar"), "core 1.X");
        }

        Cli.Run r = rollback();

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out());
        assertTrue(r.json().get("message").asText().contains("neither the install nor the kept release has lib/core.jar"),
                r.out());
        assertEquals(newTree, Trees.snapshot(install));
    }

    @Test
    void aFailingHealthCheckRollsTheUpdateBack() throws Exception {
        Cli.Run r = apply(feeds.publish("2.0.0", ApplyCommandTest.V2), "--health-check", "sh -c 'echo core is broken; exit 3'");

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("ROLLED_BACK", j.get("outcome").asText());
        assertEquals("1.0.0", j.get("fromVersion").asText());
        assertEquals("2.0.0", j.get("toVersion").asText());
        assertTrue(j.get("message").asText().contains("exited 3: core is broken; rolled back to 1.0.0"), r.out());
        assertEquals(oldTree, Trees.snapshot(install));
        assertEquals("1.0.0", status().get("version").asText());
    }

    @Test
    void aPassingHealthCheckKeepsTheUpdateAndOnlyTheReleasesAskedFor() throws Exception {
        Path seen = tmp.resolve("seen dir");

        Cli.Run r = apply(feeds.publish("2.0.0", ApplyCommandTest.V2), "--keep-releases", "0", "--health-check",
                "sh -c 'pwd > \"$1\"; test -f lib/new.jar' check '" + seen + "'");

        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.json().get("notes").toString().contains("health check passed"), r.out());
        assertEquals(install.toRealPath().toString(), Files.readString(seen).strip(), "it runs in the install");
        assertEquals(newTree, Trees.snapshot(install));
        assertFalse(Files.exists(install.resolve(".rmkit/releases")), "--keep-releases 0 once the check passed");
    }

    @Test
    void aHealthCheckPastItsTimeoutFails() throws Exception {
        Cli.Run r = apply(feeds.publish("2.0.0", ApplyCommandTest.V2), "--health-check", "sleep 600",
                "--health-timeout", "1s");

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out());
        assertTrue(r.json().get("message").asText().contains("did not finish within PT1S"), r.out());
        assertEquals(oldTree, Trees.snapshot(install));
    }
}
