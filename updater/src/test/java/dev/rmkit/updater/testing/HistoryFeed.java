package dev.rmkit.updater.testing;

import dev.rmkit.updater.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One feed directory that keeps its history, built with the real {@code keygen}, {@code publish} and
 * {@code trust rotate} commands; releases are given as path → bytes.
 */
public final class HistoryFeed {
    private final Path root;
    private final Path feed;

    public HistoryFeed(Path root) {
        this.root = root;
        this.feed = root.resolve("feed");
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return feed;
    }

    /** {@code keygen --out ROOT/name}; returns the prefix (name.key, name.pub). */
    public Path keygen(String name) {
        Path prefix = root.resolve(name);
        run("keygen", "--out", prefix.toString());
        return prefix;
    }

    public static Path key(Path prefix) {
        return Path.of(prefix + ".key");
    }

    public static Path pub(Path prefix) {
        return Path.of(prefix + ".pub");
    }

    /** Publishes {@code files} as {@code version}; {@code extra} are further publish options (--key ... required). */
    public void publish(String version, Map<String, byte[]> files, String... extra) {
        Path from = root.resolve("src-" + version + "-" + System.nanoTime());
        try {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path p = from.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("publish", "--from", from.toString(), "--version", version,
                "--out", feed.toString()));
        args.addAll(List.of(extra));
        run(args.toArray(String[]::new));
    }

    /** One large file in three releases, each a small edit of the one before: what patches are made from. */
    public static final byte[] BIG1 = random(400_000, 1);
    public static final byte[] BIG2 = edit(BIG1, 2);
    public static final byte[] BIG3 = edit(BIG2, 3);

    /**
     * Publishes {@code version} of rmkit-burner signed with {@code keyPrefix}'s key: {@code lib/big.bin}
     * holding {@code big}, and a small {@code bin/run}; {@code extra} are further publish options.
     */
    public void publishBig(String version, byte[] big, Path keyPrefix, String... extra) {
        List<String> args = new ArrayList<>(List.of("--key", key(keyPrefix).toString(), "--product", "rmkit-burner"));
        args.addAll(List.of(extra));
        publish(version, Map.of("lib/big.bin", big, "bin/run", ("run " + version).getBytes()), args.toArray(String[]::new));
    }

    /** Runs an updater command that must succeed; returns its stdout. */
    public static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed (" + code + "): " + err + out);
        }
        return out.toString();
    }

    /** Random bytes; {@link #edit} changes a few of them and inserts some, like a patch release does. */
    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    public static byte[] edit(byte[] base, long seed) {
        byte[] insert = random(64, seed);
        byte[] out = new byte[base.length + insert.length];
        int at = base.length / 3;
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(base, at, out, at + insert.length, base.length - at);
        out[out.length - 10] ^= (byte) seed;
        return out;
    }
}
