package dev.rmkit.rm.linux.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The after-boot start is exactly once whoever dies: a claim left by a starter that died is settled by
 * the next one, by its mark or by the token the started app carries, and started only if neither says
 * it was. The apps are real processes ({@code sleep}), started through the real launcher.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "setsid, /proc environ")
class RelauncherTest {

    /** A claimer that is surely not alive: no such pid. */
    static final String DEAD = "4194304999-1";
    /**
     * How long the launcher waits for a started app to register again. The apps here are {@code sleep}s,
     * which never register: the launcher then takes the running process as started, which is what these
     * tests check and which does not depend on how long it waited (the default, 30 s, made this class
     * take 90 s).
     */
    static final Duration START_WAIT = Duration.ofMillis(500);

    @TempDir Path tmp;
    final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void stopThem() {
        started.forEach(h -> {
            h.destroyForcibly();
            h.onExit().join();
        });
    }

    private RestartList listWithOneRecord() throws Exception {
        RestartList list = new RestartList(tmp.resolve("state"));
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        int gid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
        // The record's pid is this JVM's: the token it gives is then this run's alone, and a build running
        // this test beside it (same boot id, same uid) cannot be taken for its started app.
        list.add(new RecordedApp(1, "sleeper", ProcessHandle.current().pid(), "2026-01-01T00:00:00Z", List.of("/bin/sleep", "60"), tmp.toString(),
                new LinuxOwner(uid, gid, tmp.resolve("rt").toString(), Map.of("PATH", "/usr/bin:/bin")), "boot-1"));
        return list;
    }

    /** The one record claimed by {@code claimer}, as a starter that died there would leave it. */
    private Path claimedBy(RestartList list, String claimer) throws Exception {
        Path record = list.pending().get(0);
        Path claim = Files.createDirectories(list.dir().resolve("claimed")).resolve(record.getFileName() + "." + claimer);
        Files.move(record, claim);
        return claim;
    }

    private List<AppOutcome> relaunch(RestartList list) throws Exception {
        RestartResult r = Relauncher.relaunch(list, "boot-2", Relauncher.Later.NEVER, START_WAIT);
        r.apps().forEach(o -> o.newProcess().flatMap(p -> ProcessHandle.of(p.pid())).ifPresent(started::add));
        return r.apps();
    }

    private static String token(Path claim) {
        String n = claim.getFileName().toString();
        return "boot-1/" + n.substring(0, n.indexOf(".json.") + 5);
    }

    @Test
    void aRecordIsStartedOnceWithItsTokenAndSettled() throws Exception {
        RestartList list = listWithOneRecord();
        String name = list.pending().get(0).getFileName().toString();

        List<AppOutcome> first = relaunch(list);

        assertEquals(1, first.size());
        long pid = first.get(0).newProcess().orElseThrow().pid();
        assertEquals("boot-1/" + name, new dev.rmkit.rm.linux.proc.ProcFs(Path.of("/proc")).environment(pid).orElseThrow()
                .get(RestartList.TOKEN_ENV));
        assertEquals(List.of(), list.claims());
        assertEquals(List.of(), relaunch(list), "nothing is started twice");
    }

    @Test
    void aClaimOfADeadStarterWhoseAppRunsIsNotStartedAgain() throws Exception {
        RestartList list = listWithOneRecord();
        Path claim = claimedBy(list, DEAD);
        // The dead starter had started it: a process with the record's token runs.
        ProcessBuilder pb = new ProcessBuilder("/bin/sleep", "60");
        pb.environment().put(RestartList.TOKEN_ENV, token(claim));
        Process already = pb.start();
        started.add(already.toHandle());

        List<AppOutcome> r = relaunch(list);

        assertEquals(1, r.size());
        assertEquals(already.pid(), r.get(0).newProcess().orElseThrow().pid(), "reported as the one already started");
        assertEquals(List.of(), list.claims(), "settled");
        assertEquals(2, started.size(), "no second process");
        assertTrue(started.get(0).equals(started.get(1)));
    }

    @Test
    void aProcessOfAnotherUserCarryingTheTokenIsNotTakenForTheApp() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"), "needs root to start a process as nobody");
        RestartList list = listWithOneRecord();
        Path claim = claimedBy(list, DEAD);
        // Another user can read the record's pid and start time in /proc and so forge its token: a process of
        // theirs must not make the app's owner lose the restart.
        ProcessBuilder pb = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                "/bin/sleep", "60");
        pb.environment().put(RestartList.TOKEN_ENV, token(claim));
        Process forged = pb.start();
        started.add(forged.toHandle());
        // Until setpriv has switched, the forger's process is still root's (the app's owner here): wait
        // for it to be nobody's, as a real forger's process would be from its start.
        dev.rmkit.rm.testing.JavaProcess.await(() -> runsAsNobody(forged.pid()), Duration.ofSeconds(60),
                "the forged process running as nobody");

        List<AppOutcome> r = relaunch(list);

        assertEquals(1, r.size());
        long pid = r.get(0).newProcess().orElseThrow().pid();
        assertTrue(pid != forged.pid(), "the forged process is not the app");
        assertTrue(ProcessHandle.of(pid).isPresent(), "the app was started");
    }

    private static boolean runsAsNobody(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "status")).contains("\nUid:\t65534\t");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aClaimOfADeadStarterThatStartedNothingIsStartedNow() throws Exception {
        RestartList list = listWithOneRecord();
        claimedBy(list, DEAD);

        List<AppOutcome> r = relaunch(list);

        assertEquals(1, r.size());
        assertTrue(r.get(0).reason().isEmpty(), r.toString());
        assertTrue(ProcessHandle.of(r.get(0).newProcess().orElseThrow().pid()).isPresent());
        assertEquals(List.of(), list.claims());
        assertEquals(List.of(), relaunch(list));
    }

    @Test
    void aMarkedClaimWasStartedEvenIfItsAppHasEndedSince() throws Exception {
        RestartList list = listWithOneRecord();
        Path claim = claimedBy(list, DEAD);
        String name = token(claim).substring("boot-1/".length());
        list.started(new RestartList.Claim(null, claim, name), new ProcessId(123456, java.time.Instant.parse("2026-01-01T00:00:00Z")));

        List<AppOutcome> r = relaunch(list);

        assertEquals(123456, r.get(0).newProcess().orElseThrow().pid());
        assertEquals(List.of(), list.claims());
        assertEquals(List.of(), List.of(Files.list(list.dir().resolve("claimed")).toArray()), "the mark is gone too");
    }

    @Test
    void aClaimOfALiveStarterIsLeftToIt() throws Exception {
        RestartList list = listWithOneRecord();
        Path claim = claimedBy(list, RestartList.self());

        assertEquals(List.of(), relaunch(list));
        assertTrue(Files.exists(claim));
    }
}
