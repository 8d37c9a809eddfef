package dev.rmkit.rm.linux.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes and removes the files that make a command run once after the next boot or login: a user's
 * XDG autostart entry, or root's systemd unit enabled by its {@code multi-user.target.wants} symlink
 * (what {@code systemctl enable} would create, written directly so no running systemd is needed).
 */
final class ResumeFiles {

    private final LinuxSystemControl.Settings settings;

    ResumeFiles(LinuxSystemControl.Settings settings) {
        this.settings = settings;
    }

    void write(String name, List<String> argv) throws IOException {
        if (settings.systemWide()) {
            String unit = ResumeEntries.unitFileName(name);
            writeFile(settings.systemdUnitDir().resolve(unit),
                    ResumeEntries.systemdUnit(name, argv, name.equals(LinuxSystemControl.AFTER_BOOT)));
            Path wants = settings.systemdUnitDir().resolve("multi-user.target.wants");
            Files.createDirectories(wants);
            Path link = wants.resolve(unit);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of("..", unit));
        } else {
            writeFile(settings.autostartDir().resolve(ResumeEntries.desktopFileName(name)),
                    ResumeEntries.desktopEntry(name, argv));
        }
    }

    void delete(String name) throws IOException {
        String unit = ResumeEntries.unitFileName(name);
        Files.deleteIfExists(settings.systemdUnitDir().resolve("multi-user.target.wants").resolve(unit));
        Files.deleteIfExists(settings.systemdUnitDir().resolve(unit));
        Files.deleteIfExists(settings.autostartDir().resolve(ResumeEntries.desktopFileName(name)));
    }

    /** The registration files of {@code name} that exist now. */
    List<Path> existing(String name) {
        List<Path> out = new ArrayList<>();
        for (Path p : List.of(settings.autostartDir().resolve(ResumeEntries.desktopFileName(name)),
                settings.systemdUnitDir().resolve(ResumeEntries.unitFileName(name)))) {
            if (Files.exists(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static void writeFile(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
