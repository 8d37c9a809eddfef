package dev.rmkit.rm.linux.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The external tools the scanner is checked against: {@code fuser} and {@code lsof -t}. */
final class Oracle {

    private Oracle() {}

    /** The pids {@code fuser FILE...} prints (it prints pids on stdout, names and access letters on stderr). */
    static Set<Long> fuser(Path... files) throws IOException, InterruptedException {
        return pids(run(List.of("/usr/bin/fuser"), files));
    }

    /** The pids {@code lsof -t FILE...} prints, one per line. */
    static Set<Long> lsof(Path... files) throws IOException, InterruptedException {
        return pids(run(List.of("/usr/bin/lsof", "-t", "-w"), files));
    }

    private static String run(List<String> tool, Path... files) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(tool);
        for (Path f : files) {
            cmd.add(f.toString());
        }
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
