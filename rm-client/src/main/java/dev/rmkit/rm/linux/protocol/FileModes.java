package dev.rmkit.rm.linux.protocol;

import dev.rmkit.rm.linux.proc.ProcStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Ownership and permission rules for rmkit's private files. The runtime directory holds control
 * sockets and restart commands: anyone who could write there could make an updater start their
 * command, so it must belong to the user and be closed to group and others (0700), like
 * {@code XDG_RUNTIME_DIR} itself.
 */
public final class FileModes {

    private FileModes() {}

    /** The owner uid and permission bits of a file, without following a final symlink. */
    public record Owner(int uid, int gid, int mode) {}

    /** Why a directory with this owner and mode is unsafe for {@code uid}, or empty if it is safe. */
    public static Optional<String> privateDirProblem(int uid, Owner dir) {
        if (dir.uid() != uid) {
            return Optional.of("owned by uid " + dir.uid() + ", not by uid " + uid);
        }
        if ((dir.mode() & 0077) != 0) {
            return Optional.of(String.format("mode %04o lets group or others in (must be 0700)", dir.mode() & 07777));
        }
        return Optional.empty();
    }

    /** Reads a path's owner and mode (lstat). */
    public static Owner owner(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
        return new Owner((Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode"));
    }

    /** Reads a path's owner and mode, following links (stat). */
    public static Owner ownerFollowing(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:uid,gid,mode");
        return new Owner((Integer) a.get("uid"), (Integer) a.get("gid"), (Integer) a.get("mode"));
    }

    /** The effective uid of this process, from {@code /proc/self/status}. */
    public static int currentUid() {
        try {
            return ProcStatus.parse(Files.readString(Path.of("/proc/self/status"))).uid();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status", e);
        }
    }
}
