package dev.rmkit.rm.linux;

import dev.rmkit.rm.linux.protocol.AtomicFiles;
import dev.rmkit.rm.linux.protocol.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

/**
 * Session files in {@code RUNTIME/sessions/}: {@code KEY.json} (mode 0600) holds the registered
 * resources, and {@code KEY.lock} serialises the read-modify-write of processes that register into
 * the same session. The key is 32 random hex digits (128 bits, like the GUID of RmStartSession), so
 * it can be guessed by no one and is safe as a file name.
 */
final class SessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;

    SessionStore(Path runtimeDir) {
        this.dir = runtimeDir.resolve("sessions");
    }

    static String newKey() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static boolean validKey(String key) {
        return key != null && key.matches("[0-9a-f]{32}");
    }

    Path file(String key) {
        return dir.resolve(key + ".json");
    }

    /** Where a shutdown of the session writes its compiler directive ({@link CompileHold}), for a moment. */
    Path compileDirective(String key) {
        return dir.resolve(key + ".compile-hold.json");
    }

    boolean exists(String key) {
        return Files.isRegularFile(file(key));
    }

    void create(String key) throws IOException {
        AtomicFiles.write(file(key), Json.MAPPER.writeValueAsBytes(SessionResources.empty()));
    }

    SessionResources read(String key) throws IOException {
        return Json.MAPPER.readValue(file(key).toFile(), SessionResources.class);
    }

    /** Applies {@code change} to the stored resources under the session's lock. */
    SessionResources update(String key, UnaryOperator<SessionResources> change) throws IOException {
        Path lock = dir.resolve(key + ".lock");
        try (FileChannel ch = FileChannel.open(lock, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                FileLock l = ch.lock()) {
            if (!exists(key)) {
                throw new IOException("session " + key + " has ended");
            }
            SessionResources next = change.apply(read(key));
            AtomicFiles.write(file(key), Json.MAPPER.writeValueAsBytes(next));
            return next;
        }
    }

    void delete(String key) throws IOException {
        Files.deleteIfExists(file(key));
        Files.deleteIfExists(dir.resolve(key + ".lock"));
        Files.deleteIfExists(compileDirective(key)); // there only if a shutdown's JVM died while writing it
    }
}
