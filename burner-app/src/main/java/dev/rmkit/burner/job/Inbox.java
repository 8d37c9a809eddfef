package dev.rmkit.burner.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inbox directory. A job appears when a file named {@code ID.job.json} appears in it; writers
 * create the file under another name and rename it, so a half-written job is never seen (a rename is
 * atomic within a directory). A job file stays in the inbox until its session is on the disc, then
 * moves to {@code done/}; a job that cannot be burned moves to {@code failed/} next to an
 * {@code ID.error.txt} that says why. Deleting a queued job's file cancels it.
 */
public final class Inbox {

    private final Path dir;

    public Inbox(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The job files present now, by name (so jobs are taken in name order). */
    public List<Path> jobFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + JobFiles.SUFFIX)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p) && JobFiles.idOf(p.getFileName().toString()).isPresent()) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The job file of {@code id}, if it is still in the inbox. */
    public Optional<Path> jobFile(String id) {
        Path p = dir.resolve(id + JobFiles.SUFFIX);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    /** Moves a burned job's file to {@code done/}. */
    public void done(String id) throws IOException {
        move(id, "done");
    }

    /** Moves a job's file to {@code failed/} with the reason beside it. */
    public void failed(String id, String why) throws IOException {
        Path target = Files.createDirectories(dir.resolve("failed"));
        Files.writeString(target.resolve(id + ".error.txt"), why + System.lineSeparator(), StandardCharsets.UTF_8);
        move(id, "failed");
    }

    private void move(String id, String where) throws IOException {
        Optional<Path> f = jobFile(id);
        if (f.isPresent()) {
            Path target = Files.createDirectories(dir.resolve(where));
            Files.move(f.get(), target.resolve(f.get().getFileName()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
