package dev.rmkit.updater.stage;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.Expected;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.PathRules;
import dev.rmkit.updater.publish.FileModes;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts verified payloads into a staging directory before anything the user has is touched (DESIGN
 * step 4). The staging directory is chosen by the caller on the install's volume, so the later swap
 * is renames only. A file already staged is re-verified, not trusted; a partial one is resumed.
 */
public final class Stager {
    /** The suffix of a partial download next to its target (the fetcher's). */
    private static final String PART_SUFFIX = ".rmkit-part";

    private final Fetcher fetcher;
    private long bytesFetched;

    public Stager(Fetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    /**
     * Downloads each file (URL resolved against m.base()) into stagingDir/<relative path>, verifying
     * size and SHA-256 while streaming; resumes partial files left by an earlier run; never more bytes
     * than declared. Returns the staged paths by relative path, in the order of {@code files}.
     */
    public Map<String, Path> stage(LoadedManifest m, List<ManifestFile> files, Path stagingDir, ProgressSink progress)
            throws UpdateException {
        Path root = stagingDir.toAbsolutePath().normalize();
        long total = files.stream().mapToLong(ManifestFile::size).sum();
        Map<String, Path> staged = new LinkedHashMap<>();
        long done = 0;
        for (ManifestFile f : files) {
            Path target = target(root, f.path());
            long offset = done;
            ProgressSink fileProgress = (d, t) -> progress.progress(offset + d, total);
            Expected expected = new Expected(f.path(), f.size(), f.sha256());
            if (!StagedFiles.matches(target, expected)) {
                long resumed = partSize(target);
                fetcher.download(m.urlOf(f), target, expected, fileProgress);
                bytesFetched += Math.max(0, f.size() - resumed);
            }
            FileModes.apply(target, f.executable());
            done += f.size();
            progress.progress(done, total);
            staged.put(f.path(), target);
        }
        StagedFiles.syncDirectories(root, staged.values());
        return staged;
    }

    /**
     * Payload bytes this stager downloaded so far: what was already staged costs nothing, a resumed
     * part only its missing tail.
     */
    public long bytesFetched() {
        return bytesFetched;
    }

    private static long partSize(Path target) {
        try {
            return Files.size(target.resolveSibling(target.getFileName() + PART_SUFFIX));
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path target(Path root, String relative) throws UpdateException {
        // The loader has checked every path; this guards a caller that built a ManifestFile itself.
        if (PathRules.violation(relative).isPresent()) {
            throw new UpdateException.Rejected("unsafe path: '" + relative + "': " + PathRules.violation(relative).get());
        }
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new UpdateException.Rejected("unsafe path: '" + relative + "' escapes the staging directory");
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot create " + target.getParent(), e);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot create " + target.getParent() + ": " + e.getMessage(), e);
        }
        return target;
    }
}
