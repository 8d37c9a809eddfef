package dev.rmkit.rm.linux.protocol;

import dev.rmkit.rm.EndNotice;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.QueryAnswer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ScheduledFuture;

/**
 * The application's side of the control socket: accepts one connection at a time on a daemon thread,
 * reads one request, calls the {@link EndSessionListener} and writes one answer. The listener is
 * therefore called one request at a time, and the {@code end} answer is written only after
 * {@code endSession} returned (the app has persisted). {@code close} is answered first and the
 * listener called after, so an app that exits in {@code close()} does not leave the installer waiting.
 */
final class ControlServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ControlServer.class.getName());
    /** How long a connected client may take to send its request line. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final ServerSocketChannel server;
    private final Path socket;
    private final String appId;
    private final EndSessionListener listener;
    private final Thread thread;
    private volatile boolean closed;

    ControlServer(Path socket, String appId, EndSessionListener listener) throws IOException {
        this.socket = socket;
        this.appId = appId;
        this.listener = listener;
        // A socket file left by a crashed process with this pid would make bind fail.
        Files.deleteIfExists(socket);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        this.thread = new Thread(this::serve, "rmkit-control-" + appId);
        thread.setDaemon(true);
        thread.start();
    }

    private void serve() {
        while (!closed) {
            try (SocketChannel ch = server.accept()) {
                handle(ch);
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.DEBUG, "control connection failed: {0}", e.getMessage());
                }
            }
        }
    }

    private void handle(SocketChannel ch) throws IOException {
        ControlMessage request;
        ScheduledFuture<?> watchdog = LineChannel.closeAfter(ch, REQUEST_TIMEOUT);
        try {
            request = ControlMessage.decode(LineChannel.readLine(ch));
        } catch (IOException e) {
            if (ch.isOpen()) {
                LineChannel.write(ch, ControlMessage.error(e.getMessage()).encode());
            }
            return;
        } finally {
            watchdog.cancel(false);
        }
        switch (request.type()) {
            case "hello" -> LineChannel.write(ch, ControlMessage.helloAnswer(appId, ProcessHandle.current().pid()).encode());
            case "query" -> {
                QueryAnswer a = listener.queryEndSession(request.endSessionFlags());
                LineChannel.write(ch, ControlMessage.answer(a.allowed(), a.reason().orElse(null)).encode());
            }
            case "end" -> {
                listener.endSession(Boolean.TRUE.equals(request.ending()), request.endSessionFlags());
                LineChannel.write(ch, ControlMessage.done().encode());
            }
            case "notice" -> notice(ch, request);
            case "close" -> {
                LineChannel.write(ch, ControlMessage.done().encode());
                ch.close();
                listener.close();
            }
            default -> LineChannel.write(ch, ControlMessage.error("unknown request type '" + request.type() + "'").encode());
        }
    }

    /** A forced end is coming: the listener hears when and why; a notice without a valid time is an error. */
    private void notice(SocketChannel ch, ControlMessage request) throws IOException {
        Instant at;
        try {
            at = Instant.parse(request.at() == null ? "" : request.at());
        } catch (DateTimeParseException e) {
            LineChannel.write(ch, ControlMessage.error("notice needs 'at', an ISO-8601 instant").encode());
            return;
        }
        listener.endScheduled(new EndNotice(at, request.reason() == null ? "" : request.reason()));
        LineChannel.write(ch, ControlMessage.done().encode());
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing control socket: {0}", e.getMessage());
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "removing control socket: {0}", e.getMessage());
        }
    }
}
