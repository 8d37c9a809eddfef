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
 * Benchmark 2: who holds these files. rmkit's in-process {@link HolderScan#whoHolds} (a warm JVM, as in a
 * long-running updater or the {@code updater holders} command after its first scan) against {@code fuser
 * FILES...} and {@code lsof -t FILES...} on the same files, run alternately so the shared machine's
 * load hits all three alike. The holders are started by bench/run.
 *
 * <p>Usage: {@code HolderScanBench LISTFILE ROUNDS [NAME]} where LISTFILE names one target file per line and
 * NAME (default {@code holder-scan}) prefixes the results. It fails unless all three find the same pids.
 */
public final class HolderScanBench {

    private HolderScanBench() {}

    public static void main(String[] args) throws Exception {
        List<Path> files = Files.readAllLines(Path.of(args[0])).stream().filter(s -> !s.isBlank()).map(Path::of).toList();
        int rounds = Integer.parseInt(args[1]);
        String name = args.length > 2 ? args[2] : "holder-scan";
        HolderScan scan = new HolderScan(new ProcFs(Path.of("/proc")));
        List<String> fuser = new ArrayList<>(List.of("fuser"));
        List<String> lsof = new ArrayList<>(List.of("lsof", "-t"));
        files.forEach(f -> {
            fuser.add(f.toString());
            lsof.add(f.toString());
        });

        // Same answer first: a fast scan that misses holders proves nothing. whoHolds is what the updater runs
        // (the holders' pids); scan also names every way each holder holds the files, like fuser's letters.
        Set<Long> ours = new TreeSet<>(scan.whoHolds(files).holders().keySet());
        if (!ours.equals(scan.scan(files).holders().keySet())) {
            throw new IllegalStateException("whoHolds and the full scan differ: " + ours + ", " + scan.scan(files).holders().keySet());
        }
        Set<Long> theirs = pids(Commands.run(fuser, 0, 1).stdout());
        Set<Long> lsofs = pids(Commands.run(lsof, 0, 1).stdout());
        if (!ours.equals(theirs) || !ours.equals(lsofs)) {
            throw new IllegalStateException("the holders differ: rmkit " + ours + ", fuser " + theirs + ", lsof " + lsofs);
        }
        System.out.println("NOTE\t" + name + "\trmkit found " + ours.size() + " holders, fuser " + theirs.size()
                + ", lsof " + lsofs.size() + ": the same pids");

        for (int i = 0; i < 30; i++) {
            scan.whoHolds(files); // JIT warm-up
            scan.scan(files);
        }
        List<Double> r = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        List<Double> f = new ArrayList<>();
        List<Double> l = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            ScanResult res = scan.whoHolds(files);
            r.add((System.nanoTime() - t0) / 1e6);
            if (res.holders().isEmpty()) {
                throw new IllegalStateException("the scan found no holder");
            }
            t0 = System.nanoTime();
            scan.scan(files);
            full.add((System.nanoTime() - t0) / 1e6);
            f.add(Commands.run(fuser, 0, 1).millis());
            l.add(Commands.run(lsof, 0, 1).millis());
        }
        System.out.println(Stats.of(r).line(name + ".rmkit", "ms"));
        System.out.printf(java.util.Locale.ROOT, "NOTE\t%s-full\t%s: rmkit's full scan (every way each holder holds the files,"
                + " like fuser's letters; the row times whoHolds, which the updater runs): median %.1f ms%n", name, name, Stats.of(full).median());
        System.out.println(Stats.of(f).line(name + ".fuser", "ms"));
        System.out.println(Stats.of(l).line(name + ".lsof", "ms"));
    }

    /** The pids a tool printed (fuser: pids with access letters on stdout; lsof -t: one per line). */
    static Set<Long> pids(String out) {
        Set<Long> pids = new TreeSet<>();
        Arrays.stream(out.split("\\s+")).map(w -> w.replaceAll("[^0-9]", "")).filter(w -> !w.isEmpty())
                .forEach(w -> pids.add(Long.parseLong(w)));
        return pids;
    }
}
