package dev.rmkit.updater.install;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The only way the updater changes files inside an install: every directory, rename and deletion
 * below the install directory goes through here, and none resolves through a symbolic link. Before
 * each operation every component between the install directory and the path is read with
 * {@code NOFOLLOW_LINKS}: a link (or a Windows junction) is refused with {@link UnsafePathException},
 * and so is a file where a directory must be; a link is never renamed, deleted or written through.
 * The install directory itself is the user's choice and may be reached through links.
 *
 * <p>The check and the operation are two system calls, so a process that can write inside the install
 * can still swap a checked directory for a link in between (microseconds; closing it needs
 * {@code openat}/{@code renameat} relative to directory handles, which Java offers only partly, through
 * {@code SecureDirectoryStream}, and not at all on Windows). Keep the install writable only by the
 * user that runs the updater.
 *
 * <p>It also keeps the rule "a directory's entries are durable before anything depends on them":
 * every directory whose entries it changes is remembered, and {@link #sync()} fsyncs them.
 */
public final class InstallFiles {

    private final Path root;
    private final Set<Path> changed = new LinkedHashSet<>();

    /** Operations below {@code root} (absolute), which itself is trusted. */
    public InstallFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Refuses {@code path} if anything between the root and it is a link or not a directory, or if
     * {@code path} itself is a link. Missing components are fine: nothing can be resolved through them.
     */
    public void check(Path path) throws IOException {
        if (path.toAbsolutePath().normalize().equals(root)) {
            return;
        }
        checkParents(path);
        Optional<BasicFileAttributes> a = attributes(path);
        if (a.isPresent() && isLink(a.get())) {
            throw linked(path);
        }
    }

    /** Creates {@code dir} and its missing parents (each checked), remembering their parents for {@link #sync()}. */
    public void createDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root); // the root is the caller's choice, links and all
            changed.add(root.getParent());
        }
        if (dir.toAbsolutePath().normalize().equals(root)) {
            return;
        }
        Path rel = relative(dir);
        Path current = root;
        for (Path name : rel) {
            current = current.resolve(name);
            Optional<BasicFileAttributes> a = attributes(current);
            if (a.isEmpty()) {
                try {
                    Files.createDirectory(current);
                    changed.add(current.getParent());
                    continue;
                } catch (FileAlreadyExistsException raced) {
                    a = attributes(current);
                }
            }
            if (a.isEmpty()) {
                throw new NoSuchFileException(current.toString());
            }
            requireDirectory(current, a.get());
        }
    }

    /**
     * Renames {@code from} (a file or directory, not a link) to {@code to}, which must not exist: the
     * rename never replaces anything.
     */
    public void move(Path from, Path to) throws IOException {
        rename(from, to, false);
    }

    /**
     * As {@link #move}, for a {@code to} that no other process has a reason to write while the apps are
     * down: a name this swap has just renamed a file away from, or one in the backup directory this update
     * made before the apps were asked to close. Whether something is there is asked with one {@code access}
     * call, which follows a link: Java 17 answers a {@code lstat} of a missing file only with an exception,
     * made and caught, which cost 70–120 µs between the apps' exit and their restart (docs/performance.md,
     * "Tenth round"). So a dangling link that another process put at that name would be replaced, as
     * anything it put there between the check and the rename would be (see above).
     */
    public void moveToVacant(Path from, Path to) throws IOException {
        rename(from, to, true);
    }

    private void rename(Path from, Path to, boolean vacant) throws IOException {
        checkParents(from);
        checkParents(to);
        BasicFileAttributes a = attributes(from).orElseThrow(() -> new NoSuchFileException(from.toString()));
        if (isLink(a)) {
            throw linked(from);
        }
        if (vacant ? Files.exists(to) : attributes(to).isPresent()) {
            throw new FileAlreadyExistsException(to.toString(), null, "appeared during the update");
        }
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        changed.add(from.getParent());
        changed.add(to.getParent());
    }

    /** Deletes {@code dir} if it is a real, empty directory; a link, a file or a non-empty directory stays. */
    public boolean removeEmptyDirectory(Path dir) throws IOException {
        checkParents(dir);
        Optional<BasicFileAttributes> a = attributes(dir);
        if (a.isEmpty() || !isDirectory(a.get())) {
            return false;
        }
        try {
            Files.delete(dir);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            return false;
        }
        changed.add(dir.getParent());
        return true;
    }

    /** Deletes a file if present (a link is removed as an entry, never followed). */
    public boolean delete(Path file) throws IOException {
        checkParents(file);
        Optional<BasicFileAttributes> a = attributes(file);
        if (a.isEmpty()) {
            return false;
        }
        if (isDirectory(a.get())) {
            throw new IOException(file + " is a directory");
        }
        boolean deleted = Files.deleteIfExists(file);
        changed.add(file.getParent());
        return deleted;
    }

    /**
     * Deletes a tree of the updater's own ({@code .rmkit/staging/V}, {@code .rmkit/backup/T}) without
     * following any link in it. A tree that is itself a link is refused.
     */
    public void deleteTree(Path dir) throws IOException {
        check(dir);
        if (attributes(dir).isEmpty()) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted by an earlier, interrupted run
                }
                throw e;
            }
        });
        changed.add(dir.getParent());
    }

    /**
     * Writes a state file below the root atomically and durably ({@link Durable#write}): its missing
     * directories are created (each checked, and made durable before the file that depends on them),
     * and the path is checked, so the file is never written through a link.
     */
    public void write(Path file, byte[] bytes) throws IOException {
        createDirectories(file.getParent());
        check(file);
        sync();
        Durable.write(file, bytes);
    }

    /**
     * Deletes what the updater keeps at {@code path} (a tree of its own, or a file), unless it is a link:
     * a link there was not made by the updater and stays, as it is. Returns whether anything was deleted.
     */
    public boolean deleteOwn(Path path) throws IOException {
        checkParents(path);
        Optional<BasicFileAttributes> a = attributes(path);
        if (a.isEmpty() || isLink(a.get())) {
            return false;
        }
        if (a.get().isDirectory()) {
            deleteTree(path);
        } else {
            delete(path);
        }
        return true;
    }

    /** {@link #deleteOwn} of each entry, and of the temporary sibling ({@code .NAME.tmp}) a crash may have left of it. */
    public void deleteOwnWithTemps(List<Path> entries) throws IOException {
        for (Path entry : entries) {
            deleteOwn(entry);
            deleteOwn(entry.resolveSibling("." + entry.getFileName() + ".tmp"));
        }
    }

    /**
     * Appends {@code bytes} to a file of the updater's own below the root (the history), in one write
     * on a file opened for append, so that several processes appending at once each add whole lines.
     * Never through a link: one at the file, or on the way to it, is refused and stays. Durable when it
     * returns: the bytes are fsync'd, and if this call created the file ({@code O_EXCL}), its directory
     * too. The file's directory must exist; nothing else is created.
     */
    public void append(Path file, byte[] bytes) throws IOException {
        checkParents(file);
        Optional<BasicFileAttributes> a = attributes(file);
        if (a.isPresent() && isLink(a.get())) {
            throw linked(file);
        }
        FileChannel ch = null;
        if (a.isEmpty()) {
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
                changed.add(file.getParent());
            } catch (FileAlreadyExistsException raced) {
                // another run created it meanwhile: append to it
            }
        }
        if (ch == null) {
            ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
        }
        try (FileChannel out = ch) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(true);
        }
        sync();
    }

    /**
     * The bytes of a file of the updater's own below the root, read only if neither it nor a component
     * on the way to it is a link ({@link #linkOnPath}): a link there is refused, named, and not read.
     */
    public byte[] readOwn(Path file) throws IOException {
        Optional<String> link = linkOnPath(file);
        if (link.isPresent()) {
            throw new UnsafePathException("refused: " + link.get() + " is a symbolic link; the updater reads its state"
                    + " only from files it wrote");
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return in.readAllBytes();
        }
    }

    /**
     * The first component from below the root down to {@code path} (itself included) that is a link or
     * a junction, as a '/'-separated name relative to the root; empty if there is none (a missing
     * component ends the search: nothing resolves through it). For readers that must not follow links
     * either: verify, and the plans of an uninstall or a rollback.
     */
    public Optional<String> linkOnPath(Path path) throws IOException {
        Path current = root;
        for (Path name : relative(path)) {
            current = current.resolve(name);
            Optional<BasicFileAttributes> a = attributes(current);
            if (a.isEmpty()) {
                return Optional.empty();
            }
            if (isLink(a.get())) {
                return Optional.of(name(current));
            }
        }
        return Optional.empty();
    }

    /** Records that {@code dir}'s entries changed by other means (a download renamed into it). */
    public void changed(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        if (!d.startsWith(root)) {
            throw new IllegalArgumentException(dir + " is not inside " + root);
        }
        changed.add(d);
    }

    /** Makes every directory whose entries changed durable (fsync), then forgets them. */
    public void sync() throws IOException {
        for (Path dir : changed) {
            Durable.syncDir(dir);
        }
        changed.clear();
    }

    private void checkParents(Path path) throws IOException {
        Path rel = relative(path);
        Path current = root;
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
            current = current.resolve(rel.getName(i));
            Optional<BasicFileAttributes> a = attributes(current);
            if (a.isEmpty()) {
                return;
            }
            requireDirectory(current, a.get());
        }
    }

    private void requireDirectory(Path p, BasicFileAttributes a) throws UnsafePathException {
        if (isLink(a)) {
            throw linked(p);
        }
        if (!a.isDirectory()) {
            throw new UnsafePathException("refused: " + name(p) + " is a file where a directory is needed");
        }
    }

    private UnsafePathException linked(Path p) {
        return new UnsafePathException("refused: " + name(p) + " is a symbolic link; the updater never writes, renames"
                + " or deletes through a link it did not create");
    }

    private Path relative(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException(path + " is not inside " + root);
        }
        return root.relativize(p);
    }

    private String name(Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    /** The attributes of {@code p} itself (a link is not followed); empty if nothing is there. */
    public static Optional<BasicFileAttributes> attributes(Path p) throws IOException {
        try {
            return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** A symbolic link, or a Windows junction (a directory that is also a reparse point). */
    public static boolean isLink(BasicFileAttributes a) {
        return a.isSymbolicLink() || a.isDirectory() && a.isOther();
    }

    private static boolean isDirectory(BasicFileAttributes a) {
        return a.isDirectory() && !isLink(a);
    }
}
