package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.feed.FeedLayout;
import dev.rmkit.updater.feed.IndexEntry;
import dev.rmkit.updater.feed.IndexJson;
import dev.rmkit.updater.feed.ReleaseIndex;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestParser;
import dev.rmkit.updater.trust.Root;
import dev.rmkit.updater.trust.RootJson;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A feed directory as the publisher sees it: its own files, read without signature checks (the
 * publisher wrote them), parsed strictly all the same, and written one file at a time atomically.
 */
final class FeedDir {
    private final Path dir;
    private final Blobs blobs;

    FeedDir(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        this.blobs = new Blobs(this.dir.resolve("blobs"));
    }

    Path dir() {
        return dir;
    }

    Blobs blobs() {
        return blobs;
    }

    Path resolve(String relative) {
        return dir.resolve(relative);
    }

    Optional<ReleaseIndex> index() throws UpdateException {
        Optional<byte[]> b = read(FeedLayout.INDEX);
        return b.isEmpty() ? Optional.empty() : Optional.of(parse(() -> IndexJson.parse(b.get()), FeedLayout.INDEX));
    }

    Optional<Root> root() throws UpdateException {
        Optional<byte[]> b = read(FeedLayout.ROOT);
        return b.isEmpty() ? Optional.empty() : Optional.of(parse(() -> RootJson.parse(b.get()), FeedLayout.ROOT));
    }

    /** The top-level manifest (the release published last, or a feed from before release history). */
    Optional<byte[]> latest() throws UpdateException {
        return read(FeedLayout.LATEST);
    }

    Manifest manifest(IndexEntry e) throws UpdateException {
        byte[] b = read(e.manifest()).orElseThrow(() -> new UpdateException.Usage(dir + " lists release " + e.version()
                + " but has no " + e.manifest()));
        return parse(() -> ManifestParser.parse(b), e.manifest());
    }

    Optional<byte[]> read(String relative) throws UpdateException {
        Path p = resolve(relative);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new UpdateException.Usage(p + " is not a regular file");
        }
        try {
            return Optional.of(Files.readAllBytes(p));
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot read " + p, e);
        } catch (IOException e) {
            throw new UpdateException.Usage("cannot read " + p + ": " + e.getMessage());
        }
    }

    /** Writes {@code relative} and its signature file, each atomically: the document first. */
    void writeSigned(String relative, byte[] document, byte[] signature) throws UpdateException {
        write(relative, document);
        write(relative + FeedLayout.SIG, signature);
    }

    void write(String relative, byte[] bytes) throws UpdateException {
        Path p = resolve(relative);
        try {
            FeedFiles.replace(p, bytes);
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot write " + e.getFile(), e);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot write " + p + ": " + e.getMessage(), e);
        }
    }

    private interface Parse<T> {
        T get() throws UpdateException.Rejected;
    }

    private <T> T parse(Parse<T> parse, String what) throws UpdateException.Usage {
        try {
            return parse.get();
        } catch (UpdateException.Rejected e) {
            throw new UpdateException.Usage("cannot read the feed's " + what + " in " + dir + ": " + e.getMessage());
        }
    }
}
