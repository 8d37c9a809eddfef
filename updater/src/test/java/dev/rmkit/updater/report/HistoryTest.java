package dev.rmkit.updater.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.StateJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

    @TempDir Path tmp;
    final Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

    InstallLayout install() throws IOException {
        InstallLayout l = new InstallLayout(tmp.resolve("app"));
        Files.createDirectories(l.stateDir());
        return l;
    }

    UpdateReport report(String command, String to) {
        return new ReportBuilder(command, tmp.resolve("app"), clock).versions("1.0.0", to)
                .refused(new AppReport("burner", 42, "Burning session 2 of 'Photos' - 40%"))
                .fail(new UpdateException.Deferred("deferred")).build();
    }

    @Test
    void eachRunIsOneLineExactlyAsItsJsonAndTheLinesStayInOrder() throws Exception {
        InstallLayout l = install();
        UpdateReport first = report("apply", "2.0.0");
        UpdateReport second = report("auto", "2.1.0");

        History.append(l, first);
        History.append(l, second);

        List<String> lines = Files.readAllLines(l.historyFile());
        assertEquals(List.of(StateJson.line(first), StateJson.line(second)), lines);
        History.Lines read = History.read(l);
        assertEquals(List.of(first, second), read.runs());
        assertEquals(lines, read.raw());
        assertEquals(0, read.unreadable());
    }

    @Test
    void aTornLastLineIsSkippedAndTheOthersAreRead() throws Exception {
        InstallLayout l = install();
        History.append(l, report("apply", "2.0.0"));
        String line = StateJson.line(report("apply", "2.1.0"));
        Files.write(l.historyFile(), line.substring(0, line.length() / 2).getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        History.Lines read = History.read(l);

        assertEquals(1, read.runs().size());
        assertEquals(1, read.unreadable());
    }

    @Test
    void aDirectoryThatIsNotAnInstallGetsNoHistory() throws Exception {
        InstallLayout l = new InstallLayout(tmp.resolve("nothing-here"));
        History.append(l, report("apply", "2.0.0"));
        assertFalse(Files.exists(l.installDir()));
        assertEquals(0, History.read(l).runs().size());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void neverWritesThroughASymlink() throws Exception {
        InstallLayout l = install();
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere"), "precious\n");
        Files.createSymbolicLink(l.historyFile(), elsewhere);

        IOException e = assertThrows(IOException.class, () -> History.append(l, report("apply", "2.0.0")));

        assertTrue(e.getMessage().startsWith("refused: .rmkit/history.jsonl is a symbolic link"), e.getMessage());
        assertEquals("precious\n", Files.readString(elsewhere));
        assertTrue(Files.isSymbolicLink(l.historyFile()), "the link stays");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void neverReadsThroughASymlink() throws Exception {
        InstallLayout l = install();
        Path elsewhere = tmp.resolve("elsewhere.jsonl");
        Files.writeString(elsewhere, StateJson.line(report("apply", "2.0.0")) + "\n");
        Files.createSymbolicLink(l.historyFile(), elsewhere);

        IOException e = assertThrows(IOException.class, () -> History.read(l));

        assertTrue(e.getMessage().contains(".rmkit/history.jsonl is a symbolic link"), e.getMessage());
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aStateDirectoryThatIsALinkGetsNoLine() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        InstallLayout l = new InstallLayout(Files.createDirectories(tmp.resolve("app")));
        Files.createSymbolicLink(l.stateDir(), elsewhere);

        History.append(l, report("apply", "2.0.0"));

        assertFalse(Files.exists(elsewhere.resolve("history.jsonl")));
    }

    @Test
    void concurrentRunsEachAppendWholeLines() throws Exception {
        InstallLayout l = install();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        History.append(l, report("auto", thread + "." + i + ".0"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        History.Lines read = History.read(l);
        assertEquals(800, read.runs().size());
        assertEquals(0, read.unreadable());
        assertTrue(read.raw().stream().allMatch(x -> x.startsWith("{") && x.endsWith("}")));
    }
}
