package dev.rmkit.rm.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.BusyHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Item 10 of issue 13: many threads entering and leaving busy periods at once. While any period is
 * open, its block reason, early shutdown level and power request must be in place, and at the end
 * every power request made must have been closed exactly once.
 */
class BusyConcurrencyTest {

    private static final int THREADS = 4;
    private static final int ROUNDS = 500;

    @Test
    void enteringAndLeavingFromManyThreadsKeepsEveryPeriodCoveredAndLeaksNothing() throws Exception {
        FakeWindowApi window = new FakeWindowApi();
        FakeProcessApi process = new FakeProcessApi();
        FakePowerApi power = new FakePowerApi();
        // A posted task reaches the window thread a little later, as on Windows: the gap between a
        // thread's bookkeeping and its work on the window thread is where other threads get in.
        window.beforePost = () -> LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(20_000, 200_000));
        WindowsCooperatingApp app = WindowsCooperatingApp.start("burner", new RecordingListener(), window, process, power);
        List<String> uncovered = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < ROUNDS; i++) {
                        try (BusyHandle h = app.busy("thread " + thread + " round " + i)) {
                            // Asked on the window thread, where every busy change happens.
                            boolean covered = window.call(() -> window.blockReason.isPresent()
                                    && !power.openRequests.isEmpty() && process.processShutdownParameters()[0] == 0x3FF);
                            if (!covered || !h.effective()) {
                                uncovered.add("thread " + thread + " round " + i + ": reason " + window.blockReason
                                        + ", requests " + power.openRequests + ", effective " + h.effective());
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            app.close();
        }
        assertEquals(List.of(), uncovered.subList(0, Math.min(5, uncovered.size())),
                uncovered.size() + " busy periods were open without their block reason or power request");
        assertEquals(Optional.empty(), window.blockReason);
        assertEquals(Set.of(), Set.copyOf(power.openRequests), "power requests left open (leaked)");
        long created = power.calls.stream().filter(c -> c.startsWith("PowerCreateRequest")).count();
        long closed = power.calls.stream().filter("CloseHandle"::equals).count();
        assertEquals(created, closed, "every power request is closed exactly once");
        assertEquals(0x280, process.processShutdownParameters()[0], "the shutdown level is restored");
        assertFalse(window.events.stream().anyMatch(e -> e.contains("foreign thread")));
        assertTrue(created >= 1);
    }
}
