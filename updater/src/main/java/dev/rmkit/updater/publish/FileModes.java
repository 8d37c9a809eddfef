package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one file mode a manifest carries: executable or not. Publish reads it from the release
 * directory, staging applies it before the swap, so a launcher script stays runnable after an
 * update. File systems without POSIX permissions (NTFS) have nothing to carry or apply.
 */
public final class FileModes {
    private FileModes() {}

    /** Whether the owner may execute {@code file}; false where there are no POSIX permissions. */
    public static boolean isExecutable(Path file) throws UpdateException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return false;
        }
        try {
            return view.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException e) {
            throw new UpdateException.Usage("cannot read the permissions of " + file + ": " + e.getMessage());
        }
    }

    /**
     * Gives {@code file} execute permission wherever it has read permission (or takes execute away),
     * keeping every other bit. Does nothing where there are no POSIX permissions.
     *
     * @return whether the mode changed (and so needs an fsync to be durable)
     */
    public static boolean apply(Path file, boolean executable) throws UpdateException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return false;
        }
        try {
            Set<PosixFilePermission> before = view.readAttributes().permissions();
            Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
            perms.addAll(before);
            toggle(perms, executable, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE);
            toggle(perms, executable, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE);
            toggle(perms, executable, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
            if (perms.equals(before)) {
                return false;
            }
            view.setPermissions(perms);
            return true;
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot set the permissions of " + file + ": " + e.getMessage(), e);
        }
    }

    private static void toggle(Set<PosixFilePermission> perms, boolean executable, PosixFilePermission read,
            PosixFilePermission execute) {
        if (executable && perms.contains(read)) {
            perms.add(execute);
        } else if (!executable) {
            perms.remove(execute);
        }
    }
}
