package dev.rmkit.rm.linux.system;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.RmException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Linux's stand-in for the registry value {@code PendingFileRenameOperations}: a JSON list of
 * {@code {"source": ..., "target": ...}} (target absent = delete), replaced atomically on every
 * change so a crash leaves the old list or the new one.
 */
final class PendingReplacementsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    PendingReplacementsFile(Path file) {
        this.file = file;
    }

    List<PendingReplacement> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Map<String, String>> raw = JSON.readValue(file.toFile(), new TypeReference<>() {});
        List<PendingReplacement> out = new ArrayList<>();
        for (Map<String, String> e : raw) {
            String source = e.get("source");
            if (source == null) {
                throw new IOException("corrupt " + file + ": an entry has no source");
            }
            out.add(new PendingReplacement(Path.of(source), Optional.ofNullable(e.get("target")).map(Path::of)));
        }
        return out;
    }

    void write(List<PendingReplacement> entries) throws IOException {
        if (entries.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        List<Map<String, String>> raw = new ArrayList<>();
        for (PendingReplacement p : entries) {
            raw.add(p.target().isPresent()
                    ? Map.of("source", p.source().toString(), "target", p.target().get().toString())
                    : Map.of("source", p.source().toString()));
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(raw));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Carries out every entry in order, each dropped from the file once done (see {@link LinuxSystemControl#runPendingReplacements}). */
    List<PendingReplacement> runAll() throws RmException {
        List<PendingReplacement> done = new ArrayList<>();
        try {
            List<PendingReplacement> left = new ArrayList<>(read());
            while (!left.isEmpty()) {
                PendingReplacement p = left.get(0);
                if (p.target().isPresent()) {
                    if (Files.exists(p.source())) {
                        Files.move(p.source(), p.target().get(), StandardCopyOption.ATOMIC_MOVE,
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                } else {
                    Files.deleteIfExists(p.source());
                }
                done.add(left.remove(0));
                write(left);
            }
        } catch (IOException e) {
            throw new RmException("pending replacements", "stopped after " + done.size() + ": " + e.getMessage(), e);
        }
        return done;
    }
}
