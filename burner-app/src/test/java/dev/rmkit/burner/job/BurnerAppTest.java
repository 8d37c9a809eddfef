package dev.rmkit.burner.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.burner.BurnRequest;
import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.burner.SessionBurner;
import dev.rmkit.burner.disc.BurnMonitor;
import dev.rmkit.burner.disc.DiscHeader;
import dev.rmkit.burner.disc.DiscImage;
import dev.rmkit.burner.disc.MediaType;
import dev.rmkit.burner.disc.SessionInfo;
import dev.rmkit.burner.disc.Speed;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.QueryAnswer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The long-running app in-process, on real disc images; the cooperation ITs run it as a real process. */
class BurnerAppTest {

    @TempDir Path tmp;
    Path disc;
    Path inbox;
    Path stateFile;
    List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void dirs() throws IOException {
        disc = tmp.resolve("disc.iso");
        inbox = Files.createDirectories(tmp.resolve("inbox"));
        stateFile = inbox.resolve(".burner-state.json");
    }

    @Test
    void jobsAreBurnedInNameOrderAndFiledAway() throws Exception {
        drop("b-second", "Second", file("two.txt", 10));
        drop("a-first", "First", file("one.txt", 10));
        Files.writeString(inbox.resolve("broken.job.json"), "{");
        assertEquals(ExitCode.OK, app(BurnerState.fresh(disc, inbox, MediaType.CD_R, Speed.MAX)).run());
        assertEquals(List.of("a-first", "b-second"), sessions().stream().map(SessionInfo::jobId).toList());
        assertTrue(Files.exists(inbox.resolve("done/a-first.job.json")));
        assertTrue(Files.readString(inbox.resolve("failed/broken.error.txt")).contains("not valid JSON"));
        BurnerState saved = StateStore.load(stateFile);
        assertEquals(List.of(), saved.queue());
        assertEquals(Optional.of(header().discId()), saved.discId());
    }

    @Test
    void aRestoredAppBurnsAnInterruptedJobExactlyOnce() throws Exception {
        SessionBurner.burn(BurnRequest.of(disc, List.of(file("first.txt", 10))), BurnMonitor.NONE);
        Job job = drop("photos", "Photos", file("photo.jpg", 5000));
        BurnerState interrupted = BurnerState.fresh(disc, inbox, MediaType.CD_R, Speed.MAX)
                .tiedTo(header().discId()).enqueue(job).start();
        assertEquals(ExitCode.OK, app(interrupted).run());
        assertEquals(List.of("", "photos"), sessions().stream().map(SessionInfo::jobId).toList());

        // as if the app died after the commit but before it could file the job away
        Files.move(inbox.resolve("done/photos.job.json"), inbox.resolve("photos.job.json"));
        assertEquals(ExitCode.OK, app(interrupted).run());
        assertEquals(2, sessions().size(), "the job's session is not burned twice");
        assertTrue(Files.exists(inbox.resolve("done/photos.job.json")));
        assertTrue(log.stream().anyMatch(l -> l.contains("reached the disc before the interruption")), log.toString());
    }

    @Test
    void theWrongDiscStopsTheAppAndKeepsTheQueue() throws Exception {
        SessionBurner.burn(BurnRequest.of(disc, List.of(file("first.txt", 10))), BurnMonitor.NONE);
        Job job = drop("photos", "Photos", file("photo.jpg", 10));
        BurnerState tiedElsewhere = BurnerState.fresh(disc, inbox, MediaType.CD_R, Speed.MAX)
                .tiedTo(UUID.randomUUID()).enqueue(job);
        byte[] before = Files.readAllBytes(disc);
        assertEquals(ExitCode.DISC_REFUSED, app(tiedElsewhere).run());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("wrong disc:")), log.toString());
        assertEquals(List.of(job), StateStore.load(stateFile).queue());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(disc)));
    }

    @Test
    void whileBurningEveryEndIsRefusedAndAForcedEndRequeuesTheJob() throws Exception {
        drop("slow", "Slow", file("slow.bin", 2_000_000));
        BurnerApp app = app(BurnerState.fresh(disc, inbox, MediaType.CD_R, Speed.parse("1x")));
        CompletableFuture<ExitCode> run = CompletableFuture.supplyAsync(() -> {
            try {
                return app.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!app.burning() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (EnumSet<EndSessionFlag> flags : List.of(EnumSet.noneOf(EndSessionFlag.class),
                EnumSet.of(EndSessionFlag.LOGOFF), EnumSet.of(EndSessionFlag.CLOSE_APP))) {
            QueryAnswer a = app.queryEndSession(flags);
            assertFalse(a.allowed(), flags.toString());
            assertTrue(a.reason().orElseThrow().matches("Burning session 1 of 'Slow' \u2014 \\d+%"), a.reason().get());
        }
        app.endSession(true, EnumSet.of(EndSessionFlag.CLOSE_APP, EndSessionFlag.CRITICAL));
        assertEquals(ExitCode.INTERRUPTED, run.get(20, TimeUnit.SECONDS));
        BurnerState saved = StateStore.load(stateFile);
        assertEquals(List.of("slow"), saved.queue().stream().map(Job::id).toList());
        assertEquals(Optional.empty(), saved.current());
        assertTrue(header().blank(), "nothing was committed");
        assertTrue(app.queryEndSession(EnumSet.noneOf(EndSessionFlag.class)).allowed(), "idle again");
    }

    private BurnerApp app(BurnerState s) {
        return new BurnerApp(stateFile, s, log::add, BurnMonitor.NONE, Duration.ofMillis(20), true);
    }

    private Path file(String name, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return Files.write(Files.createDirectories(tmp.resolve("src")).resolve(name), b);
    }

    private Job drop(String id, String label, Path source) throws IOException {
        Path tmpFile = inbox.resolve(id + ".tmp");
        String json = source.toString().replace("\\", "\\\\"); // a Windows path's backslashes, escaped for JSON
        Files.writeString(tmpFile, "{\"label\":\"" + label + "\",\"paths\":[\"" + json + "\"]}");
        Files.move(tmpFile, inbox.resolve(id + ".job.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return new Job(id, label, List.of(source), List.of(), false);
    }

    private DiscHeader header() throws BurnerException {
        try (DiscImage d = DiscImage.open(disc, false)) {
            return d.header();
        }
    }

    private List<SessionInfo> sessions() throws BurnerException {
        return header().sessions();
    }
}
