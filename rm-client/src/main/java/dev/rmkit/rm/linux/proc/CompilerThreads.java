package dev.rmkit.rm.linux.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * This JVM's JIT compiler threads, read from {@code /proc/self/task}: HotSpot names them
 * {@code C1 CompilerThreadN} and {@code C2 CompilerThreadN}, which {@code comm} cuts at 15 characters. A
 * JVM without them (interpreted only, or not HotSpot) has none, and then nothing here waits.
 *
 * <p>One look ({@link #look}) says whether any of them is working: one is when it is running or waiting
 * for a core (state {@code R} in {@code task/TID/stat}), or when its CPU time (the first field of
 * {@code task/TID/schedstat}, in nanoseconds) changed since the look before. A compiler thread waiting for
 * work sleeps on the compile queue. A thread that has gone since the threads were listed (HotSpot starts
 * and stops compiler threads as the queue grows and shrinks) counts as idle.
 */
public final class CompilerThreads {

    private static final String C1 = "C1 CompilerThre";
    private static final String C2 = "C2 CompilerThre";

    private final List<Path> tasks;
    private long[] cpuTimes;

    private CompilerThreads(List<Path> tasks) {
        this.tasks = tasks;
        this.cpuTimes = new long[tasks.size()];
    }

    /** The compiler threads of this JVM, found under {@code procRoot}'s {@code self/task}; none if unreadable. */
    public static CompilerThreads ofThisJvm(Path procRoot) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> list = Files.list(procRoot.resolve("self").resolve("task"))) {
            for (Path t : (Iterable<Path>) list::iterator) {
                String comm = read(t.resolve("comm")).strip();
                if (comm.equals(C1) || comm.equals(C2)) {
                    found.add(t);
                }
            }
        } catch (IOException | RuntimeException e) {
            found.clear();
        }
        return new CompilerThreads(List.copyOf(found));
    }

    /** How many there are. */
    public int count() {
        return tasks.size();
    }

    /** True if none of them works now or has used a core since the last look (the first look compares with 0). */
    public boolean look() {
        boolean idle = true;
        long[] now = new long[tasks.size()];
        for (int i = 0; i < tasks.size(); i++) {
            try {
                if (ProcStat.parse(read(tasks.get(i).resolve("stat"))).state() == 'R') {
                    idle = false;
                }
                String schedstat = read(tasks.get(i).resolve("schedstat"));
                int space = schedstat.indexOf(' ');
                now[i] = Long.parseLong(space < 0 ? schedstat.strip() : schedstat.substring(0, space));
            } catch (IOException | RuntimeException gone) {
                now[i] = cpuTimes[i]; // exited: it compiles nothing
            }
            if (now[i] != cpuTimes[i]) {
                idle = false;
            }
        }
        cpuTimes = now;
        return idle;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.US_ASCII);
    }
}
