package dev.rmkit.updater.testing;

import dev.rmkit.updater.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Signed feeds built with the real {@code keygen} and {@code publish} commands. */
public final class Feeds {

    private final Path root;
    private final Path key;

    private Feeds(Path root, Path key) {
        this.root = root;
        this.key = key;
    }

    public static Feeds create(Path root) {
        Path prefix = root.resolve("publisher");
        try {
            java.nio.file.Files.createDirectories(root);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        run("keygen", "--out", prefix.toString());
        return new Feeds(root, prefix);
    }

    public Path publicKey() {
        return Path.of(key + ".pub");
    }

    /** Publishes {@code files} as {@code version}; returns the manifest's path. */
    public Path publish(String version, Map<String, String> files, String... extra) {
        return publish(version, files, java.util.Set.of(), extra);
    }

    /** As {@link #publish(String, Map, String...)}, with the files in {@code executable} marked executable. */
    public Path publish(String version, Map<String, String> files, java.util.Set<String> executable, String... extra) {
        Path from = root.resolve("src-" + version);
        Trees.write(from, files);
        // Windows has no executable bit to set (the manifest's flag comes from a POSIX mode only).
        if (from.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            for (String path : executable) {
                try {
                    java.nio.file.Files.setPosixFilePermissions(from.resolve(path),
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        Path feed = root.resolve("feed-" + version);
        List<String> args = new ArrayList<>(List.of("publish", "--from", from.toString(), "--version", version,
                "--out", feed.toString(), "--key", key + ".key", "--product", "rmkit-burner", "--channel", "stable"));
        args.addAll(List.of(extra));
        run(args.toArray(String[]::new));
        return feed.resolve("manifest.json");
    }

    /** A reference tree: the release's files (plus user files), for byte-exact comparisons. */
    public Map<String, String> tree(String name, Map<String, String> files) {
        Path ref = root.resolve("ref-" + name);
        Trees.write(ref, files);
        return Trees.snapshot(ref);
    }

    private static void run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed (" + code + "): " + err + out);
        }
    }
}
