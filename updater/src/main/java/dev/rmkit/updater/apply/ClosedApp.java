package dev.rmkit.updater.apply;

import java.util.List;
import java.util.Objects;

/**
 * An application the update closed, with what is needed to start it again even if the updater
 * itself dies before restarting it: the journal keeps these, and recovery starts them.
 *
 * @param name its friendly name
 * @param pid the pid it had
 * @param argv its registered restart command, empty if it registered none
 * @param workingDirectory its registered working directory, empty if none
 */
public record ClosedApp(String name, long pid, List<String> argv, String workingDirectory) {
    public ClosedApp {
        Objects.requireNonNull(name, "name");
        argv = List.copyOf(argv);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
    }

    public boolean restartable() {
        return !argv.isEmpty() && !workingDirectory.isEmpty();
    }
}
