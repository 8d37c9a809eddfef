package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the link tests: {@link ApplyCommandTest#V1} installed in {@code tmp/app} from a real
 * signed feed, and a directory {@code tmp/outside} for the links to point to, outside the install.
 */
abstract class InstalledWithOutside {

    @TempDir Path tmp;
    Feeds feeds;
    Cli cli;
    Path install;
    Path outside;

    @BeforeEach
    void installV1() throws Exception {
        feeds = Feeds.create(tmp.resolve("publisher"));
        cli = new Cli(tmp.resolve("env"));
        install = tmp.resolve("app");
        outside = Files.createDirectories(tmp.resolve("outside"));
        Cli.Run r = cli.run("apply", "--manifest", feeds.publish("1.0.0", ApplyCommandTest.V1).toString(),
                "--install-dir", install.toString(), "--trust", feeds.publicKey().toString());
        assertEquals(0, r.code(), r.out() + r.err());
    }
}
