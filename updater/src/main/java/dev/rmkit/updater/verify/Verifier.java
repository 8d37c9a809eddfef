package dev.rmkit.updater.verify;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.InstalledFile;
import dev.rmkit.updater.install.InstalledState;
import dev.rmkit.updater.install.InstalledStore;
import dev.rmkit.updater.journal.JournalStore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code updater verify}: every managed file against its record in {@code installed.json}, the way
 * {@code rpm -V} and {@code debsums} check a package: present as a regular file (a symbolic link in its
 * place, or on the way to it, counts as changed and is not followed), size, SHA-256 and, where the file system has POSIX
 * permissions and the record says, the owner's execute bit. Files the updater did not install are
 * listed as unexpected; the updater's own {@code .rmkit/} (staging, backups, kept releases) is not
 * part of the install and is never looked at. Reads only; takes no lock, like {@code status}.
 */
public final class Verifier {

    private Verifier() {}

    /**
     * @param strict whether unexpected files make the install not match
     * @throws UpdateException.Usage if the directory is missing or nothing was installed by the updater
     */
    public static VerifyReport verify(Path installDir, boolean strict) throws UpdateException {
        InstallLayout layout = new InstallLayout(installDir);
        if (!Files.isDirectory(layout.installDir())) { // the caller's directory: it may be reached through links
            throw new UpdateException.Usage("no such install directory: " + layout.installDir());
        }
        try {
            Optional<InstalledState> found = InstalledStore.read(layout);
            if (found.isEmpty()) {
                throw new UpdateException.Usage("nothing installed by the updater in " + layout.installDir());
            }
            InstalledState installed = found.get();
            List<String> missing = new ArrayList<>();
            List<VerifyReport.Changed> changed = new ArrayList<>();
            InstallFiles files = layout.files();
            for (InstalledFile f : installed.files()) {
                Path p = layout.resolve(f.path());
                Optional<String> link = files.linkOnPath(p);
                if (link.isPresent() && !link.get().equals(f.path())) {
                    changed.add(new VerifyReport.Changed(f.path(), "reached through " + link.get()
                            + ", a symbolic link; what it points to is not read"));
                } else if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    missing.add(f.path());
                } else {
                    difference(p, f).ifPresent(d -> changed.add(new VerifyReport.Changed(f.path(), d)));
                }
            }
            Set<String> managed = installed.files().stream().map(InstalledFile::path).collect(Collectors.toSet());
            List<String> unexpected = unexpected(layout, managed);
            List<String> notes = new ArrayList<>();
            JournalStore.read(layout).ifPresent(j -> notes.add("an update to " + j.toVersion() + " is unfinished ("
                    + j.state().name().toLowerCase(java.util.Locale.ROOT) + "); files may be mid-swap"));
            boolean matches = missing.isEmpty() && changed.isEmpty() && (!strict || unexpected.isEmpty());
            return new VerifyReport(layout.installDir().toString(), installed.product(), installed.version(),
                    installed.files().size(), missing, changed, unexpected, matches, notes);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot verify " + layout.installDir() + ": " + e.getMessage(), e);
        }
    }

    /** What differs between the file and its record, checked cheapest first; empty if nothing. */
    static Optional<String> difference(Path p, InstalledFile f) throws IOException {
        if (Files.isSymbolicLink(p)) {
            return Optional.of("a symbolic link stands in its place");
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of("not a regular file");
        }
        long size = Files.size(p);
        if (size != f.size()) {
            return Optional.of("size " + size + ", expected " + f.size());
        }
        String sha = Sha256.hex(p);
        if (!sha.equals(f.sha256())) {
            return Optional.of("SHA-256 " + sha + ", expected " + f.sha256());
        }
        Optional<Boolean> exec = executable(p);
        if (f.knownExecutable().isPresent() && exec.isPresent() && !exec.get().equals(f.knownExecutable().get())) {
            return Optional.of(f.knownExecutable().get() ? "not executable, expected executable"
                    : "executable, expected not executable");
        }
        return Optional.empty();
    }

    /** The owner's execute bit; empty where the file system has no POSIX permissions. */
    private static Optional<Boolean> executable(Path p) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return Optional.empty();
        }
        return Optional.of(view.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE));
    }

    /** Files (and symbolic links) under the install that are not managed; {@code .rmkit/} skipped, links not followed. */
    public static List<String> unexpected(InstallLayout layout, Set<String> managed) throws IOException {
        Set<String> out = new TreeSet<>();
        Path root = layout.installDir().toRealPath(); // the install directory itself may be a link; nothing below it is followed
        Path stateDir = root.resolve(InstallLayout.STATE_DIR_NAME);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(stateDir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = root.relativize(file).toString().replace('\\', '/');
                if (!managed.contains(rel)) {
                    out.add(rel);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return List.copyOf(out);
    }
}
