package dev.rmkit.rm.linux.proc;

import dev.rmkit.rm.linux.protocol.FileModes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
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
    /** The inodes of {@link #deviceKeys}, for a cheap first look at each maps line. */
    final Set<Long> inodes = new HashSet<>();
    final Set<String> names = new HashSet<>();
    /** Owner and mode of each existing target, to judge whether an uninspectable process could open it. */
    final List<FileModes.Owner> owners = new ArrayList<>();

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
                Map<String, Object> u = Files.readAttributes(abs, "unix:dev,ino,uid,gid,mode");
                t.deviceKeys.add(FileKey.fromStatDev((Long) u.get("dev"), (Long) u.get("ino")));
                t.inodes.add((Long) u.get("ino"));
                t.owners.add(new FileModes.Owner((Integer) u.get("uid"), (Integer) u.get("gid"), (Integer) u.get("mode")));
            } catch (IOException e) {
                // Missing (or unreachable) now: only a deleted old version can still be held.
            }
        }
        return t;
    }

    boolean isEmpty() {
        return names.isEmpty();
    }

    /** True if a deleted-marked name ("/x/lib.so (deleted)" without the suffix) is a registered path. */
    boolean namesDeleted(String nameWithoutSuffix) {
        return names.contains(nameWithoutSuffix);
    }

}
