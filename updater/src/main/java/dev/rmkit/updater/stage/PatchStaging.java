package dev.rmkit.updater.stage;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.delta.PatchException;
import dev.rmkit.updater.delta.Patcher;
import dev.rmkit.updater.fetch.Expected;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.Patch;
import dev.rmkit.updater.publish.FileModes;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Stages one file from a patch against the installed file: only when the installed file's SHA-256
 * (hashed by the plan) is a patch's base; the patch is downloaded like any payload (size and SHA-256
 * while streaming), applied into a scratch file, and the result must have the file's size and
 * SHA-256 before it is renamed into staging. Any failure answers a reason instead, and the caller
 * downloads the whole file. Scratch files (the patch, the result, and for an archive-aware patch the
 * expanded old and new zips) live in {@code <staging>/.rmkit/}, a name no release file can have
 * (PathRules), and go with the staging directory.
 */
final class PatchStaging {
    /** The scratch directory inside a staging directory. */
    static final String SCRATCH = ".rmkit";

    private final Fetcher fetcher;
    private final Patcher patcher = new Patcher();

    PatchStaging(Fetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** The patch of {@code f} whose base is {@code baseSha256}, if the manifest lists one. */
    static Optional<Patch> patchFor(ManifestFile f, String baseSha256) {
        return f.patches().stream().filter(p -> p.baseSha256().equals(baseSha256)).findFirst();
    }

    /**
     * Tries to stage {@code target} from {@code patch} applied to {@code base}; empty on success,
     * otherwise why not (the target is then untouched). {@code fetched} receives the patch bytes that
     * arrived. A local disk error that also stops a whole download is thrown.
     */
    Optional<String> tryStage(LoadedManifest m, ManifestFile f, Patch patch, Path base, Path target, Path stagingRoot,
            long[] fetched) throws UpdateException {
        Path scratch = stagingRoot.resolve(SCRATCH);
        Path patchFile = scratch.resolve(patch.sha256() + ".patch");
        Path out = scratch.resolve(f.sha256() + ".out");
        try {
            new InstallFiles(stagingRoot).createDirectories(scratch); // no link followed, even here
            CountingSink counting = new CountingSink(ProgressSink.NONE);
            URI url = m.base().resolve(URI.create(patch.url()));
            fetcher.download(url, patchFile, new Expected(f.path() + " (patch)", patch.size(), patch.sha256()), counting);
            fetched[0] += counting.arrived();
            Files.deleteIfExists(out); // a leftover, or a link someone put there: never written through
            patcher.apply(base, patchFile, out, f.size(), f.sha256());
            FileModes.apply(out, f.executable()); // the mode is as durable as the bytes before the rename
            try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(out, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Optional.empty();
        } catch (UpdateException.Rejected | UpdateException.Unavailable e) {
            return Optional.of("patch not fetched: " + e.getMessage());
        } catch (PatchException e) {
            return Optional.of("patch failed: " + e.getMessage());
        } catch (IOException e) {
            return Optional.of("patch failed: " + e.getMessage());
        } finally {
            quietly(patchFile);
            quietly(out);
        }
    }

    private static void quietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // Scratch inside staging; it is deleted with the staging directory.
        }
    }

    /**
     * Counts the bytes that arrive in this run: the first report is what an earlier run left (a
     * resumed part file), every rise after it arrived now, a drop to zero is a restart from byte 0.
     */
    static final class CountingSink implements ProgressSink {
        private final ProgressSink next;
        private long previous = -1;
        private long arrived;

        CountingSink(ProgressSink next) {
            this.next = next;
        }

        @Override
        public void progress(long done, long total) {
            if (previous >= 0 && done > previous) {
                arrived += done - previous;
            }
            previous = done;
            next.progress(done, total);
        }

        long arrived() {
            return arrived;
        }
    }
}
