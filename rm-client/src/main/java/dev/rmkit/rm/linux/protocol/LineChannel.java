package dev.rmkit.rm.linux.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Line I/O on a blocking Unix-domain channel with a deadline. Unix-domain {@link SocketChannel}s have
 * no read timeout, so a watchdog closes the channel when time runs out, which wakes a blocked read.
 */
final class LineChannel {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rmkit-control-watchdog");
        t.setDaemon(true);
        return t;
    });

    private LineChannel() {}

    /** Closes {@code ch} after {@code timeout} unless the returned handle is cancelled first. */
    static ScheduledFuture<?> closeAfter(SocketChannel ch, Duration timeout) {
        return WATCHDOG.schedule(() -> {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Closing is all the watchdog does; a failure leaves nothing to clean.
            }
        }, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Reads up to a newline; fails on end of stream or a line over {@link ControlMessage#MAX_LINE}. */
    static String readLine(SocketChannel ch) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            if (ch.read(one) < 0) {
                throw new IOException("connection closed before a complete line");
            }
            byte b = one.get(0);
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            if (line.size() >= ControlMessage.MAX_LINE) {
                throw new IOException("line longer than " + ControlMessage.MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    static void write(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
