package dev.rmkit.burner.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rmkit.burner.Main;
import dev.rmkit.burner.testing.Cli;
import dev.rmkit.burner.testing.Tools;
import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.EndNotice;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.ShutdownOption;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.linux.LinuxConfig;
import dev.rmkit.rm.linux.LinuxPlatform;
import dev.rmkit.rm.testing.JavaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code burner start} as a real process, driven by the real Linux Restart Manager backend through
 * rm-client: allowed while idle, a readable veto while burning, a forced end mid-burn that loses no
 * earlier session, and a restart with {@code --restore} that finishes the job.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the Linux backend with a real burner process")
class BurnerCooperationIT {

    @TempDir Path tmp;
    Path runtime;
    Path disc;
    Path inbox;
    LinuxPlatform platform;
    final List<JavaProcess> started = new ArrayList<>();
    final List<ProcessHandle> adopted = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Tools.require("xorriso", "isovfy", "bsdtar");
        runtime = tmp.resolve("rt");
        disc = tmp.resolve("disc.iso");
        inbox = Files.createDirectories(tmp.resolve("inbox"));
        platform = new LinuxPlatform(LinuxConfig.withRuntimeDir(runtime)
                .withTimeouts(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    @AfterEach
    void tearDown() {
        started.forEach(JavaProcess::close);
        adopted.forEach(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
    }

    @Test
    void anIdleBurnerAllowsTheEndSavesItsStateAndIsRegisteredForRestart() throws Exception {
        JavaProcess burner = start();
        try (RestartSession s = platform.startSession()) {
            s.registerFiles(List.of(disc));
            AffectedApp app = s.list().apps().stream().filter(a -> a.process().pid() == burner.pid()).findFirst()
                    .orElseThrow(() -> new AssertionError("the burner does not hold the disc"));
            assertTrue(app.restartable());
            List<String> argv = app.restartCommand().orElseThrow().argv();
            assertEquals(List.of("--restore", inbox.resolve(".burner-state.json").toString()),
                    argv.subList(argv.size() - 2, argv.size()));
            assertEquals(tmp.toAbsolutePath(), app.restartCommand().orElseThrow().workingDirectory());
            ShutdownResult r = s.shutdown(Set.of(), p -> { });
            assertEquals(ShutdownResult.Outcome.COMPLETE, r.outcome(), r.toString());
        }
        assertEquals(Optional.of(0), burner.awaitExit(Duration.ofSeconds(15)));
        burner.awaitLine(l -> l.contains("allowed (idle)"), Duration.ofSeconds(1));
        JsonNode state = new ObjectMapper().readTree(inbox.resolve(".burner-state.json").toFile());
        assertEquals(discId(), state.get("discId").asText());
    }

    @Test
    void aBurningBurnerVetoesWithAReadableReasonAndFinishesTheJob() throws Exception {
        Cli.burner("burn", "--disc", disc.toString(), source("earlier.txt", 100).toString());
        Path photo = source("photo.jpg", 400_000);
        drop("photos", "Photos", photo);
        JavaProcess burner = start("--speed", "1x");
        burner.awaitLine(l -> l.matches("progress ([1-9]\\d)% .*"), Duration.ofSeconds(30));
        try (RestartSession s = platform.startSession()) {
            s.registerFiles(List.of(disc));
            ShutdownResult r = s.shutdown(Set.of(), p -> { });
            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, r.outcome(), r.toString());
            AppOutcome o = outcome(r, burner);
            assertTrue(o.reason().orElseThrow().matches(".*Burning session 2 of 'Photos' \u2014 \\d+%.*"),
                    o.reason().get());
        }
        assertTrue(burner.isAlive(), "a refused end leaves the burner running");
        burner.awaitLine(l -> l.startsWith("job photos: done, session 2"), Duration.ofSeconds(30));
        try (RestartSession s = platform.startSession()) {
            s.registerFiles(List.of(disc));
            assertEquals(ShutdownResult.Outcome.COMPLETE, s.shutdown(Set.of(), p -> { }).outcome());
        }
        assertEquals(Optional.of(0), burner.awaitExit(Duration.ofSeconds(15)));
        assertEquals(2, Tools.xorrisoToc(disc).size());
        assertArrayEquals(Files.readAllBytes(photo), Tools.bsdtarExtract(disc, "photo.jpg"));
    }

    @Test
    void aForcedEndMidBurnKeepsEarlierSessionsAndRestoreFinishesTheJob() throws Exception {
        byte[] first = Files.readAllBytes(source("first.txt", 1000));
        Cli.burner("burn", "--disc", disc.toString(), "--label", "One", tmp.resolve("src/first.txt").toString());
        Cli.burner("burn", "--disc", disc.toString(), "--label", "Two", source("second.txt", 2000).toString());
        Path photo = source("photo.jpg", 400_000);
        drop("photos", "Photos", photo);
        JavaProcess burner = start("--speed", "1x", "--exit-when-idle");
        burner.awaitLine(l -> l.matches("progress ([1-9]\\d)% .*"), Duration.ofSeconds(30));
        try (RestartSession s = platform.startSession()) {
            s.registerFiles(List.of(disc));
            ShutdownResult r = s.shutdown(Set.of(ShutdownOption.FORCE), p -> { });
            assertEquals(ShutdownResult.Outcome.COMPLETE, r.outcome(), r.toString());
            assertEquals(Optional.of(75), burner.awaitExit(Duration.ofSeconds(15)), "exit 75: interrupted, job kept");

            assertEquals(List.of("32", "64"), Tools.xorrisoToc(disc).stream().map(t -> t[0]).toList());
            assertTrue(Tools.run("isovfy", "-i", disc.toString()).out().contains("No errors found"));
            assertArrayEquals(first, Tools.bsdtarExtract(disc, "first.txt"));
            JsonNode state = new ObjectMapper().readTree(inbox.resolve(".burner-state.json").toFile());
            assertEquals("photos", state.get("queue").get(0).get("id").asText());
            assertTrue(Files.exists(inbox.resolve("photos.job.json")));

            RestartResult restarted = s.restart(p -> { });
            assertTrue(restarted.complete(), restarted.toString());
        }
        JavaProcess.awaitFile(inbox.resolve("done/photos.job.json"), Duration.ofSeconds(60));
        ProcessHandle.allProcesses().filter(h -> h.info().arguments().map(a -> List.of(a).contains("--restore"))
                .orElse(false) && h.info().arguments().map(a -> List.of(a).contains(disc.toString())).orElse(false))
                .forEach(adopted::add);
        adopted.forEach(h -> h.onExit().join());
        List<String[]> toc = Tools.xorrisoToc(disc);
        assertEquals(3, toc.size());
        assertEquals("PHOTOS", toc.get(2)[2]);
        assertTrue(Tools.run("isovfy", "-i", disc.toString()).out().contains("No errors found"));
        assertArrayEquals(Files.readAllBytes(photo), Tools.bsdtarExtract(disc, "photo.jpg"));
        assertArrayEquals(first, Tools.bsdtarExtract(disc, "first.txt"));
        JsonNode info = new ObjectMapper().readTree(Cli.burner("info", "--disc", disc.toString(), "--json").out());
        assertEquals("photos", info.get("sessions").get(2).get("jobId").asText());
    }

    @Test
    void aKillMidBurnLosesNoEarlierSessionAndRestoreBurnsTheJobAgain() throws Exception {
        byte[] first = Files.readAllBytes(source("first.txt", 1000));
        Cli.burner("burn", "--disc", disc.toString(), tmp.resolve("src/first.txt").toString());
        Path photo = source("photo.jpg", 400_000);
        drop("photos", "Photos", photo);
        JavaProcess burner = start("--speed", "1x");
        burner.awaitLine(l -> l.matches("progress ([1-9]\\d)% .*"), Duration.ofSeconds(30));
        burner.process().destroyForcibly();
        burner.awaitExit(Duration.ofSeconds(15)).orElseThrow();

        assertEquals(1, Tools.xorrisoToc(disc).size());
        assertArrayEquals(first, Tools.bsdtarExtract(disc, "first.txt"));
        Path state = inbox.resolve(".burner-state.json");
        assertEquals("photos", new ObjectMapper().readTree(state.toFile()).get("current").get("id").asText());

        JavaProcess restored = JavaProcess.start(Main.class, runtime, tmp, "start", "--disc", disc.toString(),
                "--inbox", inbox.toString(), "--restore", state.toString(), "--speed", "max", "--exit-when-idle");
        started.add(restored);
        assertEquals(Optional.of(0), restored.awaitExit(Duration.ofSeconds(30)), restored.stderr());
        restored.awaitLine(l -> l.equals("job photos: re-queued after an interrupted burn"), Duration.ofSeconds(1));
        List<String[]> toc = Tools.xorrisoToc(disc);
        assertEquals(List.of("32", "64"), toc.stream().map(t -> t[0]).toList(), "the killed session's blocks were reused");
        assertArrayEquals(Files.readAllBytes(photo), Tools.bsdtarExtract(disc, "photo.jpg"));
        assertTrue(Tools.run("isovfy", "-i", disc.toString()).out().contains("No errors found"));
    }

    private JavaProcess start(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("start", "--disc", disc.toString(), "--inbox", inbox.toString(),
                "--progress", "plain", "--poll", "50"));
        args.addAll(List.of(extra));
        JavaProcess p = JavaProcess.start(Main.class, runtime, tmp, args.toArray(String[]::new));
        started.add(p);
        p.awaitLine(l -> l.startsWith("registered for restart"), Duration.ofSeconds(30));
        p.awaitLine(l -> l.startsWith("ready: pid " + p.pid()), Duration.ofSeconds(30));
        return p;
    }

    private Path source(String name, int size) throws IOException {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return Files.write(Files.createDirectories(tmp.resolve("src")).resolve(name), b);
    }

    private void drop(String id, String label, Path source) throws IOException {
        Path t = inbox.resolve(id + ".writing");
        Files.writeString(t, "{\"label\":\"" + label + "\",\"paths\":[\"" + source + "\"]}");
        Files.move(t, inbox.resolve(id + ".job.json"), StandardCopyOption.ATOMIC_MOVE);
    }

    private String discId() throws IOException {
        return new ObjectMapper().readTree(Cli.burner("info", "--disc", disc.toString(), "--json").out())
                .get("discId").asText();
    }

    private static AppOutcome outcome(ShutdownResult r, JavaProcess p) {
        return r.apps().stream().filter(a -> a.app().process().pid() == p.pid()).findFirst().orElseThrow();
    }

    @Test
    void anIdleBurnerToldOfAComingEndSaysItHasNothingToLoseSavesAndRunsOn() throws Exception {
        JavaProcess burner = start();
        EndNotice notice = new EndNotice(Instant.now().plus(Duration.ofHours(1)), "update of rmkit-burner to 2.0.0");
        try (RestartSession s = platform.startSession()) {
            s.registerFiles(List.of(disc));

            List<AffectedApp> told = s.announceEnd(notice);

            assertEquals(List.of(burner.pid()), told.stream().map(a -> a.process().pid()).toList());
        }
        burner.awaitLine(l -> l.equals("end notice: this burner will be closed at " + notice.at()
                + " (update of rmkit-burner to 2.0.0); idle, nothing to lose"), Duration.ofSeconds(10));
        Path state = inbox.resolve(".burner-state.json");
        burner.awaitLine(l -> l.equals("end notice: state saved to " + state), Duration.ofSeconds(10));
        assertEquals(discId(), new ObjectMapper().readTree(state.toFile()).get("discId").asText());
        assertTrue(burner.isAlive(), "a notice is advice: nothing ends now");
    }

    @Test
    void aBurningBurnerSaysWhetherItsBurnEndsBeforeTheAnnouncedCloseAndKeepsBurning() throws Exception {
        // About 20 s at 1x: far longer than the two notices take, so the burn is still running for both.
        Path photo = source("photo.jpg", 3_000_000);
        drop("photos", "Photos", photo);
        JavaProcess burner = start("--speed", "1x");
        burner.awaitLine(l -> l.matches("progress ([5-9]|[1-9]\\d)% .*"), Duration.ofSeconds(30));
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        try (RestartSession s = platform.startSession()) {
            s.registerFiles(List.of(disc));
            assertEquals(1, s.announceEnd(new EndNotice(tomorrow, "update of rmkit-burner to 2.0.0")).size());
            burner.awaitLine(l -> l.matches("end notice: this burner will be closed at " + tomorrow + " \\(update of"
                    + " rmkit-burner to 2\\.0\\.0\\); the burn of session 1 'Photos' \\(\\d+%, about \\d+ s left\\) should"
                    + " finish before then"), Duration.ofSeconds(10));

            Instant now = Instant.now();
            assertEquals(1, s.announceEnd(new EndNotice(now, "update of rmkit-burner to 2.0.0")).size());
            burner.awaitLine(l -> l.matches("end notice: this burner will be closed at " + now + " .*; the burn of session"
                    + " 1 'Photos' \\(\\d+%, about \\d+ s left\\) will not finish before then: it will be stopped before its"
                    + " commit and burned again after the restart; earlier sessions stay intact"), Duration.ofSeconds(10));
            Path state = inbox.resolve(".burner-state.json");
            burner.awaitLine(l -> l.equals("end notice: state saved to " + state), Duration.ofSeconds(10));
            assertEquals("photos", new ObjectMapper().readTree(state.toFile()).get("current").get("id").asText(),
                    "the saved state names the burn, which a restore burns again");

            ShutdownResult r = s.shutdown(Set.of(), p -> { });

            assertEquals(ShutdownResult.Outcome.NOT_ALL_CLOSED, r.outcome(), "the notice is advice: the burn goes on");
            assertTrue(outcome(r, burner).reason().orElseThrow().startsWith("Burning session 1 of 'Photos'"), r.toString());
        }
        assertTrue(burner.isAlive());
    }
}
