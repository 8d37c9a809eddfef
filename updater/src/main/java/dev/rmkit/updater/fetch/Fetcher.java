package dev.rmkit.updater.fetch;

import dev.rmkit.updater.UpdateException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fetches manifests and payloads from files and http/https URLs, with the same guarantees for both:
 * retries with exponential backoff and jitter on connection failures, 5xx, 408 and 429 (honouring
 * {@code Retry-After}, capped); never more bytes than expected; SHA-256 computed while streaming.
 * Payload downloads ({@link #download}) also resume with HTTP Range, within a run and across runs.
 *
 * <p>Error policy: an exhausted retry budget or a non-retryable HTTP status is {@link
 * UpdateException.Unavailable}; content that is too large or does not match its hash is {@link
 * UpdateException.Rejected}; a local disk failure is {@link UpdateException.ApplyFailed} (or
 * PermissionDenied). Thread-safe: one instance may serve concurrent fetches.
 */
public final class Fetcher {
    private final FetchOptions options;
    private final Clock clock;
    private final FileSource files = new FileSource();
    private volatile HttpSource http;

    public Fetcher(FetchOptions options) {
        this(options, Clock.systemUTC());
    }

    public Fetcher(FetchOptions options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public FetchOptions options() {
        return options;
    }

    /**
     * A small document (manifest, signature) in memory. Empty if the source says it does not exist
     * (HTTP 404/410, no such file). Rejected as soon as more than {@code maxBytes} arrive or are
     * announced: reading stops there, so an endless response costs at most {@code maxBytes}.
     *
     * @param what names the document in messages ("manifest", "signature")
     */
    public Optional<byte[]> fetchSmall(URI uri, int maxBytes, String what) throws UpdateException {
        Retry retry = new Retry(uri, what);
        while (true) {
            try (Source.Body body = source(uri).open(uri, 0)) {
                if (body.length() > maxBytes) {
                    throw new UpdateException.Rejected(what + " at " + uri + " is larger than the " + maxBytes
                            + "-byte limit (announced " + body.length() + " bytes)");
                }
                return Optional.of(readAtMost(body.in(), maxBytes, what, uri));
            } catch (Source.NotFound e) {
                return Optional.empty();
            } catch (IOException e) {
                retry.failed(e, false);
            }
        }
    }

    /**
     * Downloads {@code uri} to {@code dest}, which appears only once its size and SHA-256 match.
     * Bytes go to a {@code .rmkit-part} file beside it first ({@link PartNames}); a part left by an
     * earlier run is re-hashed and continued with a Range request. Nothing beyond
     * {@code expected.size()} is ever written.
     */
    public void download(URI uri, Path dest, Expected expected, ProgressSink progress) throws UpdateException {
        download(uri, dest, expected, progress, part -> { });
    }

    /**
     * As {@link #download(URI, Path, Expected, ProgressSink)}; {@code finish} runs on the verified part
     * file before its final fsync and rename (to set its mode, which must be as durable as its bytes).
     */
    public void download(URI uri, Path dest, Expected expected, ProgressSink progress, Finish finish)
            throws UpdateException {
        new Download(this, uri, dest, expected, progress, finish).run();
    }

    /** Last touches on a verified download before it is made durable. */
    @FunctionalInterface
    public interface Finish {
        void beforeSync(Path part) throws UpdateException;
    }

    Source source(URI uri) throws UpdateException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "file":
                return files;
            case "http":
            case "https":
                HttpSource h = http;
                if (h == null) {
                    synchronized (this) {
                        if (http == null) {
                            http = new HttpSource(options, clock);
                        }
                        h = http;
                    }
                }
                return h;
            default:
                throw new UpdateException.Usage("unsupported location " + uri + " (use a path, file:, http: or https:)");
        }
    }

    private static byte[] readAtMost(InputStream in, int maxBytes, String what, URI uri) throws IOException, UpdateException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + n > maxBytes) {
                throw new UpdateException.Rejected(what + " at " + uri + " is larger than the " + maxBytes + "-byte limit");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** The retry budget of one fetch: counts failures, sleeps the backoff, gives up with Unavailable. */
    final class Retry {
        private final URI uri;
        private final String what;
        private int failuresWithoutProgress;
        private int attempts;

        Retry(URI uri, String what) {
            this.uri = uri;
            this.what = what;
        }

        /** Records a failed attempt; returns after the backoff, or throws when retrying is pointless. */
        void failed(IOException e, boolean madeProgress) throws UpdateException {
            attempts++;
            failuresWithoutProgress = madeProgress ? 1 : failuresWithoutProgress + 1;
            Optional<Duration> retryAfter = Optional.empty();
            if (e instanceof Source.HttpStatus s) {
                if (!s.retryable()) {
                    throw new UpdateException.Unavailable(what + " unavailable: " + describe(e) + " for " + uri, e);
                }
                retryAfter = s.retryAfter();
            }
            if (failuresWithoutProgress >= options.maxAttempts() || attempts >= options.maxTotalAttempts()) {
                throw new UpdateException.Unavailable(what + " unavailable after " + attempts + " attempts: "
                        + describe(e) + " for " + uri, e);
            }
            sleep(Backoff.delay(options, failuresWithoutProgress, retryAfter,
                    bound -> ThreadLocalRandom.current().nextLong(bound + 1)));
        }

        private void sleep(Duration d) throws UpdateException {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new UpdateException.Unavailable(what + " fetch interrupted: " + uri, ie);
            }
        }
    }

    static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
