package dev.rmkit.rm.linux.protocol;

import dev.rmkit.rm.RmException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The per-user runtime directory that holds the cooperating-app registry ({@code apps/}) and session
 * files ({@code sessions/}). Where it is: {@code RMKIT_RUNTIME_DIR} if set, else
 * {@code $XDG_RUNTIME_DIR/rmkit}, else {@code ${java.io.tmpdir}/rmkit-UID}. The same rule, applied to a
 * holder's environment, tells the updater where that holder registered.
 */
public final class RuntimeDir {

    /** Environment variable that overrides the location (tests and demos isolate themselves with it). */
    public static final String ENV = "RMKIT_RUNTIME_DIR";

    private RuntimeDir() {}

    /** The runtime directory for an environment, a temp directory and a uid. */
    public static Path locate(Map<String, String> env, Path tmpDir, int uid) {
        String own = env.get(ENV);
        if (own != null && !own.isBlank()) {
            return Path.of(own).toAbsolutePath().normalize();
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "rmkit");
        }
        return tmpDir.resolve("rmkit-" + uid).toAbsolutePath().normalize();
    }

    /** This process's runtime directory. */
    public static Path locateForCurrentProcess() {
        return locate(System.getenv(), Path.of(System.getProperty("java.io.tmpdir")), FileModes.currentUid());
    }

    /**
     * Creates the directory (mode 0700) with its {@code apps} and {@code sessions} subdirectories, or
     * checks an existing one.
     *
     * @throws RmException if it belongs to another user or is open to group or others
     */
    public static Path prepare(Path dir) throws RmException {
        int uid = FileModes.currentUid();
        try {
            for (Path d : new Path[] {dir, dir.resolve("apps"), dir.resolve("sessions")}) {
                if (!Files.exists(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createDirectories(d.getParent());
                        Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    } catch (java.nio.file.FileAlreadyExistsException raced) {
                        // Another process created it; it is checked below like any existing one.
                    }
                }
                Optional<String> problem = problem(d, uid);
                if (problem.isPresent()) {
                    throw new RmException("prepare runtime directory", 13, "refusing " + d + ": " + problem.get());
                }
            }
            return dir;
        } catch (IOException e) {
            throw new RmException("prepare runtime directory", "cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Why {@code dir} is not a safe private directory of {@code uid}, or empty. */
    public static Optional<String> problem(Path dir, int uid) throws IOException {
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir)) {
            return Optional.of("not a directory");
        }
        return FileModes.privateDirProblem(uid, FileModes.owner(dir));
    }
}
