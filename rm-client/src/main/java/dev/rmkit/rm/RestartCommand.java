package dev.rmkit.rm;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How an application wants to be brought back: the full argv (carrying its state, such as
 * {@code --restore STATEFILE}), the working directory and the opt-out flags.
 *
 * <p>Windows restarts apps with the registered arguments only and never preserves the working
 * directory, so the Windows backend carries it inside the arguments and the app re-applies it.
 *
 * @param argv program and arguments, at least the program
 * @param workingDirectory absolute directory to restart in
 * @param flags situations in which the app does not want to be restarted
 */
public record RestartCommand(List<String> argv, Path workingDirectory, Set<RestartFlag> flags) {
    public RestartCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv needs at least the program");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("workingDirectory must be absolute: " + workingDirectory);
        }
        flags = EnumSets.copy(RestartFlag.class, flags);
    }

    public static RestartCommand of(List<String> argv, Path workingDirectory) {
        return new RestartCommand(argv, workingDirectory, Set.of());
    }
}
