package dev.rmkit.updater.stage;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.Expected;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.install.Durable;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.Patch;
import dev.rmkit.updater.manifest.PathRules;
import dev.rmkit.updater.publish.FileModes;
import dev.rmkit.updater.report.Transfer;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts verified payloads into a staging directory before anything the user has is touched (DESIGN
 * step 4). The staging directory is chosen by the caller on the install's volume, so the later swap
 * is renames only. A file already staged is re-verified, not trusted; a partial one is resumed. A
 * file with a patch against the installed content is built from it ({@link PatchStaging}), here,
 * before any app is asked to close, so patching never adds to the downtime.
 */
public final class Stager {
    private final Fetcher fetcher;
    private final PatchStaging patches;

    public Stager(Fetcher fetcher) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.patches = new PatchStaging(fetcher);
    }

    /** An installed file a patch may start from: its path and the SHA-256 the plan hashed. */
    public record Base(Path file, String sha256) {}

    /** The staged files by relative path, and what fetching them cost. */
    public record Result(Map<String, Path> staged, Transfer transfer) {}

    /**
     * Downloads each file (URL resolved against m.base()) into stagingDir/<relative path>, verifying
     * size and SHA-256 while streaming; resumes partial files left by an earlier run; never more bytes
     * than declared. Returns the staged paths by relative path, in the order of {@code files}.
     */
    public Map<String, Path> stage(LoadedManifest m, List<ManifestFile> files, Path stagingDir, ProgressSink progress)
            throws UpdateException {
        return stage(m, files, stagingDir, progress, Map.of()).staged();
    }

    /**
     * The same, building a file from a patch where the manifest has one whose base is the installed
     * file in {@code bases} (by relative path); when that fails, or there is none, the whole file.
     */
    public Result stage(LoadedManifest m, List<ManifestFile> files, Path stagingDir, ProgressSink progress,
            Map<String, Base> bases) throws UpdateException {
        Path root = stagingDir.toAbsolutePath().normalize();
        InstallFiles dirs = new InstallFiles(root);
        long total = files.stream().mapToLong(ManifestFile::size).sum();
        Map<String, Path> staged = new LinkedHashMap<>();
        long[] fetched = {0};
        long whole = 0;
        List<String> used = new ArrayList<>();
        List<Transfer.Refusal> refused = new ArrayList<>();
        long done = 0;
        for (ManifestFile f : files) {
            Path target = target(root, dirs, f.path());
            long offset = done;
            Expected expected = new Expected(f.path(), f.size(), f.sha256());
            if (StagedFiles.matches(target, expected)) {
                if (FileModes.apply(target, f.executable())) {
                    sync(target);
                }
            } else {
                whole += f.size();
                Optional<String> refusal = fromPatch(m, f, bases.get(f.path()), target, root, fetched);
                if (refusal.isEmpty()) {
                    used.add(f.path());
                } else {
                    if (!refusal.get().isEmpty()) {
                        refused.add(new Transfer.Refusal(f.path(), refusal.get()));
                    }
                    PatchStaging.CountingSink counting = new PatchStaging.CountingSink((d, t) -> progress.progress(offset + d,
                            total));
                    fetcher.download(m.urlOf(f), target, expected, counting,
                            part -> FileModes.apply(part, f.executable())); // the mode too, before the fsync
                    fetched[0] += counting.arrived();
                }
                dirs.changed(target.getParent()); // the file was renamed to the target there
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
        return new Result(staged, new Transfer(fetched[0], whole, whole - fetched[0], used, refused));
    }

    /** Empty if staged from a patch; otherwise why not ("" when the file has no patches to refuse). */
    private Optional<String> fromPatch(LoadedManifest m, ManifestFile f, Base base, Path target, Path root, long[] fetched)
            throws UpdateException {
        if (f.patches().isEmpty() || base == null) {
            return Optional.of("");
        }
        Optional<Patch> patch = PatchStaging.patchFor(f, base.sha256());
        if (patch.isEmpty()) {
            return Optional.of("no patch for the installed content (SHA-256 " + base.sha256() + ")");
        }
        return patches.tryStage(m, f, patch.get(), base.file(), target, root, fetched);
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
