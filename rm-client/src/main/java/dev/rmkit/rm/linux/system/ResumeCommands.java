package dev.rmkit.rm.linux.system;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rmkit.rm.linux.protocol.AtomicFiles;
import dev.rmkit.rm.linux.protocol.Json;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The argv of every registered resume command, {@code STATE/resume/NAME.json}, kept next to the
 * autostart entry or unit that runs it. The after-boot runner reads them to run every resume
 * before it starts the apps a reboot closed, and a resume that is still registered means that
 * after-boot work is unfinished.
 */
final class ResumeCommands {

    private final Path dir;

    ResumeCommands(Path stateDir) {
        this.dir = stateDir.resolve("resume");
    }

    void put(String name, List<String> argv) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(ResumeEntries.checkName(name) + ".json"), Json.MAPPER.writeValueAsBytes(argv));
    }

    void remove(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(ResumeEntries.checkName(name) + ".json"));
    }

    boolean contains(String name) {
        return Files.exists(dir.resolve(ResumeEntries.checkName(name) + ".json"));
    }

    /** Every registered resume by name, in name order. */
    Map<String, List<String>> all() throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : ds) {
                String n = f.getFileName().toString();
                out.put(n.substring(0, n.length() - 5), Json.MAPPER.readValue(f.toFile(), new TypeReference<List<String>>() {}));
            }
        }
        return new LinkedHashMap<>(out);
    }
}
