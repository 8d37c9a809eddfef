package dev.rmkit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the reference tools (fuser, lsof, curl) as a person would, one whole process per run, and times
 * them from fork to exit: that wall time is what a user of the tool pays.
 */
final class Commands {

    private Commands() {}

    /** What one run took and what it printed on stdout. */
    record Run(double millis, int exitCode, String stdout) {}

    /** Runs {@code argv}, stdout captured, stderr discarded; fails on an exit code not in {@code okCodes}. */
    static Run run(List<String> argv, int... okCodes) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        long t0 = System.nanoTime();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        long t1 = System.nanoTime();
        boolean ok = okCodes.length == 0 ? code == 0 : java.util.Arrays.stream(okCodes).anyMatch(c -> c == code);
        if (!ok) {
            throw new IOException(argv.get(0) + " exited " + code);
        }
        return new Run((t1 - t0) / 1e6, code, new String(out, StandardCharsets.UTF_8));
    }
}
