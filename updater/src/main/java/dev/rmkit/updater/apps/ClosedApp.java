package dev.rmkit.updater.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.rmkit.rm.AppOwner;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An application the update closed, with what is needed to start it again even if the updater
 * itself dies before restarting it: the journal keeps these, and recovery starts them as their own
 * user where the platform told who that is ({@code SystemControl.ownerOf}).
 *
 * @param name its friendly name
 * @param pid the pid it had
 * @param argv its registered restart command, empty if it registered none
 * @param workingDirectory its registered working directory, empty if none
 * @param owner who it ran as, read while it ran; null (absent from the JSON) where the platform does
 *     not say; read it through {@link #knownOwner()}
 */
public record ClosedApp(String name, long pid, List<String> argv, String workingDirectory,
        @JsonInclude(JsonInclude.Include.NON_NULL) AppOwner owner) {
    public ClosedApp {
        Objects.requireNonNull(name, "name");
        argv = List.copyOf(argv);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    /** An app whose owner is not known. */
    public ClosedApp(String name, long pid, List<String> argv, String workingDirectory) {
        this(name, pid, argv, workingDirectory, null);
    }

    public boolean restartable() {
        return !argv.isEmpty() && !workingDirectory.isEmpty();
    }

    /** Who it ran as, where the platform said. */
    public Optional<AppOwner> knownOwner() {
        return Optional.ofNullable(owner);
    }

    /** This app, with its owner as found while it was running. */
    public ClosedApp withOwner(AppOwner o) {
        return new ClosedApp(name, pid, argv, workingDirectory, Objects.requireNonNull(o, "owner"));
    }
}
