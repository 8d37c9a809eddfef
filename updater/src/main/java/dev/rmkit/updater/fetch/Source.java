package dev.rmkit.updater.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where bytes come from: a local file or an HTTP server. A source only opens a stream; retrying,
 * limits and hashing are the {@link Fetcher}'s, so both kinds get the same guarantees.
 *
 * <p>Failures are {@link IOException}s: plain ones (connection reset, timeout, malformed response)
 * are transient and retried; the nested kinds below say more.
 */
interface Source {

    /** Opens {@code uri} at byte {@code offset} (a resume); the body may start earlier, see {@link Body#offset}. */
    Body open(URI uri, long offset) throws IOException;

    /**
     * An open body.
     *
     * @param in the bytes from {@code offset} on
     * @param offset where the body starts in the resource: the requested offset, or 0 when the
     *     server ignored the range and sends everything
     * @param length bytes the body announces, or -1 if unknown
     * @param framed whether the body's normal end is the resource's end: a file, or an HTTP body
     *     with a {@code Content-Length} or chunked framing (a body cut short by the network then fails
     *     with an error instead of ending). Only a body delimited by closing the connection is not.
     */
    record Body(InputStream in, long offset, long length, boolean framed) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** The resource does not exist (HTTP 404/410, missing file): retrying will not help. */
    final class NotFound extends IOException {
        private static final long serialVersionUID = 1L;

        NotFound(String message) {
            super(message);
        }
    }

    /** The server refused the range or answered with a range that does not fit: start again from 0. */
    final class RangeRefused extends IOException {
        private static final long serialVersionUID = 1L;

        RangeRefused(String message) {
            super(message);
        }
    }

    /** An HTTP status other than success; {@code retryable} for 408, 425, 429 and 5xx. */
    final class HttpStatus extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient Optional<Duration> retryAfter;

        HttpStatus(int status, Optional<Duration> retryAfter) {
            super("HTTP " + status);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        int status() {
            return status;
        }

        boolean retryable() {
            return status == 408 || status == 425 || status == 429 || status >= 500;
        }

        Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }
}
