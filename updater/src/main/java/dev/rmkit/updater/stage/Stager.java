package dev.rmkit.updater.stage;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.Expected;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.install.Durable;
import dev.rmkit.updater.install.InstallFiles;
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
    private final Fetcher fetcher;

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
        InstallFiles dirs = new InstallFiles(root);
        long total = files.stream().mapToLong(ManifestFile::size).sum();
        Map<String, Path> staged = new LinkedHashMap<>();
        long done = 0;
        for (ManifestFile f : files) {
            Path target = target(root, dirs, f.path());
            long offset = done;
            ProgressSink fileProgress = (d, t) -> progress.progress(offset + d, total);
            Expected expected = new Expected(f.path(), f.size(), f.sha256());
            if (StagedFiles.matches(target, expected)) {
                if (FileModes.apply(target, f.executable())) {
                    sync(target);
                }
            } else {
                fetcher.download(m.urlOf(f), target, expected, fileProgress, part -> FileModes.apply(part, f.executable()));
                dirs.changed(target.getParent()); // the part was renamed to the target there
            }
            done += f.size();
            progress.progress(done, total);
            staged.put(f.path(), target);
        }
        try {
            dirs.sync(); // the staged files' entries are durable before the journal that relies on them
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot sync the staging area " + root + ": " + e.getMessage(), e);
        }
        return staged;
    }

    private static void sync(Path file) throws UpdateException {
        try {
            Durable.syncFile(file);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot sync " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path target(Path root, InstallFiles dirs, String relative) throws UpdateException {
        // The loader has checked every path; this guards a caller that built a ManifestFile itself.
        if (PathRules.violation(relative).isPresent()) {
            throw new UpdateException.Rejected("unsafe path: '" + relative + "': " + PathRules.violation(relative).get());
        }
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new UpdateException.Rejected("unsafe path: '" + relative + "' escapes the staging directory");
        }
        try {
            dirs.createDirectories(target.getParent());
            dirs.check(target);
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot create " + target.getParent(), e);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot create " + target.getParent() + ": " + e.getMessage(), e);
        }
        return target;
    }
}
