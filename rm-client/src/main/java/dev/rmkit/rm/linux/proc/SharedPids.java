package dev.rmkit.rm.linux.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;

/**
 * Runs a function over pids on the calling thread and on the common pool's workers (one per further core),
 * each thread taking the next pid as soon as it is done with its last. Processes differ widely in cost (a
 * JVM maps thousands of ranges, a shell a few dozen, and the costly ones tend to sit next to each other in
 * pid order), so handing out pids one by one keeps every thread busy to the end where a split into fixed
 * halves or quarters leaves one waiting for the other; and when another program takes a core, the thread
 * left running simply takes more pids.
 */
final class SharedPids {

    private SharedPids() {}

    /** {@code f} of every pid, in the pids' order; null where {@code f} gave null. */
    static <T> List<T> map(List<Long> pids, LongFunction<T> f) {
        int n = pids.size();
        Object[] out = new Object[n];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            try {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    out[i] = f.apply(pids.get(i));
                }
            } catch (RuntimeException | Error e) {
                next.set(n); // the other threads stop after their current pid
                throw e;
            }
        };
        List<ForkJoinTask<?>> helpers = new ArrayList<>();
        int others = Math.min(ForkJoinPool.getCommonPoolParallelism(), Runtime.getRuntime().availableProcessors() - 1);
        for (int h = 0; h < others && n > 1; h++) {
            helpers.add(ForkJoinPool.commonPool().submit(work));
        }
        try {
            work.run();
        } finally {
            // A helper that had not started yet finds no pid left; none is left running after this method.
            helpers.forEach(ForkJoinTask::quietlyJoin);
        }
        helpers.forEach(ForkJoinTask::join); // rethrows what a helper threw

        List<T> list = new ArrayList<>(n);
        for (Object o : out) {
            @SuppressWarnings("unchecked")
            T t = (T) o;
            list.add(t);
        }
        return list;
    }
}
