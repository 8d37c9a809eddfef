package dev.rmkit.rm.linux.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RestartFlag;
import dev.rmkit.rm.linux.Restart;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One cooperating process's registry file, {@code RUNTIME/apps/PID.json} (format in
 * docs/linux-protocol.md). The pid, start ticks and uid let a reader check that the entry describes the
 * live process before it trusts the socket or the restart command.
 *
 * @param v format version, 1
 * @param pid the process
 * @param startTicks its start time in ticks since boot ({@code /proc/PID/stat} field 22)
 * @param uid its effective uid
 * @param appId the app's name
 * @param socket the absolute path of its control socket
 * @param restart its restart command, or null when it has not registered one
 */
public record RegistryEntry(
        @JsonProperty("v") int v,
        @JsonProperty("pid") long pid,
        @JsonProperty("startTicks") long startTicks,
        @JsonProperty("uid") int uid,
        @JsonProperty("appId") String appId,
        @JsonProperty("socket") String socket,
        @JsonProperty("restart") Restart restart) {

    public static final int VERSION = 1;

    public RegistryEntry {
        if (v != VERSION) {
            throw new IllegalArgumentException("unsupported registry entry version " + v);
        }
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive");
        }
        AppIds.check(appId);
        Objects.requireNonNull(socket, "socket");
    }

    /** The restart command in the registry's JSON form. */
    public record Restart(
            @JsonProperty("argv") List<String> argv,
            @JsonProperty("cwd") String cwd,
            @JsonProperty("flags") List<String> flags) {
        public Restart {
            argv = List.copyOf(argv);
            Objects.requireNonNull(cwd, "cwd");
            flags = flags == null ? List.of() : List.copyOf(flags);
        }

        static Restart of(RestartCommand c) {
            return new Restart(c.argv(), c.workingDirectory().toString(),
                    c.flags().stream().map(f -> f.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        }

        RestartCommand toCommand() {
            Set<RestartFlag> fs = EnumSet.noneOf(RestartFlag.class);
            for (String f : flags) {
                fs.add(RestartFlag.valueOf(f.toUpperCase(Locale.ROOT).replace('-', '_')));
            }
            return new RestartCommand(argv, Path.of(cwd), fs);
        }
    }

    /** The registered command, if any. */
    public Optional<RestartCommand> restartCommand() {
        return Optional.ofNullable(restart).map(Restart::toCommand);
    }

    /** A copy with another restart command (or none). */
    public RegistryEntry withRestart(Optional<RestartCommand> command) {
        return new RegistryEntry(v, pid, startTicks, uid, appId, socket, command.map(Restart::of).orElse(null));
    }
}
