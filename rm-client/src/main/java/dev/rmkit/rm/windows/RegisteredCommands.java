package dev.rmkit.rm.windows;

import dev.rmkit.rm.RestartArgs;
import dev.rmkit.rm.RestartCommand;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what another process registered with RegisterApplicationRestart (its image path and the
 * argument string) back into a {@link RestartCommand}. The working directory is the trailing
 * {@code --rmkit-cwd} pair when the app registered through rmkit; otherwise Windows does not know
 * it, and the program's own directory is reported (RmRestart's actual choice is not documented).
 */
final class RegisteredCommands {

    private RegisteredCommands() {}

    static Optional<RestartCommand> of(String image, String arguments) {
        try {
            RestartArgs.Consumed c = RestartArgs.consumeWorkingDirectory(
                    CommandLines.parseArguments(arguments).toArray(String[]::new));
            Path program = Path.of(image);
            Optional<Path> cwd = c.workingDirectory().filter(Path::isAbsolute)
                    .or(() -> Optional.ofNullable(program.getParent()).filter(Path::isAbsolute));
            if (cwd.isEmpty()) {
                return Optional.empty();
            }
            List<String> argv = new ArrayList<>();
            argv.add(image);
            argv.addAll(c.args());
            return Optional.of(RestartCommand.of(argv, cwd.get()));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
