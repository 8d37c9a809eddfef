package dev.rmkit.rm.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SharedPidsTest {

    private static List<Long> pids(int n) {
        return new ArrayList<>(LongStream.rangeClosed(1, n).boxed().toList());
    }

    @Test
    void givesEveryPidsResultInThePidsOrderWithNullsKept() {
        List<String> out = SharedPids.map(pids(5000), pid -> pid % 3 == 0 ? null : "p" + pid);
        assertEquals(5000, out.size());
        for (int i = 0; i < 5000; i++) {
            long pid = i + 1;
            if (pid % 3 == 0) {
                assertNull(out.get(i));
            } else {
                assertEquals("p" + pid, out.get(i));
            }
        }
    }

    @Test
    void handlesNoPidAndOnePid() {
        assertEquals(List.of(), SharedPids.map(List.of(), pid -> "x"));
        assertEquals(List.of("7"), SharedPids.map(List.of(7L), Long::toString));
    }

    @Test
    void rethrowsWhatTheFunctionThrewOnAnyThread() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedPids.map(pids(2000), pid -> {
            if (pid == 1500) {
                throw new IllegalStateException("pid 1500");
            }
            return pid;
        }));
        assertTrue(e.getMessage().contains("pid 1500"), e.getMessage());
    }

    @Test
    void usesASecondThreadWhenThereIsASecondCore() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2 && ForkJoinPool.getCommonPoolParallelism() >= 1,
                "one core: the caller scans alone");
        // The first pid taken waits until another thread has taken one: with a single thread this would time out.
        CountDownLatch two = new CountDownLatch(2);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        SharedPids.map(pids(2), pid -> {
            threads.add(Thread.currentThread());
            two.countDown();
            try {
                assertTrue(two.await(60, TimeUnit.SECONDS), "a second thread took the other pid");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return pid;
        });
        assertEquals(2, threads.size());
    }
}
