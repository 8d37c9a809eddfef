package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code updater verify}: missing, changed and unexpected files against installed.json, and its exit code. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class VerifyCommandTest {

    @TempDir Path tmp;
    Cli cli;
    Path install;

    @BeforeEach
    void installV1() {
        Feeds feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
        Cli.Run r = cli.run("apply", "--manifest", feeds.publish("1.0.0", ApplyCommandTest.V1).toString(),
                "--install-dir", install.toString(), "--trust", feeds.publicKey().toString());
        assertEquals(0, r.code(), r.out() + r.err());
    }

    private Cli.Run verify(String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "verify";
        args[1] = "--install-dir";
        args[2] = install.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return cli.run(args);
    }

    @Test
    void anUntouchedInstallMatchesAndUserFilesAreOnlyListed() throws Exception {
        Files.writeString(install.resolve("notes.txt"), "mine");

        Cli.Run r = verify("--json");

        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertTrue(j.get("matches").asBoolean());
        assertEquals(3, j.get("checked").asInt());
        assertEquals("[\"notes.txt\"]", j.get("unexpected").toString(), "staging, backups and .rmkit are not listed");
        assertEquals(ExitCode.MISMATCH.code(), verify("--strict").code(), "--strict counts the user file");
    }

    @Test
    void missingAndChangedFilesAreNamedAndTheExitCodeSaysMismatch() throws Exception {
        Files.delete(install.resolve("conf/old.conf"));
        Files.writeString(install.resolve("lib/core.jar"), "core 1.X"); // same size, other bytes
        Files.delete(install.resolve("bin/burner"));
        Files.createSymbolicLink(install.resolve("bin/burner"), tmp.resolve("elsewhere"));

        Cli.Run r = verify("--json");

        assertEquals(ExitCode.MISMATCH.code(), r.code(), r.out() + r.err());
        JsonNode j = r.json();
        assertEquals("[\"conf/old.conf\"]", j.get("missing").toString());
        assertEquals(2, j.get("changed").size(), r.out());
        assertEquals("bin/burner", j.get("changed").get(0).get("path").asText());
        assertTrue(j.get("changed").get(0).get("difference").asText().contains("symbolic link"), r.out());
        assertEquals("lib/core.jar", j.get("changed").get(1).get("path").asText());
        assertTrue(j.get("changed").get(1).get("difference").asText().startsWith("SHA-256 "), r.out());
        Cli.Run text = verify();
        assertTrue(text.out().startsWith("mismatch: rmkit-burner 1.0.0, 0 of 3 files as installed"), text.out());
        assertTrue(text.out().contains("  missing: conf/old.conf"), text.out());
    }

    @Test
    void statusNoLongerClaimsFilesThatAreMissing() throws Exception {
        Files.delete(install.resolve("conf/old.conf"));

        Cli.Run text = cli.run("status", "--install-dir", install.toString());
        JsonNode json = cli.run("status", "--install-dir", install.toString(), "--json").json();

        assertTrue(text.out().contains("3 files, 1 of them missing: run updater verify"), text.out());
        assertEquals(1, json.get("missingFiles").asInt());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aChangedExecuteBitIsAChange() throws Exception {
        Files.setPosixFilePermissions(install.resolve("lib/core.jar"), PosixFilePermissions.fromString("rwxr-xr-x"));

        Cli.Run r = verify("--json");

        assertEquals(ExitCode.MISMATCH.code(), r.code(), r.out());
        assertEquals("executable, expected not executable", r.json().get("changed").get(0).get("difference").asText());
    }

    @Test
    void aDirectoryWithoutAnInstallIsBadUsage() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        Cli.Run r = cli.run("verify", "--install-dir", empty.toString());

        assertEquals(ExitCode.USAGE.code(), r.code());
        assertEquals("updater verify: nothing installed by the updater in " + empty.toAbsolutePath() + System.lineSeparator()
                + "Try 'updater verify --help' for more information." + System.lineSeparator(), r.err());
    }
}
