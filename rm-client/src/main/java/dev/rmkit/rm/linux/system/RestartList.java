package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.linux.protocol.AtomicFiles;
import dev.rmkit.rm.linux.protocol.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The durable list of apps to start again after a reboot, {@code STATE/restart-after-boot/}: one
 * private file per app (mode 0600 in a 0700 directory, written atomically). Two runners after the
 * boot (the after-boot entry and an admin's {@code updater resume}) may race: each record is first
 * claimed by an atomic rename into {@code claimed/}, which only one of them can win, so an app is
 * started at most once; the claimed file is deleted once the start was attempted.
 */
public final class RestartList {

    private final Path dir;

    public RestartList(Path stateDir) {
        this.dir = stateDir.resolve("restart-after-boot");
    }

    Path dir() {
        return dir;
    }

    public void add(RecordedApp app) throws IOException {
        createPrivate(dir);
        AtomicFiles.write(dir.resolve(app.pid() + "-" + app.startTime().replace(':', '-') + ".json"),
                Json.MAPPER.writeValueAsBytes(app));
    }

    /** The records not claimed yet, oldest name first. */
    public List<Path> pending() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    /** A claimed record: its content and the file to delete once it was started. */
    record Claim(RecordedApp app, Path file) {}

    /**
     * Claims one record; empty if another runner claimed it first.
     *
     * @throws IOException if the record cannot be moved or read (a malformed one stays claimed, so it
     *     is never retried blindly)
     */
    public Optional<Claim> claim(Path record) throws IOException {
        Path claimed = dir.resolve("claimed");
        createPrivate(claimed);
        Path target = claimed.resolve(record.getFileName() + "." + ProcessHandle.current().pid());
        try {
            Files.move(record, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException lost) {
            return Optional.empty();
        }
        return Optional.of(new Claim(Json.MAPPER.readValue(target.toFile(), RecordedApp.class), target));
    }

    private static void createPrivate(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            Files.createDirectories(d.getParent());
            try {
                Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // Another runner created it at the same moment.
            }
        }
    }
}
