package dev.rmkit.rm.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a Java main class of the test class path as another, unprivileged user ({@code nobody},
 * 65534) through {@code setpriv}, for tests that need a real permission boundary while the suite runs
 * as root. The build's class path (target directories and {@code ~root/.m2}) is private to root, so it
 * is copied once into a world-readable directory first.
 */
public final class Unprivileged {

    public static final int NOBODY = 65534;
    static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private Unprivileged() {}

    /** True if this test runs as root and can switch to another user. */
    public static boolean available() {
        try {
            return Files.isExecutable(SETPRIV) && ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Copies the test class path into {@code dir} (made world-readable) and returns the copy as a class path. */
    public static String readableClassPath(Path dir) {
        try {
            Files.createDirectories(dir);
            opened(dir);
            List<String> out = new ArrayList<>();
            int i = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path from = Path.of(entry);
                if (!Files.exists(from)) {
                    continue;
                }
                Path to = dir.resolve(i++ + "-" + from.getFileName());
                copy(from, to);
                out.add(to.toString());
            }
            return String.join(File.pathSeparator, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The argv that runs {@code main} with {@code args} as {@code uid} on {@code classPath}. */
    public static List<String> command(int uid, String classPath, Class<?> main, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(SETPRIV.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", classPath, main.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /** Gives {@code dir} to {@code uid} (so that user can create files in it). */
    public static Path ownedBy(Path dir, int uid) throws IOException {
        Files.createDirectories(dir);
        Files.setAttribute(dir, "unix:uid", uid);
        Files.setAttribute(dir, "unix:gid", uid);
        return dir;
    }

    /** Lets every user traverse {@code dir} and its parents up to {@code top} (a JUnit temp dir is 0700). */
    public static void traversable(Path dir, Path top) throws IOException {
        for (Path p = dir; p != null && p.startsWith(top); p = p.getParent()) {
            opened(p);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> s = Files.walk(from)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path t = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                        opened(t);
                    } else {
                        Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
        } else {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static void opened(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
