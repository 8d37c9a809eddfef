package dev.rmkit.rm.linux.proc;

import java.util.Objects;

/**
 * The fields of {@code /proc/PID/stat} that rmkit uses. The command name (field 2) is the text between
 * the first {@code (} and the <em>last</em> {@code )}: it may itself contain spaces and parentheses, so
 * the numeric fields are counted only after the last {@code )}.
 *
 * @param pid field 1
 * @param comm field 2, the command name (at most 15 bytes, set by the kernel or prctl)
 * @param state field 3, one letter ({@code R}, {@code S}, {@code Z}...)
 * @param ppid field 4, the parent's pid
 * @param ttyNr field 7, the controlling terminal's device number, 0 when there is none
 * @param flags field 9, the kernel's PF_* flags
 * @param numThreads field 20, the threads of the process (a zombie leader counts itself until the last
 *     other thread is gone)
 * @param startTicks field 22, the start time in clock ticks since boot
 */
public record ProcStat(long pid, String comm, char state, long ppid, int ttyNr, long flags, long numThreads, long startTicks) {

    /** PF_KTHREAD from the kernel's include/linux/sched.h: the task is a kernel thread. */
    public static final long PF_KTHREAD = 0x00200000L;

    public ProcStat {
        Objects.requireNonNull(comm, "comm");
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
    }

    /** True for a kernel thread (PF_KTHREAD): it has no user memory, no executable, no files of its own. */
    public boolean kernelThread() {
        return (flags & PF_KTHREAD) != 0;
    }

    /** True when the process has a controlling terminal (what makes it a console application). */
    public boolean hasTty() {
        return ttyNr != 0;
    }

    /**
     * True for a zombie or dead task, which holds no files any more. Of a process's stat line this says only
     * that its leader thread exited: whether the process still runs, {@link ProcFs#running} says.
     */
    public boolean dead() {
        return state == 'Z' || state == 'X' || state == 'x';
    }

    /**
     * Parses the content of {@code /proc/PID/stat}.
     *
     * @throws IllegalArgumentException if the text is not a stat line
     */
    public static ProcStat parse(String line) {
        String[] rest = fieldsAfterComm(line, 20);
        try {
            int open = line.indexOf('(');
            long pid = Long.parseLong(line.substring(0, open).trim());
            String comm = line.substring(open + 1, line.lastIndexOf(')'));
            char state = rest[0].isEmpty() ? '?' : rest[0].charAt(0);
            long ppid = Long.parseLong(rest[1]);
            int tty = Integer.parseInt(rest[4]);
            long flags = Long.parseUnsignedLong(rest[6]);
            long threads = Long.parseLong(rest[17]);
            long start = Long.parseLong(rest[19]);
            return new ProcStat(pid, comm, state, ppid, tty, flags, threads, start);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in /proc/PID/stat: " + abbreviate(line), e);
        }
    }

    /**
     * The first {@code count} fields after the command name of a {@code /proc/PID/stat} or
     * {@code /proc/PID/task/TID/stat} line: element 0 is field 3, field N is element N - 3.
     *
     * @throws IllegalArgumentException if the text is not a stat line or has fewer fields
     */
    public static String[] fieldsAfterComm(String line, int count) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open <= 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + abbreviate(line));
        }
        String[] rest = fields(line, close + 1, count);
        if (rest.length < count) {
            throw new IllegalArgumentException("too few fields in /proc/PID/stat: " + abbreviate(line));
        }
        return rest;
    }

    /**
     * The first {@code max} space-separated fields of {@code line} from {@code from} on (as
     * {@code trim().split(" +")} would give them, without a regular expression: a holder scan parses one
     * line per process), or fewer if the line has fewer.
     */
    private static String[] fields(String line, int from, int max) {
        String[] f = new String[max];
        int n = 0;
        int i = from;
        int end = line.length();
        while (end > i && line.charAt(end - 1) <= ' ') {
            end--; // trim(): the trailing newline
        }
        while (i < end && line.charAt(i) <= ' ') {
            i++;
        }
        while (i < end && n < max) {
            int j = line.indexOf(' ', i);
            j = j < 0 || j > end ? end : j;
            f[n++] = line.substring(i, j);
            i = j;
            while (i < end && line.charAt(i) == ' ') {
                i++;
            }
        }
        return n == max ? f : java.util.Arrays.copyOf(f, n);
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }
}
