package dev.rmkit.burner.job;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line the burner registers for restart: this JVM's {@code java}, the class path made
 * absolute (a restart may run in another directory), the main class and the {@code start} options,
 * with {@code --restore STATEFILE} so the restarted app carries its state.
 */
public final class RestartArgv {

    private RestartArgv() {}

    /**
     * @param launcher the java launcher
     * @param classPath this JVM's class path (entries separated by {@code separator})
     * @param mainClass the entry point
     * @param startArgs the {@code start} subcommand and its options, without any {@code --restore}
     * @param stateFile the state file to restore from
     */
    public static List<String> of(Path launcher, String classPath, String separator, String mainClass,
            List<String> startArgs, Path stateFile) {
        List<String> argv = new ArrayList<>();
        argv.add(launcher.toString());
        argv.add("-cp");
        List<String> entries = new ArrayList<>();
        for (String e : classPath.split(java.util.regex.Pattern.quote(separator))) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        argv.add(String.join(separator, entries));
        argv.add(mainClass);
        argv.addAll(startArgs);
        argv.add("--restore");
        argv.add(stateFile.toAbsolutePath().normalize().toString());
        return argv;
    }
}
