package dev.rmkit.rm.linux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuietJitTest {

    @TempDir
    Path proc;

    private void compilerThread(int tid, char state) throws IOException {
        Path t = proc.resolve("self/task/" + tid);
        Files.createDirectories(t);
        Files.writeString(t.resolve("comm"), "C2 CompilerThre\n");
        Files.writeString(t.resolve("stat"), tid + " (C2 CompilerThre) " + state + " 1 1 1 0 -1 0 0 0 0 0 5 1 0 0 20 0 30 0 100 0 0\n");
        Files.writeString(t.resolve("schedstat"), "4242 10 3\n");
    }

    @Test
    void returnsOnceTheCompilerThreadsSleep() throws IOException {
        compilerThread(7, 'S');
        assertTrue(QuietJit.await(proc, Duration.ofMinutes(5)));
    }

    @Test
    void givesUpAtTheLimitWhileACompilerThreadRuns() throws IOException {
        compilerThread(7, 'S');
        compilerThread(8, 'R');
        assertFalse(QuietJit.await(proc, Duration.ofMillis(20)));
    }

    @Test
    void aJvmWithoutCompilerThreadsDoesNotWait() {
        assertTrue(QuietJit.await(proc.resolve("absent"), Duration.ofMinutes(5)));
    }

    @Test
    void anInterruptedThreadDoesNotWait() throws IOException {
        compilerThread(8, 'R');
        Thread.currentThread().interrupt();
        try {
            assertFalse(QuietJit.await(proc, Duration.ofMinutes(5)));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
    }
}
