package dev.rmkit.updater.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code strace} tool, for tests that watch or interrupt the updater at its system calls. */
public final class Strace {

    /** The calls whose order and effect on disk the durability and crash tests care about. */
    public static final String FILE_CALLS = "openat,open,creat,write,pwrite64,writev,pwritev,pwritev2,ftruncate,"
            + "fallocate,fsync,fdatasync,chmod,fchmod,fchmodat,mkdir,mkdirat,rename,renameat,renameat2,unlink,"
            + "unlinkat,rmdir";

    private Strace() {}

    /** Whether {@code strace} runs here and may trace a child (it needs ptrace). */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("strace", "-f", "-o", "/dev/null", "true").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The prefix that runs a command with every thread's {@code calls} logged to {@code log}, descriptors as paths. */
    public static List<String> logging(Path log, String calls) {
        return new ArrayList<>(List.of("strace", "-f", "-y", "-s", "0", "-qq", "--seccomp-bpf", "-o", log.toString(),
                "-e", "trace=" + calls));
    }

    /** The calls of a finished log. */
    public static List<SyscallTrace.Call> calls(Path log) throws IOException {
        return SyscallTrace.parse(Files.readAllLines(log));
    }
}
