package dev.rmkit.rm;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an app calls first in {@code main} to recover the working directory it registered for restart.
 *
 * <p>Windows restarts an app with its registered arguments but never in its old working directory,
 * so the Windows backend appends {@code --rmkit-cwd DIR} to the registered arguments. It appends
 * rather than prepends so that a Java app's JVM options stay in front ({@code java --rmkit-cwd …}
 * would not start). The Linux backend restarts in the right directory and adds nothing, so there
 * the result is simply the arguments as given.
 */
public final class RestartArgs {

    /** The option the Windows backend appends, followed by the directory. */
    public static final String WORKING_DIRECTORY_OPTION = "--rmkit-cwd";

    /**
     * The arguments without the trailing working-directory pair, and that directory.
     *
     * @param args what the app should parse
     * @param workingDirectory where the app was registered to run, when it was restarted by Windows
     */
    public record Consumed(List<String> args, Optional<Path> workingDirectory) {
        public Consumed {
            args = List.copyOf(args);
            Objects.requireNonNull(workingDirectory, "workingDirectory");
        }
    }

    private RestartArgs() {}

    /**
     * Removes a trailing {@code --rmkit-cwd DIR} pair. Only the last two arguments are looked at, so
     * an app argument that happens to equal the option elsewhere is left alone. Java cannot change
     * its own working directory: resolve relative paths against the returned directory instead.
     */
    public static Consumed consumeWorkingDirectory(String[] args) {
        List<String> all = Arrays.asList(args.clone());
        int n = all.size();
        if (n >= 2 && WORKING_DIRECTORY_OPTION.equals(all.get(n - 2)) && !all.get(n - 1).isEmpty()) {
            return new Consumed(all.subList(0, n - 2), Optional.of(Path.of(all.get(n - 1))));
        }
        return new Consumed(all, Optional.empty());
    }
}
