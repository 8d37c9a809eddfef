package dev.rmkit.burner.iso;

import dev.rmkit.burner.BurnerException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;

/**
 * Turns the previous session's tree into the next one: removals first, then additions. A source file
 * or directory lands at the root under its own name; a directory merges into a directory of the same
 * name. A file whose size and modification second equal those on the disc is unchanged and keeps its
 * old extent (rsync's quick check); anything else is written anew. Every source is checked here,
 * before a single block is written.
 */
public final class TreeEdits {

    private TreeEdits() {}

    /** Drops {@code discPath} ("/docs/a.txt" or "docs") from the tree. */
    public static void remove(DiscDir root, String discPath) throws BurnerException {
        List<String> parts = List.of(discPath.split("/")).stream().filter(p -> !p.isEmpty()).toList();
        if (parts.isEmpty()) {
            throw BurnerException.badInput("cannot remove '" + discPath + "': name a file or directory on the disc");
        }
        DiscDir dir = root;
        for (String p : parts.subList(0, parts.size() - 1)) {
            dir = dir.dirs().get(p);
            if (dir == null) {
                throw BurnerException.badInput("cannot remove '" + discPath + "': it is not on the disc");
            }
        }
        if (!dir.remove(parts.get(parts.size() - 1))) {
            throw BurnerException.badInput("cannot remove '" + discPath + "': it is not on the disc");
        }
    }

    /** Adds {@code source} (a file or a directory tree) at the root of the tree. */
    public static void add(DiscDir root, Path source) throws BurnerException {
        Path abs = source.toAbsolutePath().normalize();
        if (abs.getFileName() == null) {
            throw BurnerException.badInput("cannot burn '" + source + "': name a file or directory below the root");
        }
        if (!Files.exists(abs)) {
            throw BurnerException.missingInput("cannot burn '" + source + "': no such file or directory");
        }
        try {
            Files.walkFileTree(abs, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new Adder(root, abs));
        } catch (WalkFailure w) {
            throw w.error;
        } catch (IOException e) {
            throw BurnerException.missingInput("cannot read '" + source + "': " + e.getMessage());
        }
    }

    /** Carries a BurnerException out of the visitor, whose methods may only throw IOException. */
    private static final class WalkFailure extends IOException {
        private static final long serialVersionUID = 1L;
        final transient BurnerException error;

        WalkFailure(BurnerException error) {
            super(error.getMessage());
            this.error = error;
        }
    }

    private static final class Adder extends SimpleFileVisitor<Path> {
        private final Deque<DiscDir> stack = new ArrayDeque<>();

        Adder(DiscDir root, Path top) {
            stack.push(root);
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            String name = checkedName(dir);
            if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
                throw new WalkFailure(BurnerException.missingInput("cannot burn '" + dir + "': permission denied"));
            }
            Instant mtime = attrs.lastModifiedTime().toInstant();
            DiscDir d = stack.peek().dir(name, mtime);
            d.touch(mtime);
            stack.push(d);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
                return visitFileFailed(dir, e);
            }
            stack.pop();
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            String name = checkedName(file);
            if (!attrs.isRegularFile()) {
                throw new WalkFailure(BurnerException.badInput("cannot burn '" + file
                        + "': not a regular file (devices, pipes and sockets cannot go on a disc)"));
            }
            if (!Files.isReadable(file)) {
                throw new WalkFailure(BurnerException.missingInput("cannot burn '" + file + "': permission denied"));
            }
            if (attrs.size() > DiscFile.MAX_SIZE) {
                throw new WalkFailure(BurnerException.badInput("cannot burn '" + file + "': " + attrs.size()
                        + " bytes; a file on this disc must be under 4 GiB (one ISO 9660 extent)"));
            }
            Instant mtime = Instant.ofEpochSecond(attrs.lastModifiedTime().toInstant().getEpochSecond());
            DiscDir parent = stack.peek();
            DiscFile old = parent.files().get(name);
            if (old == null || !(old.data() instanceof FileData.OnDisc) || old.size() != attrs.size()
                    || !old.modified().equals(mtime)) {
                parent.put(new DiscFile(name, attrs.size(), mtime, new FileData.FromSource(file)));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof FileSystemLoopException) {
                throw new WalkFailure(BurnerException.badInput("cannot burn '" + file + "': symbolic link loop"));
            }
            if (e instanceof NoSuchFileException) {
                throw new WalkFailure(BurnerException.missingInput("cannot burn '" + file
                        + "': no such file (or a broken symbolic link)"));
            }
            if (e instanceof AccessDeniedException) {
                throw new WalkFailure(BurnerException.missingInput("cannot burn '" + file + "': permission denied"));
            }
            throw new WalkFailure(BurnerException.missingInput("cannot read '" + file + "': " + e.getMessage()));
        }

        private static String checkedName(Path p) throws WalkFailure {
            String name = p.getFileName().toString();
            var problem = JolietNames.problem(name);
            if (problem.isPresent()) {
                throw new WalkFailure(BurnerException.badInput("cannot burn '" + p + "': " + problem.get()
                        + "; rename it"));
            }
            return name;
        }
    }
}
