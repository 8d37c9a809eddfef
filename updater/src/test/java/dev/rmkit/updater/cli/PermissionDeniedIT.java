package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.rm.testing.Unprivileged;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.Main;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.Feeds;
import dev.rmkit.updater.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit 77 for real: root installs a release, then the updater runs as an unprivileged user (nobody,
 * through setpriv) against that install, which it may read but not write.
 */
class PermissionDeniedIT {

    @TempDir Path tmp;

    @Test
    void anUpdaterThatCannotWriteTheInstallExits77AndChangesNothing() throws Exception {
        assumeTrue(Unprivileged.available(), "needs root and setpriv to run the updater as another user");
        Feeds feeds = Feeds.create(tmp.resolve("publisher"));
        Cli cli = new Cli(tmp.resolve("env"));
        Path install = tmp.resolve("app");
        assertEquals(0, cli.run("apply", "--manifest", feeds.publish("1.0.0", ApplyCommandTest.V1).toString(),
                "--install-dir", install.toString(), "--trust", feeds.publicKey().toString()).code());
        Path v2 = feeds.publish("2.0.0", ApplyCommandTest.V2);
        Unprivileged.traversable(install, tmp);
        Map<String, String> tree = Trees.snapshot(install);
        Map<String, String> state = state(install);
        Path home = Unprivileged.ownedBy(tmp.resolve("nobody"), Unprivileged.NOBODY);

        List<String> argv = Unprivileged.command(Unprivileged.NOBODY, Unprivileged.readableClassPath(tmp.resolve("cp")),
                Main.class, List.of("apply", "--manifest", v2.toString(), "--install-dir", install.toString(), "--json"));
        try (JavaProcess updater = JavaProcess.startCommand(argv, home, Map.of("HOME", home.toString(),
                "RMKIT_RUNTIME_DIR", home.resolve("runtime").toString()))) {
            int code = updater.awaitExit(Duration.ofSeconds(60)).orElseThrow();
            String out = updater.awaitLine(l -> l.contains("\"exitCode\""), Duration.ofSeconds(10));

            assertEquals(ExitCode.NO_PERMISSION.code(), code, updater.stderr());
            assertTrue(out.contains("\"exitCode\":77"), out);
        }
        assertEquals(tree, Trees.snapshot(install), "the install is untouched");
        assertEquals(state, state(install), "and so is its .rmkit state");
    }

    /** Every file under .rmkit with its size and modification time. */
    private static Map<String, String> state(Path install) throws Exception {
        Path dir = install.resolve(".rmkit");
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).collect(java.util.stream.Collectors.toMap(p -> dir.relativize(p).toString(),
                    p -> {
                        try {
                            return Files.size(p) + "@" + Files.getLastModifiedTime(p);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
        }
    }
}
