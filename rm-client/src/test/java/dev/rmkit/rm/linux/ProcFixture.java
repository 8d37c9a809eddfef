package dev.rmkit.rm.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A hand-made {@code /proc} tree: processes whose links point wherever a test needs. */
final class ProcFixture {

    final Path root;

    ProcFixture(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        Files.writeString(root.resolve("stat"), "cpu  1 2 3 4\nbtime 1700000000\nprocesses 5\n");
    }

    /** Adds a process with a stat line, credentials and an empty fd directory. */
    Path process(long pid, String comm, long flags, int uid) throws IOException {
        Path dir = Files.createDirectories(root.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (" + comm + ") S 0 0 0 0 -1 " + flags
                + " 0 0 0 0 0 0 0 0 20 0 1 0 " + (1000 + pid) + " 0 0 0\n");
        Files.writeString(dir.resolve("status"), "Name:\t" + comm + "\nUid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid
                + "\nGid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\nGroups:\t\nCapEff:\t0000000000000000\n");
        Files.writeString(dir.resolve("cgroup"), "0::/\n");
        Files.createDirectories(dir.resolve("fd"));
        Files.writeString(dir.resolve("maps"), "");
        return dir;
    }

    /** Makes {@code link} (relative to the process directory) a symlink to {@code target}. */
    void link(long pid, String link, Path target) throws IOException {
        Path l = root.resolve(Long.toString(pid)).resolve(link);
        Files.deleteIfExists(l);
        if (Files.isDirectory(l)) {
            Files.delete(l);
        }
        Files.createSymbolicLink(l, target);
    }
}
