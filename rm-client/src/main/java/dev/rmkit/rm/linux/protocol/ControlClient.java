package dev.rmkit.rm.linux.protocol;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * The installer's side of the control socket: one request per connection, one answer line back,
 * everything within a deadline.
 */
public final class ControlClient {

    private ControlClient() {}

    /**
     * Sends one request and returns the answer.
     *
     * @throws IOException if the app cannot be reached, answers badly, answers {@code error}, or takes
     *     longer than {@code timeout}
     */
    public static ControlMessage request(Path socket, ControlMessage request, Duration timeout) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ScheduledFuture<?> watchdog = LineChannel.closeAfter(ch, timeout);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                LineChannel.write(ch, request.encode());
                ControlMessage answer = ControlMessage.decode(LineChannel.readLine(ch));
                if (answer.type().equals("error")) {
                    throw new IOException("the app answered error: " + answer.message());
                }
                return answer;
            } catch (ClosedChannelException e) {
                throw new IOException("no answer to '" + request.type() + "' within " + timeout.toMillis() + " ms", e);
            } finally {
                watchdog.cancel(false);
            }
        }
    }
}
