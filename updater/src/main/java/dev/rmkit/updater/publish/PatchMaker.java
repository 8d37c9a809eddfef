package dev.rmkit.updater.publish;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.delta.BsdiffWriter;
import dev.rmkit.updater.delta.PatchException;
import dev.rmkit.updater.delta.PatchWriter;
import dev.rmkit.updater.delta.Patcher;
import dev.rmkit.updater.delta.ZipLimits;
import dev.rmkit.updater.delta.ZipPatchWriter;
import dev.rmkit.updater.feed.FeedLayout;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.Patch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The patches of one new file: against the same path in each of the earlier releases given (the
 * last K of the channel), skipping bases that are identical, already covered, gone from the store,
 * or not worth it (a patch as large as the file). For zips (jars) the plain patch and the
 * archive-aware ones (entries diffed inflated, {@link ZipPatchWriter}) with a zstd and, for expanded
 * forms up to {@link BsdiffWriter#MAX_INPUT}, a bsdiff inner patch are made and the smallest kept.
 * Every patch is applied once here with the
 * client's own {@link Patcher} and its result checked against the file's hash before it is listed,
 * so a feed never offers a patch that cannot work.
 */
final class PatchMaker {
    private final Blobs blobs;
    private final List<Manifest> earlier;
    private final Patcher verifier = new Patcher();
    private int made;
    private long bytes;

    PatchMaker(Blobs blobs, List<Manifest> earlier) {
        this.blobs = blobs;
        this.earlier = List.copyOf(earlier);
    }

    int made() {
        return made;
    }

    long bytes() {
        return bytes;
    }

    /** {@code file} (stored from {@code source}) with its patches. */
    ManifestFile withPatches(ManifestFile file, Path source) throws UpdateException {
        if (file.size() == 0) {
            return file;
        }
        Set<String> bases = new LinkedHashSet<>();
        for (Manifest m : earlier) {
            for (ManifestFile old : m.files()) {
                if (old.path().equals(file.path()) && !old.sha256().equals(file.sha256()) && blobs.has(old.sha256())) {
                    bases.add(old.sha256());
                }
            }
        }
        List<Patch> patches = new ArrayList<>();
        for (String base : bases) {
            make(base, source, file).ifPresent(patches::add);
        }
        return file.withPatches(patches);
    }

    private Optional<Patch> make(String base, Path source, ManifestFile file) throws UpdateException {
        Path tmp = blobs.newTemp();
        Path zip = blobs.newTemp();
        Path bsdiff = blobs.newTemp();
        Path check = blobs.newTemp();
        try {
            long size = PatchWriter.write(blobs.path(base), source, tmp);
            Path best = tmp;
            Map<ZipPatchWriter.Inner, Path> zipPatches = new EnumMap<>(ZipPatchWriter.Inner.class);
            zipPatches.put(ZipPatchWriter.Inner.ZSTD, zip);
            zipPatches.put(ZipPatchWriter.Inner.BSDIFF, bsdiff);
            for (Map.Entry<ZipPatchWriter.Inner, Long> z : zipPatches(blobs.path(base), source, zipPatches).entrySet()) {
                if (z.getValue() < size && applies(blobs.path(base), zipPatches.get(z.getKey()), file, check)) {
                    best = zipPatches.get(z.getKey());
                    size = z.getValue();
                }
            }
            if (size >= file.size()) {
                return Optional.empty();
            }
            if (best == tmp) {
                verifier.apply(blobs.path(base), tmp, check, file.size(), file.sha256());
            }
            Blobs.Stored s = blobs.adopt(best);
            made++;
            bytes += s.size();
            return Optional.of(new Patch(base, s.size(), s.sha256(), FeedLayout.blobUrlFromRelease(s.sha256())));
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot write a patch for " + file.path() + ": " + e.getMessage(), e);
        } catch (PatchException e) {
            return Optional.empty(); // clients fall back to the whole file; offer nothing that fails
        } finally {
            Blobs.deleteQuietly(tmp);
            Blobs.deleteQuietly(zip);
            Blobs.deleteQuietly(bsdiff);
            Blobs.deleteQuietly(check);
        }
    }

    /**
     * The archive-aware patches ({@link ZipPatchWriter}) with each inner patch of {@code outs}, made from
     * one expansion of the two files, by kind and size: none when the files are no zips it expands, and
     * no kind that is too large for its writer.
     */
    private static Map<ZipPatchWriter.Inner, Long> zipPatches(Path base, Path source, Map<ZipPatchWriter.Inner, Path> outs)
            throws IOException {
        try {
            return ZipPatchWriter.writeEach(base, source, outs, ZipLimits.DEFAULT).sizes();
        } catch (PatchException e) {
            return Map.of();
        }
    }

    /** Whether {@code patch} rebuilds the file here; one that does not could not work on any client either. */
    private boolean applies(Path base, Path patch, ManifestFile file, Path check) throws IOException {
        try {
            verifier.apply(base, patch, check, file.size(), file.sha256());
            return true;
        } catch (PatchException e) {
            return false;
        }
    }
}
