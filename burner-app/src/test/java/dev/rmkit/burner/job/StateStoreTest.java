package dev.rmkit.burner.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.burner.disc.MediaType;
import dev.rmkit.burner.disc.Speed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {

    @TempDir Path tmp;

    static Job job(String id) {
        return new Job(id, "Label " + id, List.of(Path.of("/data/" + id)), List.of("/gone"), false);
    }

    @Test
    void aSavedStateLoadsBackUnchanged() throws IOException, BurnerException {
        BurnerState s = new BurnerState(tmp.resolve("d.iso"), Optional.of(UUID.randomUUID()), tmp.resolve("in"),
                MediaType.DVD_R, Speed.parse("4x"), List.of(job("a"), job("b")), Optional.of(job("c")));
        Path f = tmp.resolve("state.json");
        StateStore.save(f, s);
        assertEquals(s, StateStore.load(f));
        try (var files = Files.list(tmp)) {
            assertEquals(List.of(f), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aDamagedStateFileIsBadInputAndAMissingOneIsNoInput() throws IOException {
        Path f = Files.writeString(tmp.resolve("state.json"), "{\"version\":1,\"disc\":\"/d\"}");
        BurnerException e = assertThrows(BurnerException.class, () -> StateStore.load(f));
        assertEquals(ExitCode.DATA_ERROR, e.exitCode());
        assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
        assertEquals(ExitCode.NO_INPUT,
                assertThrows(BurnerException.class, () -> StateStore.load(tmp.resolve("none"))).exitCode());
    }

    @Test
    void anInterruptedJobGoesBackToTheHeadOfTheQueue() {
        BurnerState s = BurnerState.fresh(tmp.resolve("d.iso"), tmp, MediaType.CD_R, Speed.MAX)
                .enqueue(job("a")).enqueue(job("b")).start();
        assertEquals(Optional.of(job("a")), s.current());
        assertTrue(s.knows("a") && s.knows("b"));
        BurnerState back = s.requeue();
        assertEquals(List.of(job("a"), job("b")), back.queue());
        assertEquals(Optional.empty(), back.current());
    }

    @Test
    void theVetoReasonNamesSessionLabelAndPercent() {
        assertEquals("Burning session 3 of 'Photos' \u2014 42%", Reasons.burning(3, "Photos", 42));
    }

    @Test
    void theRestartCommandCarriesAnAbsoluteClassPathAndTheStateFile() {
        // Absolute paths of the OS running the test: "/abs/b.jar" is relative to the drive on Windows.
        Path b = Path.of("/abs/b.jar").toAbsolutePath();
        Path state = Path.of("/s/state.json").toAbsolutePath();
        List<String> argv = RestartArgv.of(Path.of("/jdk/bin/java"), "lib/a.jar;" + b, ";", "x.Main",
                List.of("start", "--disc", "/d.iso"), state);
        assertEquals(Path.of("/jdk/bin/java").toString(), argv.get(0));
        assertEquals(Path.of("lib/a.jar").toAbsolutePath() + ";" + b, argv.get(2));
        assertEquals(List.of("x.Main", "start", "--disc", "/d.iso", "--restore", state.toString()),
                argv.subList(3, argv.size()));
    }
}
