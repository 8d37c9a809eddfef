package dev.rmkit.rm.linux;

import dev.rmkit.rm.testing.CooperatingTestApp;
import dev.rmkit.rm.testing.HolderApp;
import dev.rmkit.rm.testing.JavaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Real processes for session tests, all using one isolated runtime directory, and a platform with short
 * timeouts. Close it to kill everything it started, including processes a restart started.
 */
final class SessionFixture implements AutoCloseable {

    final Path dir;
    final Path runtime;
    final LinuxPlatform platform;
    private final List<JavaProcess> started = new ArrayList<>();
    private final List<Long> adopted = new ArrayList<>();

    SessionFixture(Path dir, Duration endSession, Duration kill) throws IOException {
        this.dir = dir;
        this.runtime = dir.resolve("rt");
        this.platform = new LinuxPlatform(LinuxConfig.withRuntimeDir(runtime).withTimeouts(endSession, kill, Duration.ofSeconds(5)));
    }

    SessionFixture(Path dir) throws IOException {
        this(dir, Duration.ofSeconds(20), Duration.ofSeconds(5));
    }

    Path file(String name) throws IOException {
        return Files.writeString(dir.resolve(name), name);
    }

    JavaProcess cooperating(Path workDir, String... args) throws IOException {
        return track(JavaProcess.start(CooperatingTestApp.class, runtime, workDir, args).awaitReady());
    }

    JavaProcess holder(String... args) throws IOException {
        return track(JavaProcess.start(HolderApp.class, runtime, dir, args).awaitReady());
    }

    private JavaProcess track(JavaProcess p) {
        started.add(p);
        return p;
    }

    /** Kills {@code pid} at the end too (a process that a restart started). */
    void adopt(long pid) {
        adopted.add(pid);
    }

    static boolean alive(JavaProcess p) {
        return p.isAlive();
    }

    @Override
    public void close() {
        started.forEach(JavaProcess::close);
        for (long pid : adopted) {
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroyForcibly();
                h.onExit().join();
            });
        }
    }
}
