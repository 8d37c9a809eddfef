package dev.rmkit.rm.windows;

import dev.rmkit.rm.RmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A window with a real dedicated thread standing in for the message loop: {@link #send} delivers a
 * message on that thread the way the system would, and the block-reason calls fail (like
 * ERROR_ACCESS_DENIED) when made from any other thread.
 */
final class FakeWindowApi implements WindowApi {

    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-window");
        t.setDaemon(true);
        return t;
    });
    private volatile Thread windowThread;
    private Handler handler;
    volatile Optional<String> blockReason = Optional.empty();
    /**
     * Runs on the calling thread before a task is handed to the window thread, like the time a real
     * PostMessage takes to wake the loop; tests widen race windows with it.
     */
    volatile Runnable beforePost = () -> {};
    boolean closed;

    @Override
    public void open(String title, Handler h) throws RmException {
        this.handler = h;
        call(() -> windowThread = Thread.currentThread());
        events.add("open " + title);
    }

    @Override
    public <T> T call(Callable<T> task) throws RmException {
        if (Thread.currentThread() != windowThread) {
            beforePost.run();
        }
        Future<T> f = thread.submit(task);
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new RmException("window", "task failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RmException("window", "interrupted", e);
        }
    }

    @Override
    public boolean blockReasonCreate(String reason) {
        if (Thread.currentThread() != windowThread) {
            events.add("blockReasonCreate from a foreign thread");
            return false;
        }
        blockReason = Optional.of(reason);
        events.add("blockReasonCreate " + reason);
        return true;
    }

    @Override
    public boolean blockReasonDestroy() {
        if (Thread.currentThread() != windowThread) {
            events.add("blockReasonDestroy from a foreign thread");
            return false;
        }
        blockReason = Optional.empty();
        events.add("blockReasonDestroy");
        return true;
    }

    /** Delivers a message as the system would; returns the window procedure's result (-1: DefWindowProc). */
    long send(int msg, long wParam, long lParam) throws RmException {
        return call(() -> {
            Optional<EndSessionDecider.Decision> d = handler.handle(msg, wParam, lParam);
            if (d.isEmpty()) {
                return -1L;
            }
            d.get().setBlockReason().ifPresent(this::blockReasonCreate);
            if (d.get().clearBlockReason()) {
                blockReasonDestroy();
            }
            return d.get().result();
        });
    }

    @Override
    public void close() {
        closed = true;
        events.add("close");
        thread.shutdown();
    }
}
