package dev.rmkit.rm.linux.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.AppType;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.linux.Listed;
import dev.rmkit.rm.linux.protocol.AppIds;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of the restart list a reboot leaves behind ({@code STATE/restart-after-boot/*.json}): an
 * app that was asked, ended its session and exited for the reboot, with what starting it again after
 * the boot needs. The boot id says which boot it was recorded in, so it is never started again in
 * that same boot.
 *
 * @param v format version, 1
 * @param appId the app's registered name
 * @param pid the pid it had
 * @param startTime when that process had started (with the pid, its identity before the boot)
 * @param argv its registered restart command
 * @param cwd its registered working directory
 * @param owner who it ran as
 * @param bootId the boot it was recorded in
 */
public record RecordedApp(
        @JsonProperty("v") int v,
        @JsonProperty("appId") String appId,
        @JsonProperty("pid") long pid,
        @JsonProperty("startTime") String startTime,
        @JsonProperty("argv") List<String> argv,
        @JsonProperty("cwd") String cwd,
        @JsonProperty("owner") LinuxOwner owner,
        @JsonProperty("bootId") String bootId) {

    public static final int VERSION = 1;

    public RecordedApp {
        if (v != VERSION) {
            throw new IllegalArgumentException("unsupported restart record version " + v);
        }
        AppIds.check(appId);
        Instant.parse(Objects.requireNonNull(startTime, "startTime"));
        argv = List.copyOf(argv);
        Objects.requireNonNull(cwd, "cwd");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(bootId, "bootId");
        RestartCommand.of(argv, Path.of(cwd)); // validates argv and cwd
    }

    /** The record of a listed cooperating app with a restart command, closed for a reboot. */
    static RecordedApp of(Listed app, RestartCommand command, LinuxOwner owner, String bootId) {
        return new RecordedApp(VERSION, app.app().name(), app.pid(), app.app().process().startTime().toString(),
                command.argv(), command.workingDirectory().toString(), owner, bootId);
    }

    public RestartCommand command() {
        return RestartCommand.of(argv, Path.of(cwd));
    }

    /** The app as it was before the boot, with {@code status}, for restart results. */
    public AffectedApp app(Set<AppStatus> status) {
        return new AffectedApp(new ProcessId(pid, Instant.parse(startTime)), appId, "", AppType.MAIN_WINDOW, status,
                true, Optional.of(command()));
    }
}
