package dev.rmkit.rm.linux.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.testing.HolderApp;
import dev.rmkit.rm.testing.JavaProcess;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The /proc scanner against real processes, cross-checked with fuser and lsof on the same files. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "scans /proc, checked against fuser and lsof")
class HolderScanTest {

    @TempDir Path tmp;
    private ProcFs proc;
    private Process other;

    @BeforeEach
    void setUp() throws IOException {
        proc = new ProcFs(Path.of("/proc"));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        if (other != null) {
            other.destroyForcibly();
            other.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private ScanResult scan(Path file) throws IOException {
        return new HolderScan(proc).scan(List.of(file));
    }

    /** A copy of sleep named {@code name} in tmp, running as {@link #other} once it has exec'd. */
    private Path sleepingCopyOfSleep(String name) throws Exception {
        Path exe = Files.copy(Path.of("/bin/sleep"), tmp.resolve(name));
        exe.toFile().setExecutable(true);
        other = new ProcessBuilder(exe.toString(), "600").start();
        JavaProcess.await(() -> proc.stat(other.pid()).map(s -> s.comm().equals(name)).orElse(false),
                java.time.Duration.ofSeconds(10), name + " to exec");
        return exe;
    }

    private Path data(String name) throws IOException {
        return Files.write(tmp.resolve(name), new byte[8192]);
    }

    @Test
    void findsAHolderByOpenFileDescriptorLikeFuserAndLsof() throws Exception {
        Path f = data("held.dat");
        try (JavaProcess p = JavaProcess.start(HolderApp.class, tmp, tmp, "--open", f.toString()).awaitReady()) {
            ScanResult r = scan(f);
            assertEquals(Set.of(p.pid()), r.holders().keySet());
            assertEquals(Set.of(Access.FD), r.holders().get(p.pid()).access());
            assertEquals(r.holders().keySet(), Oracle.fuser(f));
            assertEquals(r.holders().keySet(), Oracle.lsof(f));
        }
    }

    @Test
    void findsAHolderByMemoryMappingLikeFuserAndLsof() throws Exception {
        Path f = data("mapped.dat");
        try (JavaProcess p = JavaProcess.start(HolderApp.class, tmp, tmp, "--map", f.toString()).awaitReady()) {
            ScanResult r = scan(f);
            assertEquals(Set.of(p.pid()), r.holders().keySet());
            assertEquals(Set.of(Access.MAP), r.holders().get(p.pid()).access());
            assertEquals(r.holders().keySet(), Oracle.fuser(f));
            assertEquals(r.holders().keySet(), Oracle.lsof(f));
        }
    }

    @Test
    void findsAHolderByWorkingDirectoryLikeFuserAndLsof() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("work dir"));
        other = new ProcessBuilder("sleep", "600").directory(dir.toFile()).start();
        ScanResult r = scan(dir);
        assertEquals(Set.of(other.pid()), r.holders().keySet());
        assertEquals(Set.of(Access.CWD), r.holders().get(other.pid()).access());
        assertEquals(r.holders().keySet(), Oracle.fuser(dir));
        assertEquals(r.holders().keySet(), Oracle.lsof(dir));
    }

    @Test
    void findsAHolderByExecutableLikeFuserAndLsof() throws Exception {
        Path exe = sleepingCopyOfSleep("holder-exe");
        ScanResult r = scan(exe);
        assertEquals(Set.of(other.pid()), r.holders().keySet());
        assertTrue(r.holders().get(other.pid()).access().contains(Access.EXE), r.holders().toString());
        assertEquals(r.holders().keySet(), Oracle.fuser(exe));
        assertEquals(r.holders().keySet(), Oracle.lsof(exe));
    }

    @Test
    void findsDirectoryAndFileHoldersInOneScanLikeFuserAndLsof() throws Exception {
        // With a directory among the targets the working and root directories are looked at; a file's holder too.
        Path dir = Files.createDirectory(tmp.resolve("cwd dir"));
        Path f = data("open.dat");
        other = new ProcessBuilder("sleep", "600").directory(dir.toFile()).start();
        try (JavaProcess p = JavaProcess.start(HolderApp.class, tmp, tmp, "--open", f.toString()).awaitReady()) {
            ScanResult r = new HolderScan(proc).scan(List.of(f, dir));
            assertEquals(Set.of(p.pid(), other.pid()), r.holders().keySet());
            assertEquals(Set.of(Access.CWD), r.holders().get(other.pid()).access());
            assertEquals(Set.of(Access.FD), r.holders().get(p.pid()).access());
            assertEquals(r.holders().keySet(), Oracle.fuser(f, dir));
            assertEquals(r.holders().keySet(), Oracle.lsof(f, dir));
        }
    }

    @Test
    void leavesOutAZombieWhoseParentStillHoldsTheDirectory() throws Exception {
        // The child exits at once and its parent, exec'd into sleep, never reaps it. A zombie holds nothing
        // (no links, descriptors or memory), and the scan drops a dead process on its stat line.
        Path dir = Files.createDirectory(tmp.resolve("zombie dir"));
        other = new ProcessBuilder("sh", "-c", "true & exec sleep 600").directory(dir.toFile()).start();
        long parent = other.pid();
        JavaProcess.await(() -> zombieChildOf(parent), java.time.Duration.ofSeconds(30), "a zombie child of " + parent);
        ScanResult r = scan(dir);
        assertEquals(Set.of(parent), r.holders().keySet());
        assertEquals(r.holders().keySet(), Oracle.fuser(dir));
    }

    private boolean zombieChildOf(long parent) {
        try {
            return proc.pids().stream().map(proc::stat).flatMap(java.util.Optional::stream)
                    .anyMatch(s -> s.ppid() == parent && s.dead());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void noticesAnOldVersionThatWasReplacedByRename() throws Exception {
        Path f = data("lib.so");
        try (JavaProcess p = JavaProcess.start(HolderApp.class, tmp, tmp, "--map", f.toString()).awaitReady()) {
            Path staged = data("lib.so.new");
            Files.move(staged, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // fuser matches the new inode and no longer sees the old holder; the scan does.
            assertEquals(Set.of(), Oracle.fuser(f));
            ScanResult r = scan(f);
            assertEquals(Set.of(p.pid()), r.holders().keySet());
            assertTrue(r.holders().get(p.pid()).deleted());
        }
    }

    @Test
    void noticesAnOldVersionHeldOpenThatWasReplacedByRename() throws Exception {
        // The scan stats a descriptor first and reads its name only when it may be such an old version.
        Path f = data("held.conf");
        try (JavaProcess p = JavaProcess.start(HolderApp.class, tmp, tmp, "--open", f.toString()).awaitReady()) {
            Files.move(data("held.conf.new"), f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertOldVersionHeld(f, p.pid(), Access.FD);
        }
    }

    @Test
    void noticesAnOldExecutableThatWasReplacedByRename() throws Exception {
        Path exe = sleepingCopyOfSleep("old-exe");
        Files.move(Files.copy(Path.of("/bin/sleep"), tmp.resolve("old-exe.new")), exe, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        assertOldVersionHeld(exe, other.pid(), Access.EXE);
    }

    @Test
    void noticesAnOldWorkingDirectoryThatWasRemovedAndMadeAgain() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("old dir"));
        other = new ProcessBuilder("sleep", "600").directory(dir.toFile()).start();
        JavaProcess.await(() -> proc.stat(other.pid()).map(s -> s.comm().equals("sleep")).orElse(false),
                java.time.Duration.ofSeconds(10), "sleep to exec");
        Files.delete(dir);
        Files.createDirectory(dir);
        assertOldVersionHeld(dir, other.pid(), Access.CWD);
    }

    /** The scan finds {@code pid}, and only it, holding the deleted old version of {@code target} this way; whoHolds too. */
    private void assertOldVersionHeld(Path target, long pid, Access how) throws IOException {
        ScanResult r = scan(target);
        assertEquals(Set.of(pid), r.holders().keySet());
        assertTrue(r.holders().get(pid).access().contains(how), r.holders().toString());
        assertTrue(r.holders().get(pid).deleted(), r.holders().toString());
        ScanResult first = new HolderScan(proc).whoHolds(List.of(target));
        assertEquals(Set.of(pid), first.holders().keySet());
        assertTrue(first.holders().get(pid).deleted(), first.holders().toString());
    }

    @Test
    void whoHoldsFindsTheSameProcessesAsTheFullScanEachByItsFirstMatch() throws Exception {
        // One process holds a file open and has the other mapped, another has a directory as its working
        // directory: the full scan names every way, whoHolds stops at the first and finds the same pids.
        Path open = data("open.dat");
        Path mapped = data("mapped.dat");
        Path dir = Files.createDirectory(tmp.resolve("first dir"));
        other = new ProcessBuilder("sleep", "600").directory(dir.toFile()).start();
        try (JavaProcess p = JavaProcess.start(HolderApp.class, tmp, tmp, "--open", open.toString(), "--map", mapped.toString())
                .awaitReady()) {
            List<Path> targets = List.of(open, mapped, dir);
            ScanResult full = new HolderScan(proc).scan(targets);
            ScanResult first = new HolderScan(proc).whoHolds(targets);
            assertEquals(Set.of(p.pid(), other.pid()), full.holders().keySet());
            assertEquals(Set.of(Access.FD, Access.MAP), full.holders().get(p.pid()).access());
            assertEquals(full.holders().keySet(), first.holders().keySet());
            assertEquals(Set.of(Access.FD), first.holders().get(p.pid()).access());
            assertEquals(Set.of(Access.CWD), first.holders().get(other.pid()).access());
            assertEquals(full.uninspected(), first.uninspected());
            assertEquals(first.holders().keySet(), Oracle.fuser(open, mapped, dir));
        }
    }

    @Test
    void findsNobodyForAnUnheldFileAndNothingForAMissingOne() throws Exception {
        Path f = data("free.dat");
        assertEquals(Map.of(), scan(f).holders());
        assertEquals(Map.of(), scan(tmp.resolve("missing")).holders());
        assertEquals(List.of(), scan(f).uninspected());
    }

    @Test
    void findsTheCallingProcessItself() throws Exception {
        Path f = data("self.dat");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            assertEquals(Set.of(ProcessHandle.current().pid()), scan(f).holders().keySet());
        }
    }
}
