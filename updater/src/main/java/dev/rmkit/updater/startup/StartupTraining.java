package dev.rmkit.updater.startup;

import dev.rmkit.updater.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run of the start-up archive ({@link StartupArchive}): runs, in one JVM, the commands whose
 * start-up matters ({@code --version}, {@code status --json}, {@code holders}) and the ones that lead up
 * to them (keygen, publish, apply of a one-file release) on a scratch directory, so that the classes they
 * load are the ones archived. Their output is discarded and their exit codes do not matter: a command
 * that fails here only archives fewer classes. {@link StartupArchive} starts it with the updater's system
 * side confined to the scratch directory (state, runtime, config, unit directories).
 *
 * <p>Usage: {@code StartupTraining DIR} (an empty directory).
 */
public final class StartupTraining {

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).toAbsolutePath();
        Path src = Files.createDirectories(dir.resolve("release"));
        Files.writeString(src.resolve("app.txt"), "the start-up archive's training release\n");
        String key = dir.resolve("key").toString();
        String feed = dir.resolve("feed").toString();
        String inst = dir.resolve("install").toString();
        String held = src.resolve("app.txt").toString();
        List<List<String>> commands = List.of(
                List.of("--version"),
                List.of("--help"),
                List.of("keygen", "--out", key),
                List.of("publish", "--from", src.toString(), "--version", "1.0.0", "--product", "training",
                        "--out", feed, "--key", key + ".key"),
                List.of("apply", "--manifest", feed + "/manifest.json", "--install-dir", inst, "--trust", key + ".pub",
                        "--json"),
                List.of("status", "--json", "--install-dir", inst),
                List.of("status", "--install-dir", inst),
                List.of("holders", held),
                List.of("holders", "--json", held),
                List.of("status", "--no-such-option"));
        PrintWriter discard = new PrintWriter(Writer.nullWriter());
        for (List<String> c : commands) {
            Main.run(discard, discard, c.toArray(String[]::new));
        }
    }
}
