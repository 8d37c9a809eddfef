package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/**
 * What stands in the install where a release needs something else: a user's file where the release
 * needs a directory, a managed file that becomes a directory. Each either installs or is refused with
 * the install byte-for-byte as it was.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class UserFilesTest {

    static final Map<String, String> V1 = Map.of("bin/burner", "burner 1.0", "plugins", "managed plugin list");
    static final Map<String, String> V2 = Map.of("bin/burner", "burner 2.0", "plugins/first.jar", "first plugin");

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

    private Cli.Run apply(Path manifest) {
        return cli.run("apply", "--manifest", manifest.toString(), "--install-dir", install.toString(), "--trust",
                feeds.publicKey().toString(), "--json");
    }

    @Test
    void aUserFileWhereTheReleaseNeedsADirectoryIsRefusedBeforeAnythingIsTouched() throws Exception {
        assertEquals(0, apply(feeds.publish("1.0.0", Map.of("bin/burner", "burner 1.0"))).code());
        Files.writeString(install.resolve("plugins"), "the user's own notes, not the updater's");
        Map<String, String> before = Trees.snapshot(install);

        Cli.Run r = apply(feeds.publish("2.0.0", V2));

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out());
        assertTrue(r.json().get("message").asText().contains("plugins is a file"), r.out());
        assertEquals(before, Trees.snapshot(install), "the user's file is kept byte for byte");
        assertEquals("1.0.0", cli.run("status", "--install-dir", install.toString(), "--json").json().get("version")
                .asText());
    }

    @Test
    void aManagedFileThatBecomesADirectoryIsReplacedByIt() throws Exception {
        assertEquals(0, apply(feeds.publish("1.0.0", V1)).code());
        Files.writeString(install.resolve("notes.txt"), "mine");

        Cli.Run r = apply(feeds.publish("2.0.0", V2));

        assertEquals(0, r.code(), r.out());
        Map<String, String> expected = new HashMap<>(V2);
        expected.put("notes.txt", "mine");
        assertEquals(feeds.tree("v2", expected), Trees.snapshot(install));
    }
}
