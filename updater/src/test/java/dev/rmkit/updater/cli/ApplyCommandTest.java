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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class ApplyCommandTest {

    static final Map<String, String> V1 = Map.of("bin/burner", "burner 1.0", "lib/core.jar", "core 1.0",
            "conf/old.conf", "old setting");
    static final Map<String, String> V2 = Map.of("bin/burner", "burner 1.0", "lib/core.jar", "core 2.0",
            "lib/new.jar", "new in 2.0");

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path install;

    @BeforeEach
    void setUp() {
        feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
    }

    private Cli.Run apply(Path manifest, String... extra) {
        String[] base = {"apply", "--manifest", manifest.toString(), "--install-dir", install.toString(), "--json"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cli.run(args);
    }

    private void installV1() {
        Cli.Run r = apply(feeds.publish("1.0.0", V1), "--trust", feeds.publicKey().toString());
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void aFreshInstallPinsTheKeyAndInstallsExactlyTheRelease() throws Exception {
        Cli.Run r = apply(feeds.publish("1.0.0", V1), "--trust", feeds.publicKey().toString());

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("UPDATED", j.get("outcome").asText());
        assertEquals("", j.get("fromVersion").asText());
        assertEquals("1.0.0", j.get("toVersion").asText());
        assertEquals(3, j.get("added").size());
        assertEquals(feeds.tree("v1", V1), Trees.snapshot(install));
        assertTrue(Files.exists(install.resolve(".rmkit/trust")));
        assertEquals(r.out().strip(), Files.readString(install.resolve(".rmkit/last-report.json")).strip());
    }

    @Test
    void anUpdateAddsReplacesRemovesByHashAndLeavesUserDataAlone() throws Exception {
        installV1();
        Files.writeString(install.resolve("notes.txt"), "mine");

        Cli.Run r = apply(feeds.publish("2.0.0", V2));

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("1.0.0", j.get("fromVersion").asText());
        assertEquals("[\"lib/new.jar\"]", j.get("added").toString());
        assertEquals("[\"lib/core.jar\"]", j.get("replaced").toString());
        assertEquals("[\"conf/old.conf\"]", j.get("removed").toString());
        Map<String, String> expected = new HashMap<>(V2);
        expected.put("notes.txt", "mine");
        assertEquals(feeds.tree("v2", expected), Trees.snapshot(install));
        assertFalse(Files.exists(install.resolve(".rmkit/staging/2.0.0")));
        assertFalse(Files.exists(install.resolve(".rmkit/journal.json")));
    }

    @Test
    void applyingTheInstalledReleaseAgainIsUpToDate() {
        Path m = feeds.publish("1.0.0", V1);
        assertEquals(0, apply(m, "--trust", feeds.publicKey().toString()).code());
        Cli.Run again = apply(m);
        assertEquals(0, again.code());
        assertEquals("UP_TO_DATE", again.json().get("outcome").asText());
    }

    @Test
    void anOlderReleaseIsRejectedAndChangesNothing() {
        Path old = feeds.publish("0.9.0", V1);
        installV1();
        Map<String, String> before = Trees.snapshot(install);

        Cli.Run r = apply(old);

        assertEquals(ExitCode.REJECTED.code(), r.code());
        assertTrue(r.json().get("message").asText().contains("not newer"), r.out());
        assertEquals(before, Trees.snapshot(install));
    }

    @Test
    void aManifestSignedByAnotherKeyIsRejectedAndChangesNothing() throws Exception {
        installV1();
        Map<String, String> before = Trees.snapshot(install);
        Feeds stranger = Feeds.create(tmp.resolve("stranger"));

        Cli.Run r = apply(stranger.publish("2.0.0", V2));

        assertEquals(ExitCode.REJECTED.code(), r.code());
        assertTrue(r.json().get("message").asText().startsWith("unknown key"), r.out());
        assertEquals(before, Trees.snapshot(install));
        assertEquals("rejected", cli.run("status", "--install-dir", install.toString(), "--json")
                .json().get("lastOutcome").asText());
    }

    @Test
    void aTamperedManifestIsRejectedAndChangesNothing() throws Exception {
        installV1();
        Map<String, String> before = Trees.snapshot(install);
        Path m = feeds.publish("2.0.0", V2);
        Files.writeString(m, Files.readString(m).replace("\"2.0.0\"", "\"2.0.1\""));

        Cli.Run r = apply(m);

        assertEquals(ExitCode.REJECTED.code(), r.code());
        assertTrue(r.json().get("message").asText().startsWith("bad signature"), r.out());
        assertEquals(before, Trees.snapshot(install));
    }

    @Test
    void aPayloadThatDoesNotMatchItsHashIsRejectedBeforeAnythingChanges() throws Exception {
        installV1();
        Map<String, String> before = Trees.snapshot(install);
        Path m = feeds.publish("2.0.0", V2);
        try (var blobs = Files.walk(m.getParent().resolve("blobs"))) {
            for (Path b : (Iterable<Path>) blobs.filter(Files::isRegularFile)::iterator) {
                Files.writeString(b, "evil bytes");
            }
        }

        Cli.Run r = apply(m);

        assertEquals(ExitCode.REJECTED.code(), r.code(), r.out());
        assertEquals(before, Trees.snapshot(install));
    }

    @Test
    void aFreshInstallWhosePayloadIsRejectedLeavesNoTrace() throws Exception {
        Path m = feeds.publish("1.0.0", V1);
        try (var blobs = Files.walk(m.getParent().resolve("blobs"))) {
            for (Path b : (Iterable<Path>) blobs.filter(Files::isRegularFile)::iterator) {
                Files.writeString(b, "evil bytes");
            }
        }

        Cli.Run r = apply(m, "--trust", feeds.publicKey().toString());

        assertEquals(ExitCode.REJECTED.code(), r.code(), r.out());
        assertFalse(Files.exists(install), "neither the key, the install id, the staging nor the directory stay");
    }

    @Test
    void aMissingManifestIsBadUsageAndAnUnreachableFeedIsUnavailable() {
        Cli.Run missing = apply(tmp.resolve("nope/manifest.json"));
        assertEquals(ExitCode.USAGE.code(), missing.code(), missing.out());
        assertFalse(Files.exists(install), "a failed fresh install leaves no directory behind");
        assertEquals(ExitCode.USAGE.code(), cli.run("resume", "--install-dir", install.toString()).code());
        assertFalse(Files.exists(install));

        Cli.Run down = cli.run("apply", "--manifest", "http://127.0.0.1:9/manifest.json", "--install-dir", install.toString(),
                "--json");
        assertEquals(ExitCode.UNAVAILABLE.code(), down.code(), down.out());
    }

    @Test
    void aBadWaitValueIsBadUsage() {
        Cli.Run r = cli.run("apply", "--manifest", "m", "--install-dir", install.toString(), "--wait", "soon");
        assertEquals(ExitCode.USAGE.code(), r.code());
        assertTrue(r.err().contains("not a duration"), r.err());
    }

    @Test
    void aDirectoryWhereTheReleaseHasAFileFailsWithTheInstallUnchanged() throws Exception {
        installV1();
        Files.createDirectories(install.resolve("lib/new.jar/user-stuff"));
        Map<String, String> before = Trees.snapshot(install);

        Cli.Run r = apply(feeds.publish("2.0.0", V2));

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out());
        assertEquals(before, Trees.snapshot(install));
    }

    /** A release whose {@code plugins} is a directory, over an install where it is a file. */
    static final Map<String, String> PLUGINS_FILE = Map.of("bin/burner", "burner 1.0", "plugins", "managed plugin list");
    static final Map<String, String> PLUGINS_DIR = Map.of("bin/burner", "burner 2.0", "plugins/first.jar", "first plugin");

    @Test
    void aUserFileWhereTheReleaseNeedsADirectoryIsRefusedBeforeAnythingIsTouched() throws Exception {
        assertEquals(0, apply(feeds.publish("1.0.0", Map.of("bin/burner", "burner 1.0")), "--trust",
                feeds.publicKey().toString()).code());
        Files.writeString(install.resolve("plugins"), "the user's own notes, not the updater's");
        Map<String, String> before = Trees.snapshot(install);

        Cli.Run r = apply(feeds.publish("2.0.0", PLUGINS_DIR));

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out());
        assertTrue(r.json().get("message").asText().contains("plugins is a file"), r.out());
        assertEquals(before, Trees.snapshot(install), "the user's file is kept byte for byte");
        assertEquals("1.0.0", cli.run("status", "--install-dir", install.toString(), "--json").json().get("version")
                .asText());
    }

    @Test
    void aManagedFileThatBecomesADirectoryIsReplacedByIt() throws Exception {
        assertEquals(0, apply(feeds.publish("1.0.0", PLUGINS_FILE), "--trust", feeds.publicKey().toString()).code());
        Files.writeString(install.resolve("notes.txt"), "mine");

        Cli.Run r = apply(feeds.publish("2.0.0", PLUGINS_DIR));

        assertEquals(0, r.code(), r.out());
        Map<String, String> expected = new HashMap<>(PLUGINS_DIR);
        expected.put("notes.txt", "mine");
        assertEquals(feeds.tree("v2", expected), Trees.snapshot(install));
    }

    @Test
    void planPrintsTheChangesAndChangesNothing() throws Exception {
        installV1();
        Map<String, String> before = Trees.snapshot(install);
        Path m = feeds.publish("2.0.0", V2);

        Cli.Run r = cli.run("plan", "--manifest", m.toString(), "--install-dir", install.toString(), "--json");

        assertEquals(0, r.code(), r.err());
        assertEquals("[\"lib/new.jar\"]", r.json().get("add").toString());
        assertEquals("[\"lib/core.jar\"]", r.json().get("replace").toString());
        assertEquals("[\"conf/old.conf\"]", r.json().get("remove").toString());
        assertEquals("[\"bin/burner\"]", r.json().get("unchanged").toString());
        assertEquals(before, Trees.snapshot(install));
        assertFalse(Files.exists(install.resolve(".rmkit/staging/2.0.0")));

        Cli.Run text = cli.run("plan", "--manifest", m.toString(), "--install-dir", install.toString());
        assertTrue(text.out().contains("1.0.0 -> 2.0.0: 1 to add, 1 to replace, 1 to remove, 1 unchanged"), text.out());
    }

    @Test
    void planWithTrustOnAFreshInstallDoesNotPinTheKey() {
        Path m = feeds.publish("1.0.0", V1);
        Cli.Run r = cli.run("plan", "--manifest", m.toString(), "--install-dir", install.toString(), "--trust",
                feeds.publicKey().toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(install.resolve(".rmkit/trust")));
    }

    @Test
    void statusShowsTheInstalledVersionAndTheLastOutcome() {
        installV1();
        Cli.Run r = cli.run("status", "--install-dir", install.toString(), "--json");
        assertEquals(0, r.code());
        assertEquals("1.0.0", r.json().get("version").asText());
        assertEquals("none", r.json().get("pending").asText());
        assertEquals("updated", r.json().get("lastOutcome").asText());
        Cli.Run text = cli.run("status", "--install-dir", install.toString());
        assertTrue(text.out().startsWith("rmkit-burner 1.0.0 (stable, 3 files"), text.out());
    }

    @Test
    void anInstallDirectoryTheUpdaterCannotWriteIsPermissionDenied() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid")
                .toString()), "root writes anywhere: this needs an unprivileged user");
        Files.createDirectories(install);
        Files.setPosixFilePermissions(install, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Cli.Run r = apply(feeds.publish("1.0.0", V1), "--trust", feeds.publicKey().toString());
            assertEquals(ExitCode.NO_PERMISSION.code(), r.code(), r.out());
        } finally {
            Files.setPosixFilePermissions(install, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aNameOf250BytesInstalls() throws Exception {
        String longName = "lib/" + "\u00e9".repeat(123) + ".jar"; // 250 bytes in UTF-8, 127 characters
        Map<String, String> files = Map.of(longName, "long", "bin/burner", "burner 1.0");

        Cli.Run r = apply(feeds.publish("1.0.0", files), "--trust", feeds.publicKey().toString());

        assertEquals(0, r.code(), r.out());
        assertEquals(feeds.tree("long", files), Trees.snapshot(install));
    }

    @Test
    void aBlobShorterThanDeclaredIsRejected() throws Exception {
        installV1();
        Map<String, String> before = Trees.snapshot(install);
        Path m = feeds.publish("2.0.0", V2);
        try (var blobs = Files.list(m.resolveSibling("blobs"))) {
            for (Path b : (Iterable<Path>) blobs::iterator) {
                byte[] all = Files.readAllBytes(b);
                Files.write(b, java.util.Arrays.copyOf(all, all.length - 1));
            }
        }

        Cli.Run r = apply(m);

        assertEquals(ExitCode.REJECTED.code(), r.code(), r.out());
        assertTrue(r.json().get("message").asText().contains("smaller than declared"), r.out());
        assertEquals(before, Trees.snapshot(install));
    }
}
