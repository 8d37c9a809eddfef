package dev.rmkit.rm.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real process whose leader (main) thread has exited while another of its threads keeps a file open:
 * python3, whose worker thread opens the file and sleeps, and whose main thread then calls
 * {@code pthread_exit} through ctypes. {@code /proc/PID/stat} then shows a zombie and {@code /proc/PID/fd}
 * is empty, yet the process runs and holds the file (fuser does not see it). python3 does not catch
 * SIGTERM, so the process ends on it. Where python3 is missing the test is skipped (an assumption).
 */
public final class LeaderlessHolder implements AutoCloseable {

    private static final String SCRIPT = """
            import ctypes, os, sys, threading, time
            opened = threading.Event()
            def hold():
                with open(sys.argv[1], 'rb'):
                    opened.set()
                    while True:
                        time.sleep(3600)
            threading.Thread(target=hold).start()
            opened.wait()
            print('READY', os.getpid(), flush=True)
            ctypes.CDLL(None).pthread_exit(None)
            """;

    private final JavaProcess process;

    private LeaderlessHolder(JavaProcess process) {
        this.process = process;
    }

    /** Starts the holder of {@code file} and waits until its leader is a zombie and its worker still runs. */
    public static LeaderlessHolder start(Path file, Path workDir) throws IOException {
        assumeTrue(Tools.onPath("python3"), "python3 is needed to start a process whose main thread exits");
        JavaProcess p = JavaProcess.startCommand(List.of("python3", "-c", SCRIPT, file.toString()), workDir, Map.of());
        try {
            p.awaitReady();
            long pid = p.pid();
            JavaProcess.await(() -> state(Path.of("/proc", Long.toString(pid), "stat")).equals(Optional.of('Z')) && workerRuns(pid),
                    Duration.ofSeconds(60), "python3 " + pid + " to end its main thread while its worker runs; stderr: " + p.stderr());
            return new LeaderlessHolder(p);
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Sends SIGTERM to the process (all its threads end: python3 does not catch it). */
    public void terminate() {
        process.process().destroy();
    }

    /** Waits for the process to exit; its exit code, or empty if it is still running. */
    public Optional<Integer> awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    @Override
    public void close() {
        process.close();
    }

    /** True if a thread of {@code pid} other than its leader is listed and not a zombie. */
    private static boolean workerRuns(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
            for (Path t : ds) {
                if (!t.getFileName().toString().equals(Long.toString(pid))
                        && state(t.resolve("stat")).filter(s -> s != 'Z' && s != 'X').isPresent()) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** The state letter of a stat line (the field after the command name's last parenthesis), or empty. */
    private static Optional<Character> state(Path stat) {
        try {
            String line = Files.readString(stat);
            int close = line.lastIndexOf(')');
            return close > 0 && close + 2 < line.length() ? Optional.of(line.charAt(close + 2)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
