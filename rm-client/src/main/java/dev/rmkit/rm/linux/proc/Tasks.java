package dev.rmkit.rm.linux.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The other threads of a process whose leader thread has exited. {@code /proc/PID/stat} describes the
 * thread-group leader only: a leader that ended with {@code pthread_exit} shows {@code Z}, and its
 * {@code fd/}, {@code maps} and links are empty or unreadable (it released them), while the process's
 * other threads still run and hold its files (they share the descriptor table and the memory). Such a
 * process is gone only once none of its other threads still runs; fuser and lsof look at the zombie
 * leader and miss it.
 *
 * <p>A thread on its way out does not count as running. When a process exits ({@code exit_group}, a fatal
 * signal, a JVM's {@code System.exit}) its leader can turn {@code Z} milliseconds before the other threads
 * finish their teardown; those are doomed, and waiting for them would only add to an app's downtime. The
 * kernel facts that mark them: {@code zap_other_threads} adds SIGKILL to each other thread's own pending
 * set, which is field 31 ({@code signal}) of {@code task/TID/stat}, and {@code do_exit} sets
 * {@code PF_EXITING} in field 9 ({@code flags}) first thing. So a thread runs unless it is {@code Z} or
 * {@code X}, or has {@code PF_EXITING}, or has SIGKILL pending. And when the leader itself was killed by a
 * fatal signal ({@link #PF_SIGNALED}), the threads are not read at all: every one of them is doomed.
 *
 * <p>The thread list is another process's and changes under the reader: a task that vanishes, or a line
 * that does not parse, is skipped.
 */
final class Tasks {

    /** PF_EXITING from the kernel's include/linux/sched.h: set at the start of do_exit. */
    static final long PF_EXITING = 0x4L;

    /**
     * PF_SIGNALED from include/linux/sched.h: set by {@code get_signal} on a thread that a fatal signal
     * kills, just before {@code do_group_exit}. A fatal signal kills the whole thread group, so a leader
     * with this flag (dying or a zombie) means the process is being killed: none of its threads runs user
     * code again. A JVM's {@code System.exit} from any thread but the leader ends this way (the leader gets
     * {@code zap_other_threads}' SIGKILL), and so does a process a default-action SIGTERM ends.
     */
    static final long PF_SIGNALED = 0x400L;

    /** SIGKILL (signal 9) in a signal mask: bit 8. */
    static final long SIGKILL = 1L << (9 - 1);

    /** Field 31 ({@code signal}) is element 28 of the fields after the command name. */
    private static final int FIELDS = 29;

    private Tasks() {}

    /**
     * True if a fatal signal is killing the process whose leader {@code stat} describes: decided from the
     * leader's line alone, so the exit of a process with many threads is seen in one read, without a
     * {@code stat} read of each thread in its teardown (each takes a reference to the process's memory for
     * the read: a reader that drops the last one can end up unmapping the whole process itself).
     */
    static boolean killed(ProcStat stat) {
        return (stat.flags() & PF_SIGNALED) != 0;
    }

    /**
     * The directory ({@code task/TID}) of a thread of the process in {@code dir}, other than its leader
     * {@code pid}, that still runs; empty if there is none (or the process is gone).
     */
    static Optional<Path> running(Path dir, long pid) {
        String leader = Long.toString(pid);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.resolve("task"))) {
            for (Path task : ds) {
                String tid = task.getFileName().toString();
                if (!tid.equals(leader) && isNumber(tid) && runs(task)) {
                    return Optional.of(task);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Gone, or not ours to list: nothing seen running.
        }
        return Optional.empty();
    }

    private static boolean runs(Path task) {
        try {
            ProcRead r = ProcRead.ofSingleRecord(task.resolve("stat"));
            return runs(new String(r.bytes, 0, r.length, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return false; // the thread ended between listing and reading, or the line is not a stat line
        }
    }

    /**
     * True if a {@code task/TID/stat} line describes a thread that runs and is not on its way out.
     *
     * @throws IllegalArgumentException if the text is not a stat line
     */
    static boolean runs(String statLine) {
        String[] f = ProcStat.fieldsAfterComm(statLine, FIELDS);
        try {
            char state = f[0].isEmpty() ? '?' : f[0].charAt(0);
            long flags = Long.parseUnsignedLong(f[6]);
            long pending = Long.parseUnsignedLong(f[28]);
            boolean dead = state == 'Z' || state == 'X' || state == 'x';
            return !dead && (flags & PF_EXITING) == 0 && (pending & SIGKILL) == 0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in a task's stat line", e);
        }
    }

    private static boolean isNumber(String s) {
        // A loop, not a stream: this runs while a closed app is down (no lambda to bootstrap then).
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }
}
