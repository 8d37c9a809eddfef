package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.RmCancelledException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The waits of a shutdown or restart: conditions polled, cancellation and interrupts end them. */
class OperationTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @Test
    void aConditionThatComesTrueEndsTheWait() throws RmCancelledException {
        AtomicInteger checks = new AtomicInteger();

        assertTrue(new Operation("test").await(() -> checks.incrementAndGet() == 5, LONG));
    }

    @Test
    void aConditionNeverTrueEndsAtTheTimeoutFalse() throws RmCancelledException {
        assertFalse(new Operation("test").await(() -> false, Duration.ZERO));
    }

    @Test
    void anInterruptDuringTheFastPollsCancelsAndStaysSet() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(RmCancelledException.class, () -> new Operation("test").await(() -> false, LONG));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aCancelledOperationStopsWaiting() {
        Operation op = new Operation("test");
        AtomicInteger checks = new AtomicInteger();

        RmCancelledException e = assertThrows(RmCancelledException.class, () -> op.await(() -> {
            if (checks.incrementAndGet() == 3) {
                op.cancel();
            }
            return false;
        }, LONG));

        assertTrue(e.getMessage().contains("test"), e.getMessage());
    }
}
