package dev.rmkit.updater.fetch;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * Makes a download's bytes durable while it is still running. A staged payload must be on disk
 * before the swap may rely on it, and the kernel keeps a gigabyte of fresh writes dirty in memory
 * (dirty_background_ratio of a large RAM) until someone asks: one {@code fsync} at the end then
 * waits for the whole file at the disk's speed, after the network and the hash are done. Here a
 * background thread calls {@code fdatasync} every {@link #STEP} bytes, so the disk writes while the
 * next bytes arrive, and the final {@code fsync} has little left to do.
 *
 * <p>An error of the background sync is kept and thrown to the downloading thread: Linux reports a
 * writeback error to one {@code fsync} per open file, so the final one would not see it again.
 * Small files never start the thread.
 */
final class WriteBehind implements AutoCloseable {
    static final long STEP = 32L << 20;

    private final FileChannel ch;
    private final Object lock = new Object();
    private long sinceSignal;
    private Thread thread;
    private boolean wanted;
    private boolean closed;
    private IOException failure;

    WriteBehind(FileChannel ch) {
        this.ch = ch;
    }

    /** Counts {@code n} bytes just written; asks for a background sync every {@link #STEP} bytes. */
    void written(long n) throws IOException {
        rethrow();
        sinceSignal += n;
        if (sinceSignal < STEP) {
            return;
        }
        sinceSignal = 0;
        synchronized (lock) {
            if (thread == null) {
                thread = new Thread(this::loop, "rmkit-write-behind");
                thread.setDaemon(true);
                thread.start();
            }
            wanted = true;
            lock.notifyAll();
        }
    }

    /** Makes every written byte and the file's size durable; throws an error the background sync met. */
    void force() throws IOException {
        rethrow();
        ch.force(true);
        rethrow();
    }

    private void rethrow() throws IOException {
        synchronized (lock) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void loop() {
        while (true) {
            synchronized (lock) {
                while (!wanted && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                wanted = false;
            }
            try {
                ch.force(false);
            } catch (IOException e) {
                synchronized (lock) {
                    if (!closed && failure == null) {
                        failure = e;
                    }
                }
                return;
            }
        }
    }

    /** Stops the background thread (waits for a sync in progress) before the channel is closed. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
            t = thread;
        }
        if (t == null) {
            return;
        }
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
