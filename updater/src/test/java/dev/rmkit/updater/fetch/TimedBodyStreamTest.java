package dev.rmkit.updater.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class TimedBodyStreamTest {

    /** Counts what the stream asked for, as the HTTP client's subscription would. */
    private static final class Demand implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Test
    void keepsABoundedNumberOfBufferListsRequestedAhead() throws IOException {
        TimedBodyStream in = new TimedBodyStream(5_000_000_000L);
        Demand d = new Demand();
        in.onSubscribe(d);
        assertEquals(TimedBodyStream.PREFETCH, d.requested);
        for (int i = 0; i < TimedBodyStream.PREFETCH; i++) {
            in.onNext(List.of(ByteBuffer.wrap(new byte[] {(byte) i, (byte) i})));
        }
        byte[] two = new byte[2];
        assertEquals(2, in.read(two, 0, 2));
        // One list consumed gives back exactly one list of demand: never more than PREFETCH in flight.
        assertEquals(TimedBodyStream.PREFETCH + 1, d.requested);
        assertEquals(1, in.read(two, 0, 1));
        assertEquals(TimedBodyStream.PREFETCH + 1, d.requested, "a half-read list is still in flight");
    }

    @Test
    void deliversEveryByteInOrderThenEnd() throws IOException {
        TimedBodyStream in = new TimedBodyStream(5_000_000_000L);
        in.onSubscribe(new Demand());
        in.onNext(List.of(ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3})));
        in.onNext(List.of(ByteBuffer.allocate(0)));
        in.onNext(List.of(ByteBuffer.wrap(new byte[] {4})));
        in.onComplete();
        assertEquals(1, in.read());
        assertEquals(2, in.read());
        assertEquals(3, in.read());
        assertEquals(4, in.read());
        assertEquals(-1, in.read());
    }

    @Test
    void silenceLongerThanTheReadTimeoutFailsAndCancels() {
        TimedBodyStream in = new TimedBodyStream(20_000_000L);
        Demand d = new Demand();
        in.onSubscribe(d);
        assertThrows(SocketTimeoutException.class, in::read);
        assertEquals(true, d.cancelled);
    }
}
