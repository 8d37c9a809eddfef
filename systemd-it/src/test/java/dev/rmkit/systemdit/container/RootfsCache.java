package dev.rmkit.systemdit.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The container's root file system, built once per machine and cached outside the checkout:
 * {@code CACHE/bookworm-HASH.tar.zst}, where HASH is the SHA-256 of the recipe ({@code rootfs.sh}), so a
 * changed recipe builds a new one. CACHE is {@code $RMKIT_SYSTEMD_IT_CACHE}, else
 * {@code /var/cache/rmkit-systemd-it}. Next to it, {@code bookworm-HASH.d/} is the tarball unpacked once,
 * the read-only lower layer every container's overlay starts from.
 *
 * <p>Both are made under an exclusive lock on {@code CACHE/.lock} (two builds at once never both run
 * debootstrap: the second waits and then finds the result), into a temporary name renamed into place,
 * so a build killed half-way leaves no half cache; its leftovers are removed by the next build.
 */
public final class RootfsCache {

    static final String RECIPE = "rootfs.sh";
    private static final Duration BUILD_LIMIT = Duration.ofMinutes(20);
    private static final Object IN_JVM = new Object();

    private RootfsCache() {}

    static Path dir() {
        String own = System.getenv("RMKIT_SYSTEMD_IT_CACHE");
        return own != null && !own.isBlank() ? Path.of(own) : Path.of("/var/cache/rmkit-systemd-it");
    }

    static byte[] recipe() {
        try (InputStream in = RootfsCache.class.getResourceAsStream(RECIPE)) {
            if (in == null) {
                throw new IllegalStateException(RECIPE + " is missing from the test resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(recipe())).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path tarball() {
        return dir().resolve("bookworm-" + hash() + ".tar.zst");
    }

    static boolean exists() {
        return Files.isRegularFile(tarball());
    }

    /** The unpacked root file system (read-only use only), building and unpacking it first if needed. */
    public static Path lowerDir() {
        Path lower = dir().resolve("bookworm-" + hash() + ".d");
        if (Files.isDirectory(lower)) {
            return lower;
        }
        synchronized (IN_JVM) {
            try {
                Files.createDirectories(dir());
                try (FileChannel ch = FileChannel.open(dir().resolve(".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                    removeLeftovers();
                    if (!exists()) {
                        build();
                    }
                    if (!Files.isDirectory(lower)) {
                        unpack(lower);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the container's root file system in " + dir(), e);
            }
        }
        return lower;
    }

    private static void build() throws IOException {
        Path script = Files.write(Files.createTempFile(dir(), "recipe", ".sh"), recipe());
        long t0 = System.nanoTime();
        System.err.println("systemd-it: building the root file system " + tarball() + " (debootstrap; once per machine)");
        try {
            Tools.run(List.of("sh", script.toString(), tarball().toString()), BUILD_LIMIT).requireExit(0);
        } finally {
            Files.deleteIfExists(script);
        }
        System.err.printf("systemd-it: root file system built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static void unpack(Path lower) throws IOException {
        Path tmp = Files.createTempDirectory(dir(), "unpack.");
        Tools.run(List.of("tar", "--numeric-owner", "--xattrs", "--acls", "-I", "zstd", "-C", tmp.toString(), "-xf",
                tarball().toString()), Duration.ofMinutes(5)).requireExit(0);
        Files.move(tmp, lower);
    }

    /** What a killed build or unpack left (the lock is held, so none of them is running). */
    private static void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir(), p -> {
            String n = p.getFileName().toString();
            return n.startsWith("build.") || n.startsWith("unpack.") || n.startsWith("recipe");
        })) {
            for (Path p : ds) {
                Tools.run(List.of("rm", "-rf", "--one-file-system", p.toString()), Duration.ofMinutes(2));
            }
        }
    }
}
