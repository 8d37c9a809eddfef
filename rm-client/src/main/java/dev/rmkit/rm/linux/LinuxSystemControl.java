package dev.rmkit.rm.linux;

import dev.rmkit.rm.PendingReplacement;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.SystemControl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Linux system side. Linux has no boot-time rename list and no RunOnce, so: replacements for the
 * next boot are recorded in a pending file that {@link #runPendingReplacements()} carries out (the
 * updater's {@code resume} calls it); resume-after-boot is a one-shot XDG autostart entry for a user,
 * or for root a systemd unit enabled by its {@code multi-user.target.wants} symlink (what
 * {@code systemctl enable} would create, written directly so no running systemd is needed); the
 * reboot is a configurable command ({@code systemctl reboot} by default) so tests substitute a
 * harmless one.
 */
public final class LinuxSystemControl implements SystemControl {

    private final Settings settings;
    private final PendingReplacementsFile pending;

    /**
     * @param autostartDir {@code $XDG_CONFIG_HOME/autostart}, for a user's resume entries
     * @param systemdUnitDir where root's resume units go ({@code /etc/systemd/system})
     * @param stateDir where the pending replacements are recorded
     * @param rebootCommand argv of the reboot command
     * @param systemWide register resume as a systemd unit (root) rather than an autostart entry
     * @param searchPath directories searched for {@code loginctl}
     */
    public record Settings(Path autostartDir, Path systemdUnitDir, Path stateDir, List<String> rebootCommand,
            boolean systemWide, List<Path> searchPath) {
        public Settings {
            Objects.requireNonNull(autostartDir, "autostartDir");
            Objects.requireNonNull(systemdUnitDir, "systemdUnitDir");
            Objects.requireNonNull(stateDir, "stateDir");
            rebootCommand = List.copyOf(rebootCommand);
            if (rebootCommand.isEmpty()) {
                throw new IllegalArgumentException("rebootCommand needs at least the program");
            }
            searchPath = List.copyOf(searchPath);
        }
    }

    public LinuxSystemControl(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pending = new PendingReplacementsFile(settings.stateDir().resolve("pending-replacements.json"));
    }

    /** The defaults for the running user and environment (see {@link LinuxSystemDefaults}). */
    public static LinuxSystemControl defaults() {
        return new LinuxSystemControl(LinuxSystemDefaults.settings(System.getenv()));
    }

    public Settings settings() {
        return settings;
    }

    /** Runs the reboot command; registered apps come back through their resume registrations. */
    @Override
    public void rebootRestartingApps(String reason) throws RmException {
        run("reboot", settings.rebootCommand());
    }

    /** {@code loginctl terminate-user USER}; without loginctl there is no portable logoff. */
    @Override
    public void logoff() throws RmException {
        Path loginctl = settings.searchPath().stream().map(d -> d.resolve("loginctl"))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new RmException("logoff", "loginctl not found in " + settings.searchPath()
                        + "; without systemd-logind there is no session to end"));
        run("logoff", List.of(loginctl.toString(), "terminate-user", System.getProperty("user.name")));
    }

    @Override
    public void replaceAtReboot(PendingReplacement replacement) throws RmException {
        try {
            List<PendingReplacement> all = new ArrayList<>(pending.read());
            all.add(replacement);
            pending.write(all);
        } catch (IOException e) {
            throw new RmException("replace at reboot", "cannot record " + replacement + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<PendingReplacement> pendingReplacements() throws RmException {
        try {
            return pending.read();
        } catch (IOException e) {
            throw new RmException("pending replacements", e.getMessage(), e);
        }
    }

    /**
     * Carries out the recorded replacements in order, each a rename over the target (or a delete),
     * dropping each from the record once done; an entry whose source is already gone counts as done,
     * so running this again after a crash is safe.
     *
     * @return the replacements carried out
     */
    public List<PendingReplacement> runPendingReplacements() throws RmException {
        List<PendingReplacement> done = new ArrayList<>();
        try {
            List<PendingReplacement> left = new ArrayList<>(pending.read());
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
                pending.write(left);
            }
        } catch (IOException e) {
            throw new RmException("pending replacements", "stopped after " + done.size() + ": " + e.getMessage(), e);
        }
        return done;
    }

    @Override
    public void registerResume(String name, List<String> argv) throws RmException {
        try {
            if (settings.systemWide()) {
                String unit = ResumeEntries.unitFileName(name);
                Path file = settings.systemdUnitDir().resolve(unit);
                writeFile(file, ResumeEntries.systemdUnit(name, argv));
                Path wants = settings.systemdUnitDir().resolve("multi-user.target.wants");
                Files.createDirectories(wants);
                Path link = wants.resolve(unit);
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, Path.of("..", unit));
            } else {
                writeFile(settings.autostartDir().resolve(ResumeEntries.desktopFileName(name)),
                        ResumeEntries.desktopEntry(name, argv));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new RmException("register resume", "cannot register " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void unregisterResume(String name) throws RmException {
        try {
            String unit = ResumeEntries.unitFileName(name);
            Files.deleteIfExists(settings.systemdUnitDir().resolve("multi-user.target.wants").resolve(unit));
            Files.deleteIfExists(settings.systemdUnitDir().resolve(unit));
            Files.deleteIfExists(settings.autostartDir().resolve(ResumeEntries.desktopFileName(name)));
        } catch (IOException | IllegalArgumentException e) {
            throw new RmException("unregister resume", "cannot unregister " + name + ": " + e.getMessage(), e);
        }
    }

    /** The registration files of {@code name} that exist now. */
    public List<Path> resumeRegistrations(String name) {
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

    private static void run(String operation, List<String> argv) throws RmException {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int code = p.waitFor();
            if (code != 0) {
                throw new RmException(operation, code, String.join(" ", argv) + " failed"
                        + (output.isEmpty() ? "" : ": " + output));
            }
        } catch (IOException e) {
            throw new RmException(operation, "cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RmException(operation, "interrupted while running " + String.join(" ", argv), e);
        }
    }

    /** For messages and logs. */
    @Override
    public String toString() {
        return "LinuxSystemControl" + settings;
    }
}
