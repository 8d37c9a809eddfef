package dev.rmkit.rm.linux;

import dev.rmkit.rm.RmCancelledException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * One running shutdown or restart: its cancellation flag and the cancellable waits it makes. Waits poll
 * a condition against a deadline (processes exiting are observed through {@code /proc}, not notified).
 */
public final class Operation {

    /** ERROR_CANCELLED, the code RmShutdown and RmRestart return when RmCancelCurrentTask stopped them. */
    static final int ERROR_CANCELLED = 1223;
    private static final long POLL_MILLIS = 10;

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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            checkpoint();
            if (System.nanoTime() - deadline >= 0) {
                return condition.getAsBoolean();
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
