package dev.rmkit.rm.linux;

import dev.rmkit.rm.RmCancelledException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One running shutdown or restart: its cancellation flag and the cancellable waits it makes. Waits poll
 * a condition against a deadline (processes exiting are observed through {@code /proc}, not notified):
 * every {@value #FAST_POLL_NANOS} ns for the first {@value #FAST_POLL_MILLIS} ms, when an app that was
 * asked to close usually exits and every moment of noticing it late is downtime (one check reads one
 * small {@code /proc} file: a few percent of a core), then every {@value #POLL_MILLIS} ms.
 */
public final class Operation {

    /** ERROR_CANCELLED, the code RmShutdown and RmRestart return when RmCancelCurrentTask stopped them. */
    static final int ERROR_CANCELLED = 1223;
    static final long POLL_MILLIS = 10;
    static final long FAST_POLL_MILLIS = 100;
    static final long FAST_POLL_NANOS = 200_000;

    private final String name;
    private volatile boolean cancelled;

    public Operation(String name) {
        this.name = name;
    }

    void cancel() {
        cancelled = true;
    }

    /** Throws if the operation was cancelled. */
    void checkpoint() throws RmCancelledException {
        if (cancelled) {
            throw new RmCancelledException(name, ERROR_CANCELLED);
        }
    }

    /** Waits until {@code condition} holds or {@code timeout} passes; returns whether it holds. */
    boolean await(BooleanSupplier condition, Duration timeout) throws RmCancelledException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long fastUntil = start + FAST_POLL_MILLIS * 1_000_000;
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            checkpoint();
            if (System.nanoTime() - deadline >= 0) {
                return condition.getAsBoolean();
            }
            if (System.nanoTime() - fastUntil < 0) {
                // Thread.sleep cannot wait less than a millisecond; an interrupt ends the park early.
                LockSupport.parkNanos(FAST_POLL_NANOS);
                if (Thread.currentThread().isInterrupted()) {
                    throw new RmCancelledException(name, ERROR_CANCELLED);
                }
                continue;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RmCancelledException(name, ERROR_CANCELLED);
            }
        }
    }
}
