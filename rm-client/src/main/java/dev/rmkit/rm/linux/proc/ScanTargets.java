package dev.rmkit.rm.linux.proc;

import dev.rmkit.rm.linux.protocol.FileModes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registered files prepared for matching: their {@code stat()} file keys (for fd, exe, cwd and root
 * links), their device/inode keys (for maps lines), and their path names (to recognise a link or map
 * that the kernel marks {@code " (deleted)"}: an old version of the file that was replaced or removed).
 * A registered path that does not exist can only be held in that deleted form.
 */
final class ScanTargets {

    final Set<Object> statKeys = new HashSet<>();
    final Set<FileKey> deviceKeys = new HashSet<>();
    /** The inodes of {@link #deviceKeys}, sorted, for a cheap first look at each maps line (no boxing). */
    private long[] inodes = new long[0];
    final Set<String> names = new HashSet<>();
    /** Owner and mode of each existing target, to judge whether an uninspectable process could open it. */
    final List<FileModes.Owner> owners = new ArrayList<>();
    /**
     * Whether a registered path is a directory, or another kind of file (or, missing, could have been
     * either): only a held directory, or file, can then be the deleted old version of one.
     */
    boolean directories;
    boolean files;

    private ScanTargets() {}

    static ScanTargets of(Collection<Path> files) {
        ScanTargets t = new ScanTargets();
        for (Path f : files) {
            Path abs = f.toAbsolutePath().normalize();
            t.names.add(abs.toString());
            try {
                t.names.add(abs.toRealPath().toString());
                PosixFileAttributes a = Files.readAttributes(abs, PosixFileAttributes.class);
                t.statKeys.add(a.fileKey());
                t.directories |= a.isDirectory();
                t.files |= !a.isDirectory();
                Map<String, Object> u = Files.readAttributes(abs, "unix:dev,ino,uid,gid,mode");
                t.deviceKeys.add(FileKey.fromStatDev((Long) u.get("dev"), (Long) u.get("ino")));
                t.inodes = Arrays.copyOf(t.inodes, t.inodes.length + 1);
                t.inodes[t.inodes.length - 1] = (Long) u.get("ino");
                t.owners.add(new FileModes.Owner((Integer) u.get("uid"), (Integer) u.get("gid"), (Integer) u.get("mode")));
            } catch (IOException e) {
                // Missing (or unreachable) now: only a deleted old version, of either kind, can still be held.
                t.directories = true;
                t.files = true;
            }
        }
        Arrays.sort(t.inodes);
        return t;
    }

    /** True if a registered file has this inode number (on some device: {@link #deviceKeys} decides). */
    boolean hasInode(long inode) {
        return inode > 0 && Arrays.binarySearch(inodes, inode) >= 0;
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** True if a held file of this kind can be the deleted old version of a registered path. */
    boolean mayBeDeletedVersion(boolean directory) {
        return directory ? directories : files;
    }

    /** True if a registered path is a directory, or is missing (its old version may have been one). */
    boolean mayBeDirectory() {
        return directories;
    }

    /** True if a deleted-marked name ("/x/lib.so (deleted)" without the suffix) is a registered path. */
    boolean namesDeleted(String nameWithoutSuffix) {
        return names.contains(nameWithoutSuffix);
    }

}
