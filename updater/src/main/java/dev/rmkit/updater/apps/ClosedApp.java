package dev.rmkit.updater.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rmkit.rm.AppOwner;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.ServiceUnit;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An application the update closed, with what is needed to start it again even if the updater
 * itself dies before restarting it: the journal keeps these, and recovery starts them as their own
 * user where the platform told who that is ({@code SystemControl.ownerOf}). A service stopped through
 * its service manager is started again through it, by its unit ({@code SystemControl.startService}).
 *
 * @param name its friendly name (a service: its unit)
 * @param pid the pid it had
 * @param argv its registered restart command, empty if it registered none
 * @param workingDirectory its registered working directory, empty if none
 * @param owner who it ran as, read while it ran; null (absent from the JSON) where the platform does
 *     not say; read it through {@link #knownOwner()}
 * @param service the service unit it ran in, when it was stopped through its service manager; null
 *     (absent) otherwise; read it through {@link #knownService()}
 * @param started when the process {@code pid} started (ISO-8601), as the platform gave it while it ran:
 *     with the pid, the identity of that very process, so that recovery can tell an app that is still
 *     running (the journal is written before the apps are asked to close) from one that was closed; null
 *     (absent) in journals of older updaters; read it through {@link #process()}
 */
public record ClosedApp(String name, long pid, List<String> argv, String workingDirectory,
        @JsonInclude(JsonInclude.Include.NON_NULL) AppOwner owner,
        @JsonInclude(JsonInclude.Include.NON_NULL) ServiceUnit service,
        @JsonInclude(JsonInclude.Include.NON_NULL) String started) {
    public ClosedApp {
        Objects.requireNonNull(name, "name");
        argv = List.copyOf(argv);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    /** An app whose owner is not known. */
    public ClosedApp(String name, long pid, List<String> argv, String workingDirectory) {
        this(name, pid, argv, workingDirectory, null, null, null);
    }

    /** An app that is not a service. */
    public ClosedApp(String name, long pid, List<String> argv, String workingDirectory, AppOwner owner) {
        this(name, pid, argv, workingDirectory, owner, null, null);
    }

    /** An app or service whose start time is not known. */
    public ClosedApp(String name, long pid, List<String> argv, String workingDirectory, AppOwner owner,
            ServiceUnit service) {
        this(name, pid, argv, workingDirectory, owner, service, null);
    }

    /** The service {@code unit}, whose process {@code pid} held the files. */
    public static ClosedApp of(ServiceUnit unit, long pid) {
        return new ClosedApp(unit.name(), pid, List.of(), "", null, unit, null);
    }

    /** Whether it can be started again: a service by its unit, an app by its registered command. */
    public boolean restartable() {
        return service != null || !argv.isEmpty() && !workingDirectory.isEmpty();
    }

    /** Who it ran as, where the platform said. */
    public Optional<AppOwner> knownOwner() {
        return Optional.ofNullable(owner);
    }

    /** The service unit to start it again by, if it is a service. */
    public Optional<ServiceUnit> knownService() {
        return Optional.ofNullable(service);
    }

    /** This app, with its owner as found while it was running. */
    public ClosedApp withOwner(AppOwner o) {
        return new ClosedApp(name, pid, argv, workingDirectory, Objects.requireNonNull(o, "owner"), service, started);
    }

    /** This app, as the very process {@code p} (its pid and start time). */
    public ClosedApp withProcess(ProcessId p) {
        return new ClosedApp(name, p.pid(), argv, workingDirectory, owner, service, p.startTime().toString());
    }

    /** The process it was (pid and start time), where the journal says when it started. */
    public Optional<ProcessId> process() {
        if (started == null || pid <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessId(pid, Instant.parse(started)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
