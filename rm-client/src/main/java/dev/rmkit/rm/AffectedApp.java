package dev.rmkit.rm;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One application that holds a registered resource ({@code RM_PROCESS_INFO}).
 *
 * @param process identity (pid and start time)
 * @param name friendly name: the registered app name, service display name, or the command name
 * @param serviceName short service name (systemd unit on Linux), empty for non-services
 * @param type how it can be shut down
 * @param status what has happened to it in this session
 * @param restartable whether the session can restart it after a shutdown
 * @param restartCommand its registered restart command, if it registered one
 */
public record AffectedApp(
        ProcessId process,
        String name,
        String serviceName,
        AppType type,
        Set<AppStatus> status,
        boolean restartable,
        Optional<RestartCommand> restartCommand) {
    public AffectedApp {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(type, "type");
        status = EnumSets.copy(AppStatus.class, status);
        Objects.requireNonNull(restartCommand, "restartCommand");
    }

    /** A copy with another status. */
    public AffectedApp withStatus(Set<AppStatus> newStatus) {
        return new AffectedApp(process, name, serviceName, type, newStatus, restartable, restartCommand);
    }
}
