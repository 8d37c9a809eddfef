package dev.rmkit.rm.linux.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** The external tools the scanner is checked against: {@code fuser} and {@code lsof -t}. */
final class Oracle {

    private Oracle() {}

    /** The pids {@code fuser FILE} prints (it prints pids on stdout, names and access letters on stderr). */
    static Set<Long> fuser(Path file) throws IOException, InterruptedException {
        return pids(run("/usr/bin/fuser", file.toString()));
    }

    /** The pids {@code lsof -t FILE} prints, one per line. */
    static Set<Long> lsof(Path file) throws IOException, InterruptedException {
        return pids(run("/usr/bin/lsof", "-t", "-w", file.toString()));
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static Set<Long> pids(String out) {
        Set<Long> pids = new TreeSet<>();
        for (String tok : out.trim().split("\\s+")) {
            String digits = tok.replaceAll("[^0-9]", "");
            if (!digits.isEmpty()) {
                pids.add(Long.parseLong(digits));
            }
        }
        return pids;
    }
}
