package dev.rmkit.rm.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.rm.testing.LeaderlessHolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process whose leader thread exited ({@code pthread_exit}) while another thread holds a file open:
 * {@code /proc/PID/stat} shows a zombie and {@code /proc/PID/fd} is empty, yet it runs and holds the file.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "reads /proc; the holder is a python3 process whose main thread exits")
class LeaderExitedTest {

    @TempDir Path tmp;
    private ProcFs proc;

    @BeforeEach
    void setUp() throws IOException {
        proc = new ProcFs(Path.of("/proc"));
    }

    @Test
    void aProcessWhoseLeaderExitedIsAliveWhileAnotherThreadRuns() throws Exception {
        Path f = Files.write(tmp.resolve("held.dat"), new byte[64]);
        try (LeaderlessHolder p = LeaderlessHolder.start(f, tmp)) {
            ProcStat stat = proc.stat(p.pid()).orElseThrow();
            assertEquals('Z', stat.state(), stat.toString());
            assertTrue(proc.alive(p.pid(), stat.startTicks()), "pid " + p.pid() + " runs a thread but counts as gone");
            assertTrue(proc.alive(proc.processId(stat)), "pid " + p.pid() + " runs a thread but its identity counts as gone");

            p.terminate();
            JavaProcess.await(() -> !proc.alive(p.pid(), stat.startTicks()), Duration.ofSeconds(60), "pid " + p.pid() + " to be gone");
            assertEquals(143, p.awaitExit(Duration.ofSeconds(30)).orElseThrow(), "ended by SIGTERM");
        }
    }

    @Test
    void theScanFindsAFileHeldByAThreadOfAProcessWhoseLeaderExited() throws Exception {
        Path f = Files.write(tmp.resolve("held.dat"), new byte[64]);
        try (LeaderlessHolder p = LeaderlessHolder.start(f, tmp)) {
            ScanResult first = new HolderScan(proc).whoHolds(List.of(f));
            assertEquals(Set.of(p.pid()), first.holders().keySet(), "whoHolds, what the updater runs");
            assertEquals(Set.of(Access.FD), first.holders().get(p.pid()).access());
            ScanResult full = new HolderScan(proc).scan(List.of(f));
            assertEquals(Set.of(p.pid()), full.holders().keySet(), "the full scan");
            assertTrue(full.holders().get(p.pid()).access().contains(Access.FD), full.holders().toString());
            assertEquals(List.of(), full.uninspected());
        }
    }
}
