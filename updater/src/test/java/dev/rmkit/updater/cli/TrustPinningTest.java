package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code --trust} pins a key only once a manifest has verified with it: a wrong key leaves nothing behind. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "runs the updater against the Linux backend (testing.Cli)")
class TrustPinningTest {

    static final Map<String, String> V1 = Map.of("bin/burner", "burner 1.0");

    @TempDir Path tmp;
    Feeds feeds;
    Feeds stranger;
    Cli cli;
    Path install;

    @BeforeEach
    void setUp() {
        feeds = Feeds.create(tmp.resolve("publisher"));
        stranger = Feeds.create(tmp.resolve("stranger"));
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
    }

    private Cli.Run apply(Path manifest, Path key) {
        return cli.run("apply", "--manifest", manifest.toString(), "--install-dir", install.toString(), "--trust",
                key.toString(), "--json");
    }

    private long pinnedKeys() throws Exception {
        Path trust = install.resolve(".rmkit/trust");
        if (!Files.isDirectory(trust)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(trust)) {
            return s.count();
        }
    }

    @Test
    void aWrongKeyOnAnEmptyDirectoryIsNotPinnedAndTheRightOneThenWorks() throws Exception {
        Files.createDirectories(install);
        Path m = feeds.publish("1.0.0", V1);

        Cli.Run wrong = apply(m, stranger.publicKey());

        assertEquals(ExitCode.REJECTED.code(), wrong.code(), wrong.out());
        assertTrue(wrong.json().get("message").asText().startsWith("unknown key"), wrong.out());
        assertEquals(0, pinnedKeys(), "nothing verified, so nothing pinned");
        Cli.Run right = apply(m, feeds.publicKey());
        assertEquals(0, right.code(), right.out());
        assertEquals(1, pinnedKeys());
    }

    @Test
    void aWrongKeyOnAnInstallWhoseKeysWereRemovedIsNotPinned() throws Exception {
        assertEquals(0, apply(feeds.publish("1.0.0", V1), feeds.publicKey()).code());
        try (Stream<Path> s = Files.list(install.resolve(".rmkit/trust"))) {
            for (Path k : (Iterable<Path>) s::iterator) {
                Files.delete(k); // an admin about to pin a rotated key
            }
        }
        Path v2 = feeds.publish("2.0.0", Map.of("bin/burner", "burner 2.0"));

        Cli.Run wrong = apply(v2, stranger.publicKey());

        assertEquals(ExitCode.REJECTED.code(), wrong.code(), wrong.out());
        assertEquals(0, pinnedKeys());
        Cli.Run right = apply(v2, feeds.publicKey());
        assertEquals(0, right.code(), right.out());
    }
}
