package dev.rmkit.rm.linux;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.linux.proc.CgroupUnit;
import dev.rmkit.rm.linux.proc.ProcStat;
import dev.rmkit.rm.linux.proc.ProcStatus;
import dev.rmkit.rm.linux.protocol.Registry;
import java.util.Objects;
import java.util.Optional;

/**
 * One affected app as the Linux backend knows it: the portable view plus what shutdown and restart
 * need (the stat line for identity checks, credentials, the validated registry entry, the executable).
 *
 * @param app the portable view
 * @param stat identity and flags at list time
 * @param status credentials at list time
 * @param registration the validated registry entry, if the app cooperates
 * @param ignoredEntry why a registry entry for this process was ignored, if one was
 * @param exe the executable path, if readable
 * @param unit the systemd service it runs in, with the manager that runs it, if any
 */
public record Listed(
        AffectedApp app,
        ProcStat stat,
        ProcStatus status,
        Optional<Registry.Lookup.Registered> registration,
        Optional<String> ignoredEntry,
        Optional<String> exe,
        Optional<CgroupUnit.Unit> unit) {
    public Listed {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(stat, "stat");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(ignoredEntry, "ignoredEntry");
        Objects.requireNonNull(exe, "exe");
        Objects.requireNonNull(unit, "unit");
    }

    public long pid() {
        return stat.pid();
    }

    public boolean cooperating() {
        return registration.isPresent();
    }

    /**
     * The restart command of its registry entry, if it cooperates and registered one. Plain code, no
     * lambda: the restart calls it while the app is down (a lambda's first run costs a bootstrap).
     */
    public Optional<RestartCommand> registeredCommand() {
        return registration.isPresent() ? registration.get().entry().restartCommand() : Optional.empty();
    }
}
