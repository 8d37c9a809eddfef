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
 * Symbolic links a user (or anyone who can write to the install) put inside it: no path the updater
 * writes, renames or deletes resolves through one, a release that would need to is refused with the
 * link named, and the link itself is left as it is.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "creating symbolic links needs a privilege on Windows")
class SymlinksInInstallTest {

    static final Map<String, String> V1 = Map.of("bin/burner", "burner 1.0", "lib/core.jar", "core 1.0",
            "conf/old.conf", "old setting");

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path install;
    Path outside;

    @BeforeEach
    void installV1() {
        feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
        outside = tmp.resolve("outside");
        assertEquals(0, apply(feeds.publish("1.0.0", V1)).code());
    }

    private Cli.Run apply(Path manifest) {
        return cli.run("apply", "--manifest", manifest.toString(), "--install-dir", install.toString(), "--trust",
                feeds.publicKey().toString(), "--json");
    }

    /** Moves the install's {@code dir} outside and leaves a symbolic link to it in its place. */
    private void moveOutAndLink(String dir) throws Exception {
        Path target = outside.resolve(dir);
        Files.createDirectories(target.getParent());
        Files.move(install.resolve(dir), target);
        Files.createSymbolicLink(install.resolve(dir), target);
    }

    private Map<String, String> v2(Map<String, String> changes, String... removed) {
        Map<String, String> files = new HashMap<>(V1);
        files.putAll(changes);
        for (String r : removed) {
            files.remove(r);
        }
        return files;
    }

    private void assertRefusedNamingTheLink(Cli.Run r, String link) {
        assertEquals(ExitCode.FAILED.code(), r.code(), r.out());
        String message = r.json().get("message").asText();
        assertTrue(message.contains("symbolic link") && message.contains(link), message);
    }

    @Test
    void aReleaseIsNotWrittenThroughADirectoryLinkPointingOutside() throws Exception {
        moveOutAndLink("lib");
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        Cli.Run r = apply(feeds.publish("2.0.0", v2(Map.of("lib/core.jar", "core 2.0", "lib/new.jar", "new"))));

        assertRefusedNamingTheLink(r, "lib");
        assertEquals(outsideBefore, Trees.snapshot(outside), "nothing written outside the install");
        assertTrue(Files.isSymbolicLink(install.resolve("lib")));
    }

    @Test
    void aRemovalIsNotDoneThroughALinkAndTheLinkStays() throws Exception {
        moveOutAndLink("conf");
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        Cli.Run r = apply(feeds.publish("2.0.0", v2(Map.of("bin/burner", "burner 2.0"), "conf/old.conf")));

        assertRefusedNamingTheLink(r, "conf");
        assertEquals(outsideBefore, Trees.snapshot(outside), "nothing deleted outside the install");
        assertTrue(Files.isSymbolicLink(install.resolve("conf")), "the user's link is not pruned");
    }

    @Test
    void aManagedFileTheUserReplacedByALinkIsNotReplaced() throws Exception {
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("my-burner"), "the user's own launcher");
        Files.delete(install.resolve("bin/burner"));
        Files.createSymbolicLink(install.resolve("bin/burner"), outside.resolve("my-burner"));

        Cli.Run r = apply(feeds.publish("2.0.0", v2(Map.of("bin/burner", "burner 2.0"))));

        assertRefusedNamingTheLink(r, "bin/burner");
        assertEquals("the user's own launcher", Files.readString(outside.resolve("my-burner")));
        assertTrue(Files.isSymbolicLink(install.resolve("bin/burner")));
    }

    @Test
    void filesTheReleaseLeavesAloneMayLieBehindALink() throws Exception {
        moveOutAndLink("lib");
        Map<String, String> outsideBefore = Trees.snapshot(outside);

        Cli.Run r = apply(feeds.publish("2.0.0", v2(Map.of("bin/burner", "burner 2.0"))));

        assertEquals(0, r.code(), r.out());
        assertEquals("burner 2.0", Files.readString(install.resolve("bin/burner")));
        assertEquals(outsideBefore, Trees.snapshot(outside));
        assertTrue(Files.isSymbolicLink(install.resolve("lib")));
    }

    @Test
    void aStateDirectoryThatIsALinkIsRefusedAndNothingIsWrittenThere() throws Exception {
        Path fresh = tmp.resolve("fresh");
        Files.createDirectories(fresh);
        Files.createDirectories(outside.resolve("state"));
        Files.createSymbolicLink(fresh.resolve(".rmkit"), outside.resolve("state"));

        Cli.Run r = cli.run("apply", "--manifest", feeds.publish("2.0.0", V1).toString(), "--install-dir",
                fresh.toString(), "--trust", feeds.publicKey().toString(), "--json");

        assertRefusedNamingTheLink(r, ".rmkit");
        assertEquals(Map.of(), Trees.snapshot(outside.resolve("state")), "nothing written through the link");
        assertTrue(Files.isSymbolicLink(fresh.resolve(".rmkit")));
    }
}
