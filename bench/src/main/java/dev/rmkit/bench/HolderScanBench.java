package dev.rmkit.bench;

import dev.rmkit.rm.linux.proc.HolderScan;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.proc.ScanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Benchmark 2: who holds these files. rmkit's in-process {@link HolderScan} (a warm JVM, as in a
 * long-running updater or the {@code updater holders} command after its first scan) against {@code fuser
 * FILES...} and {@code lsof -t FILES...} on the same files, run alternately so the shared machine's
 * load hits all three alike. The holders are started by bench/run.
 *
 * <p>Usage: {@code HolderScanBench LISTFILE ROUNDS} where LISTFILE names one target file per line.
 */
public final class HolderScanBench {

    private HolderScanBench() {}

    public static void main(String[] args) throws Exception {
        List<Path> files = Files.readAllLines(Path.of(args[0])).stream().filter(s -> !s.isBlank()).map(Path::of).toList();
        int rounds = Integer.parseInt(args[1]);
        HolderScan scan = new HolderScan(new ProcFs(Path.of("/proc")));
        List<String> fuser = new ArrayList<>(List.of("fuser"));
        List<String> lsof = new ArrayList<>(List.of("lsof", "-t"));
        files.forEach(f -> {
            fuser.add(f.toString());
            lsof.add(f.toString());
        });

        // Same answer first: a fast scan that misses holders proves nothing.
        Set<Long> ours = new TreeSet<>(scan.scan(files).holders().keySet());
        Set<Long> theirs = pids(Commands.run(fuser, 0, 1).stdout());
        Set<Long> lsofs = pids(Commands.run(lsof, 0, 1).stdout());
        System.out.println("NOTE\tholder-scan\trmkit found " + ours.size() + " holders, fuser " + theirs.size()
                + ", lsof " + lsofs.size() + (ours.equals(theirs) ? " (same pids as fuser)" : " (DIFFERENT pids from fuser)"));

        for (int i = 0; i < 30; i++) {
            scan.scan(files); // JIT warm-up
        }
        List<Double> r = new ArrayList<>();
        List<Double> f = new ArrayList<>();
        List<Double> l = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            ScanResult res = scan.scan(files);
            r.add((System.nanoTime() - t0) / 1e6);
            if (res.holders().isEmpty()) {
                throw new IllegalStateException("the scan found no holder");
            }
            f.add(Commands.run(fuser, 0, 1).millis());
            l.add(Commands.run(lsof, 0, 1).millis());
        }
        System.out.println(Stats.of(r).line("holder-scan.rmkit", "ms"));
        System.out.println(Stats.of(f).line("holder-scan.fuser", "ms"));
        System.out.println(Stats.of(l).line("holder-scan.lsof", "ms"));
    }

    /** The pids a tool printed (fuser: pids with access letters on stdout; lsof -t: one per line). */
    static Set<Long> pids(String out) {
        Set<Long> pids = new TreeSet<>();
        Arrays.stream(out.split("\\s+")).map(w -> w.replaceAll("[^0-9]", "")).filter(w -> !w.isEmpty())
                .forEach(w -> pids.add(Long.parseLong(w)));
        return pids;
    }
}
