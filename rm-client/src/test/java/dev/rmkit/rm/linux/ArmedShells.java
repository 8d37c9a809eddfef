package dev.rmkit.rm.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What tests read of a live process from {@code /proc}: argv, environment, and the armed shells waiting. */
final class ArmedShells {

    private ArmedShells() {}

    /** The pids of the armed shells (the {@link ArmedLaunch#SCRIPT} shell, not fired) whose argv has {@code word}. */
    static List<Long> waiting(String word) {
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> {
            List<String> argv = argv(pid);
            return argv.size() > 3 && argv.get(0).equals(ArmedLaunch.SHELL) && argv.get(2).equals(ArmedLaunch.SCRIPT)
                    && argv.contains(word);
        }).toList();
    }

    /** The pids of processes whose argv has {@code word}, armed shells excluded. */
    static List<Long> running(String word) {
        List<Long> armed = waiting(word);
        return ProcessHandle.allProcesses().map(ProcessHandle::pid)
                .filter(pid -> !armed.contains(pid) && argv(pid).contains(word)).toList();
    }

    static List<String> argv(long pid) {
        return nulSeparated(Path.of("/proc", Long.toString(pid), "cmdline"));
    }

    static Map<String, String> environment(long pid) {
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
