package dev.rmkit.rm.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What tests read of live processes from {@code /proc}: argv, environment, and the restarts armed by the
 * Linux backend (a {@code /bin/sh -c SCRIPT sh DIR ARGV...} waiting for its {@code go}).
 */
public final class ArmedShells {

    /** What the armed shell's script begins with (rm-client's {@code ArmedLaunch.SCRIPT}). */
    static final String SCRIPT_START = "printf r && exec >/dev/null || exit 0\nIFS= read -r rmkit_armed_line";

    private ArmedShells() {}

    /** The pids of the armed shells (the {@link ArmedLaunch#SCRIPT} shell, not fired) whose argv has {@code word}. */
    public static List<Long> waiting(String word) {
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> {
            List<String> argv = argv(pid);
            return argv.size() > 3 && argv.get(0).equals("/bin/sh") && argv.get(1).equals("-c")
                    && argv.get(2).startsWith(SCRIPT_START) && argv.contains(word);
        }).toList();
    }

    /**
     * The one armed shell whose argv has {@code word}, once it waits: a handle, so that a test can kill
     * what it became even if it wrongly started its program (the handle knows the process's start time).
     */
    public static ProcessHandle awaitOne(String word, Duration timeout) {
        JavaProcess.await(() -> waiting(word).size() == 1, timeout, "the launch armed for " + word);
        return ProcessHandle.of(waiting(word).get(0)).orElseThrow();
    }

    /** The pids of processes whose argv has {@code word}, armed shells excluded. */
    public static List<Long> running(String word) {
        List<Long> armed = waiting(word);
        return ProcessHandle.allProcesses().map(ProcessHandle::pid)
                .filter(pid -> !armed.contains(pid) && argv(pid).contains(word)).toList();
    }

    public static List<String> argv(long pid) {
        return nulSeparated(Path.of("/proc", Long.toString(pid), "cmdline"));
    }

    public static Map<String, String> environment(long pid) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String kv : nulSeparated(Path.of("/proc", Long.toString(pid), "environ"))) {
            int eq = kv.indexOf('=');
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return env;
    }

    private static List<String> nulSeparated(Path file) {
        try {
            String s = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            int from = 0;
            for (int i = s.indexOf('\0'); i >= 0; i = s.indexOf('\0', from)) {
                out.add(s.substring(from, i));
                from = i + 1;
            }
            return out;
        } catch (IOException gone) {
            return List.of();
        }
    }
}
