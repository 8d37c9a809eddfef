package dev.rmkit.updater.apply;

import dev.rmkit.rm.linux.AppOwner;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An application the update closed, with what is needed to start it again even if the updater
 * itself dies before restarting it: the journal keeps these, and recovery starts them, as their own
 * user where the owner is known (rm-client's {@code AppOwner}, Linux).
 *
 * @param name its friendly name
 * @param pid the pid it had
 * @param argv its registered restart command, empty if it registered none
 * @param workingDirectory its registered working directory, empty if none
 * @param uid its user, or -1 where unknown (then it is started as the updater's user)
 * @param gid its group, or -1 where unknown
 * @param runtimeDir the rmkit runtime directory it registered in, empty where unknown
 * @param environment the session-locating part of its environment (rm-client keeps only those
 *     variables, so the journal holds no secrets)
 */
public record ClosedApp(String name, long pid, List<String> argv, String workingDirectory, int uid, int gid,
        String runtimeDir, Map<String, String> environment) {
    public ClosedApp {
        Objects.requireNonNull(name, "name");
        argv = List.copyOf(argv);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (uid < -1 || gid < -1) {
            throw new IllegalArgumentException("uid and gid are -1 (unknown) or not negative: " + uid + "/" + gid);
        }
        Objects.requireNonNull(runtimeDir, "runtimeDir");
        environment = Map.copyOf(environment);
    }

    /** An app whose owner is not known. */
    public ClosedApp(String name, long pid, List<String> argv, String workingDirectory) {
        this(name, pid, argv, workingDirectory, -1, -1, "", Map.of());
    }

    public boolean restartable() {
        return !argv.isEmpty() && !workingDirectory.isEmpty();
    }

    /** The owner, where it was known when the app was closed. */
    public Optional<AppOwner> owner() {
        return uid < 0 || gid < 0 || runtimeDir.isEmpty() ? Optional.empty()
                : Optional.of(new AppOwner(uid, gid, runtimeDir, environment));
    }

    /** This app, with its owner as found while it was running. */
    public ClosedApp withOwner(AppOwner o) {
        return new ClosedApp(name, pid, argv, workingDirectory, o.uid(), o.gid(), o.runtimeDir(), o.environment());
    }
}
