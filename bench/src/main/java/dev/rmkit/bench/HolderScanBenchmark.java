package dev.rmkit.bench;

import dev.rmkit.rm.linux.proc.HolderScan;
import dev.rmkit.rm.linux.proc.ProcFs;
import dev.rmkit.rm.linux.proc.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH: rmkit's in-process holder scan of 100 files while 210 extra {@code sleep} processes hold two of
 * them each (the setting of bench/run's holder-scan row), for profiling {@link HolderScan} with JMH's
 * profilers ({@code -prof stack}, {@code -prof gc}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HolderScanBenchmark {

    private Path dir;
    private final List<Path> files = new ArrayList<>();
    private final List<Process> holders = new ArrayList<>();
    private HolderScan scan;

    @Setup(Level.Trial)
    public void start() throws IOException {
        dir = Files.createTempDirectory("rmkit-jmh-holders");
        for (int i = 1; i <= 100; i++) {
            files.add(Files.writeString(dir.resolve("f" + i), Integer.toString(i)));
        }
        for (int i = 1; i <= 210; i++) {
            String a = files.get(i % 100).toString();
            String b = files.get(i * 7 % 100).toString();
            holders.add(new ProcessBuilder("sh", "-c", "exec 3<\"$0\" 4<\"$1\"; exec sleep 3600", a, b).start());
        }
        scan = new HolderScan(new ProcFs(Path.of("/proc")));
    }

    @Benchmark
    public ScanResult scan100Files() throws IOException {
        return scan.scan(files);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        holders.forEach(Process::destroyForcibly);
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
