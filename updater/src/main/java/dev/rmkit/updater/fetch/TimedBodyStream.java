package dev.rmkit.updater.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as a blocking stream with a read timeout. {@code java.net.http} bounds the time to
 * the response headers but not the silence between body bytes, so a server that stalls mid-body
 * would hang the updater forever; this stream gives up after {@code readTimeoutNanos} without data.
 * It keeps at most {@link #PREFETCH} buffer lists requested ahead of the reader, so the client's
 * selector thread receives the next bytes while the reader hashes and writes the last ones (one list at
 * a time serialised the two and halved the throughput), and memory stays bounded (a few hundred KiB)
 * whatever the payload size.
 */
final class TimedBodyStream extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();
    /** Buffer lists in flight: requested, queued or being read. The client's lists hold 16 KiB buffers. */
    static final int PREFETCH = 16;

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Deque<ByteBuffer> current = new ArrayDeque<>();
    private final long readTimeoutNanos;
    private volatile Flow.Subscription subscription;
    private boolean ended;

    TimedBodyStream(long readTimeoutNanos) {
        this.readTimeoutNanos = readTimeoutNanos;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(PREFETCH);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current.isEmpty()) {
            if (ended) {
                return -1;
            }
            take();
        }
        ByteBuffer buf = current.peekFirst();
        int n = Math.min(len, buf.remaining());
        buf.get(b, off, n);
        if (!buf.hasRemaining()) {
            current.removeFirst();
            if (current.isEmpty() && !ended) {
                subscription.request(1);
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private void take() throws IOException {
        Object item;
        try {
            item = queue.poll(readTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while reading the response body");
        }
        if (item == null) {
            close();
            throw new SocketTimeoutException("no data for " + TimeUnit.NANOSECONDS.toMillis(readTimeoutNanos) + " ms");
        }
        if (item == END) {
            ended = true;
        } else if (item instanceof Throwable t) {
            ended = true;
            throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
        } else {
            for (ByteBuffer bb : (List<ByteBuffer>) item) {
                if (bb.hasRemaining()) {
                    current.addLast(bb);
                }
            }
            if (current.isEmpty()) {
                subscription.request(1);
            }
        }
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        ended = true;
        current.clear();
    }
}
