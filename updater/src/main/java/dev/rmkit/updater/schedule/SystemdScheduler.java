package dev.rmkit.updater.schedule;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.Durable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Scheduler} for systemd: the units of {@link SystemdUnits} in the system's unit directory (root)
 * or the user's ({@code ~/.config/systemd/user}), enabled by their {@code timers.target.wants} link as
 * {@code systemctl enable} makes it, then, where systemd runs, {@code daemon-reload} and a (re)start of
 * the timer. Remove stops the timer, deletes the files, reloads and forgets a failed last run
 * ({@code reset-failed}), so no trace of the units is left in the manager. Files that do not carry
 * rmkit's marker are never overwritten or deleted.
 */
final class SystemdScheduler implements Scheduler {

    private final Path unitDir;
    private final boolean system;
    private final List<String> systemctl;
    private final boolean systemdRuns;

    /**
     * @param systemctl the systemctl command, with {@code --user} for a user's manager
     * @param systemdRuns whether a systemd manager runs here (else the timer starts at the next boot)
     */
    SystemdScheduler(Path unitDir, boolean system, List<String> systemctl, boolean systemdRuns) {
        this.unitDir = unitDir;
        this.system = system;
        this.systemctl = List.copyOf(systemctl);
        this.systemdRuns = systemdRuns;
    }

    @Override
    public String kind() {
        return "systemd timer (" + (system ? "system" : "user") + ")";
    }

    @Override
    public Registration install(ScheduleSpec spec) throws UpdateException {
        String service;
        String timer;
        try {
            service = SystemdUnits.service(spec, system);
            timer = SystemdUnits.timer(spec);
        } catch (IllegalArgumentException e) {
            throw new UpdateException.Usage(e.getMessage());
        }
        for (String f : SystemdUnits.files(spec.name())) {
            refuseForeign(unitDir.resolve(f));
        }
        Path link = wants(spec.name());
        try {
            Durable.write(unitDir.resolve(spec.name() + ".service"), service.getBytes(StandardCharsets.UTF_8));
            Durable.write(unitDir.resolve(spec.name() + ".timer"), timer.getBytes(StandardCharsets.UTF_8));
            Files.createDirectories(link.getParent());
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, unitDir.resolve(spec.name() + ".timer"));
            }
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot write " + e.getFile() + " (register as root for a "
                    + "per-machine install, as the install's user for a per-user one)", e);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot write the units into " + unitDir + ": " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>(List.of("wrote " + unitDir.resolve(spec.name() + ".service"),
                "wrote " + unitDir.resolve(spec.name() + ".timer"), "enabled by " + link));
        List<String> warnings = new ArrayList<>();
        if (!systemdRuns) {
            lines.add("systemd does not run here: the timer starts at the next boot");
        } else if (systemctl(warnings, "daemon-reload") && systemctl(warnings, "restart", spec.name() + ".timer")) {
            lines.add("started " + spec.name() + ".timer");
        } else {
            warnings.add("the timer starts at the next boot, or run: " + String.join(" ", systemctl) + " start "
                    + spec.name() + ".timer");
        }
        return new Registration(true, lines, warnings);
    }

    @Override
    public Registration remove(String name) throws UpdateException {
        List<String> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean present = Files.exists(unitDir.resolve(name + ".timer"), LinkOption.NOFOLLOW_LINKS);
        if (present && systemdRuns) {
            systemctl(warnings, "stop", name + ".timer");
        }
        try {
            for (String f : SystemdUnits.files(name)) {
                refuseForeign(unitDir.resolve(f));
            }
            Path link = wants(name);
            if (Files.isSymbolicLink(link) && Files.deleteIfExists(link)) {
                lines.add("removed " + link);
            }
            for (String f : SystemdUnits.files(name)) {
                if (Durable.delete(unitDir.resolve(f))) {
                    lines.add("removed " + unitDir.resolve(f));
                }
            }
        } catch (AccessDeniedException e) {
            throw new UpdateException.PermissionDenied("cannot remove " + e.getFile(), e);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot remove the units from " + unitDir + ": " + e.getMessage(), e);
        }
        if (!lines.isEmpty() && systemdRuns) {
            systemctl(warnings, "daemon-reload");
            // A run that failed (exit 77, say) stays listed as a failed unit until this; nothing to reset is fine.
            systemctl(new ArrayList<>(), "reset-failed", name + ".service", name + ".timer");
        }
        if (lines.isEmpty()) {
            lines.add("nothing registered as " + name + " in " + unitDir);
        }
        return new Registration(false, lines, warnings);
    }

    @Override
    public Registration show(String name) throws UpdateException {
        Path timer = unitDir.resolve(name + ".timer");
        if (!Files.isRegularFile(timer, LinkOption.NOFOLLOW_LINKS)) {
            return new Registration(false, List.of("not registered: no " + timer), List.of());
        }
        List<String> lines = new ArrayList<>(List.of(kind() + " " + timer
                + (Files.isSymbolicLink(wants(name)) ? ", enabled" : ", not enabled")));
        try {
            for (String l : Files.readAllLines(timer)) {
                if (l.startsWith("On") || l.startsWith("RandomizedDelaySec=")) {
                    lines.add("  " + l);
                }
            }
            Files.readAllLines(unitDir.resolve(name + ".service")).stream().filter(l -> l.startsWith("ExecStart="))
                    .forEach(l -> lines.add("  " + l));
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot read " + timer + ": " + e.getMessage(), e);
        }
        List<String> warnings = new ArrayList<>();
        if (systemdRuns) {
            List<String> argv = new ArrayList<>(systemctl);
            argv.addAll(List.of("list-timers", "--all", "--no-pager", name + ".timer"));
            ExternalCommand.Result r = ExternalCommand.run(argv);
            if (r.ok()) {
                r.output().lines().forEach(l -> lines.add("  " + l));
            } else {
                warnings.add("systemctl list-timers failed: " + r.output());
            }
        }
        return new Registration(true, lines, warnings);
    }

    private Path wants(String name) {
        return unitDir.resolve("timers.target.wants").resolve(name + ".timer");
    }

    /** A unit file that exists and was not written by rmkit is someone else's: refuse to touch it. */
    private static void refuseForeign(Path file) throws UpdateException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (Files.isSymbolicLink(file) || !Files.readString(file).startsWith(SystemdUnits.MARKER)) {
                throw new UpdateException.Usage(file + " exists and was not written by rmkit; it is left alone "
                        + "(remove or rename it first)");
            }
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private boolean systemctl(List<String> warnings, String... args) {
        List<String> argv = new ArrayList<>(systemctl);
        argv.addAll(List.of(args));
        ExternalCommand.Result r = ExternalCommand.run(argv);
        if (!r.ok()) {
            warnings.add(String.join(" ", argv) + " failed (" + r.code() + "): " + r.output());
        }
        return r.ok();
    }
}
