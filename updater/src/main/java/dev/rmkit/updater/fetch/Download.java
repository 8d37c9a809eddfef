package dev.rmkit.updater.fetch;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.hash.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One payload download: the {@code .rmkit-part} file, the running SHA-256 of exactly the bytes in
 * it, and the attempt loop. Invariant between attempts: the digest covers the part file's bytes,
 * and the part file never holds more than the declared size.
 */
final class Download {
    static final String PART_SUFFIX = PartNames.SUFFIX;
    private static final int BUFFER = 64 * 1024;

    private final Fetcher fetcher;
    private final URI uri;
    private final Path dest;
    private final Path part;
    private final Expected expected;
    private final ProgressSink progress;
    private final Fetcher.Finish finish;
    private MessageDigest digest;
    private long have;
    private boolean spliced;
    private WriteBehind sync;

    Download(Fetcher fetcher, URI uri, Path dest, Expected expected, ProgressSink progress, Fetcher.Finish finish) {
        this.fetcher = fetcher;
        this.uri = uri;
        this.dest = dest;
        this.part = dest.resolveSibling(PartNames.of(dest.getFileName().toString()));
        this.expected = expected;
        this.progress = progress;
        this.finish = finish;
    }

    void run() throws UpdateException {
        try {
            Files.createDirectories(dest.getParent());
            try {
                fetchIntoPart();
            } catch (UpdateException.Rejected e) {
                // The channel is closed by now (Windows cannot delete an open file).
                Files.deleteIfExists(part);
                throw e;
            }
            Files.move(part, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot write " + e.getFile(), e);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot write " + part + ": " + Fetcher.describe(e), e);
        }
    }

    private void fetchIntoPart() throws IOException, UpdateException {
        Fetcher.Retry retry = fetcher.new Retry(uri, expected.name());
        boolean cleanRetryLeft = true;
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                WriteBehind behind = new WriteBehind(ch)) {
            sync = behind;
            rehash(ch);
            spliced = have > 0;
            progress.progress(have, expected.size());
            while (true) {
                if (have == expected.size()) {
                    String actual = HexFormat.of().formatHex(digest.digest());
                    if (actual.equals(expected.sha256())) {
                        finish.beforeSync(part); // its mode too must be durable before it is renamed
                        behind.force();
                        return;
                    }
                    if (spliced && cleanRetryLeft) {
                        // Bytes joined across connections or runs may come from different versions
                        // of the file: one clean download from byte 0 before giving up.
                        cleanRetryLeft = false;
                        truncate(ch);
                        continue;
                    }
                    throw new UpdateException.Rejected("SHA-256 mismatch for " + expected.name() + ": expected "
                            + expected.sha256() + ", got " + actual + " (" + uri + ")");
                }
                long before = have;
                try {
                    attempt(ch);
                } catch (Source.NotFound e) {
                    throw new UpdateException.Unavailable(expected.name() + " not found: " + e.getMessage(), e);
                } catch (Source.RangeRefused e) {
                    truncate(ch);
                    retry.failed(e, false);
                } catch (IOException e) {
                    retry.failed(e, have > before);
                }
            }
        }
    }

    /** One connection: append what arrives, stop at the first byte beyond the declared size. */
    private void attempt(FileChannel ch) throws IOException, UpdateException {
        try (Source.Body body = fetcher.source(uri).open(uri, have)) {
            if (body.offset() != have) {
                truncate(ch);
            }
            spliced |= have > 0;
            if (body.length() >= 0 && have + body.length() > expected.size()) {
                throw new UpdateException.Rejected(expected.name() + " is larger than declared: the source announces "
                        + (have + body.length()) + " bytes, the manifest " + expected.size() + " (" + uri + ")");
            }
            InputStream in = body.in();
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > expected.size() - have) {
                    throw new UpdateException.Rejected(expected.name() + " is larger than declared: more than "
                            + expected.size() + " bytes arrived (" + uri + ")");
                }
                append(ch, buf, n);
            }
            if (have < expected.size() && body.framed()) {
                // The whole resource arrived and it is short: the feed is wrong, retrying cannot help.
                throw new UpdateException.Rejected(expected.name() + " is smaller than declared: the source ended after "
                        + have + " bytes, the manifest says " + expected.size() + " (" + uri + ")");
            }
            if (have < expected.size()) {
                throw new IOException("connection closed after " + have + " of " + expected.size() + " bytes");
            }
        }
    }

    private void append(FileChannel ch, byte[] buf, int n) throws UpdateException {
        try {
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                ch.write(bb, have + (n - bb.remaining()));
            }
            sync.written(n);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot write " + part + ": " + Fetcher.describe(e), e);
        }
        digest.update(buf, 0, n);
        have += n;
        progress.progress(have, expected.size());
    }

    /** Hashes the bytes an earlier run left, so the digest covers the whole file at the end. */
    private void rehash(FileChannel ch) throws IOException {
        digest = Sha256.digest();
        have = 0;
        if (ch.size() > expected.size()) {
            ch.truncate(0);
            return;
        }
        ByteBuffer bb = ByteBuffer.allocate(BUFFER);
        long pos = 0;
        int n;
        while ((n = ch.read(bb, pos)) > 0) {
            bb.flip();
            digest.update(bb);
            bb.clear();
            pos += n;
        }
        have = pos;
    }

    private void truncate(FileChannel ch) throws UpdateException {
        try {
            ch.truncate(0);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot truncate " + part + ": " + Fetcher.describe(e), e);
        }
        digest = Sha256.digest();
        have = 0;
        progress.progress(0, expected.size());
    }
}
