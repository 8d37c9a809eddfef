package dev.rmkit.updater.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.rm.AffectedApp;
import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.CooperatingApp;
import dev.rmkit.rm.EndNotice;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.Filter;
import dev.rmkit.rm.FilterTarget;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.RmPlatform;
import dev.rmkit.rm.ShutdownOption;
import dev.rmkit.rm.ShutdownResult;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.rm.testing.CooperatingTestApp;
import dev.rmkit.rm.testing.JavaProcess;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.testing.Cli;
import dev.rmkit.updater.testing.HeldInstall;
import dev.rmkit.updater.testing.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swap begins inside the shutdown that closed the apps ({@code RestartSession.shutdown}'s {@code
 * allClosed}): before that shutdown returns, the new files are in place and the first app is already
 * starting on them; a swap that fails there is rolled back, and the app comes back on the old files. The
 * updater's sessions are watched through a decorator of the real Linux backend, real apps close and restart.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real apps closed and restarted by the Linux backend")
class SwapInShutdownIT {

    private static final Duration START = Duration.ofSeconds(30);

    @TempDir Path tmp;
    HeldInstall held;
    Path v2;
    /** What the watcher saw, in order. */
    final List<String> seen = new CopyOnWriteArrayList<>();
    /** Run inside the shutdown, just before the updater's own {@code allClosed}. */
    volatile Runnable beforeTheUpdater = () -> { };
    /** The app started again while the updater was still inside the shutdown, if one was. */
    volatile Optional<Long> startedInside = Optional.empty();

    @BeforeEach
    void installV1() throws Exception {
        held = HeldInstall.of(tmp, ApplyCommandTest.V1, Clock.systemUTC(), Watched::new);
        v2 = held.feeds().publish("2.0.0", ApplyCommandTest.V2);
    }

    @AfterEach
    void stopApps() {
        if (held != null) {
            held.close();
        }
    }

    private Path core() {
        return held.install().resolve("lib/core.jar");
    }

    private Cli.Run apply() {
        Cli.Run r = held.cli().run("apply", "--manifest", v2.toString(), "--install-dir", held.install().toString(), "--json");
        if (r.out().startsWith("{")) {
            r.json().get("appsRestarted").forEach(a -> held.restarted(a.get("pid").asLong()));
        }
        startedInside.ifPresent(held::restarted);
        return r;
    }

    @Test
    void theNewFilesAreInPlaceAndTheFirstAppStartsBeforeTheShutdownReturns() throws Exception {
        JavaProcess app = held.startApp("lib/core.jar", List.of());

        Cli.Run r = apply();

        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(List.of("all closed", "core 2.0", "returned"), seen, "the swap happened inside the shutdown");
        assertTrue(startedInside.isPresent(), "the first app was started before the shutdown returned, not by the restart");
        assertNotEquals(app.pid(), startedInside.get());
        assertEquals(1, r.json().get("appsClosed").size(), r.out());
        assertEquals(app.pid(), r.json().get("appsClosed").get(0).get("pid").asLong());
        assertEquals(1, r.json().get("appsRestarted").size(), r.out());
        assertEquals(startedInside.get(), r.json().get("appsRestarted").get(0).get("pid").asLong(),
                "the restart reports the app started early, and does not start it twice");
        assertEquals("2.0.0", held.cli().run("status", "--install-dir", held.install().toString(), "--json").json()
                .get("version").asText());
    }

    @Test
    void aSwapThatFailsInsideTheShutdownIsRolledBackAndTheAppComesBackOnTheOldFiles() throws Exception {
        JavaProcess app = held.startApp("lib/core.jar", List.of());
        Map<String, String> before = Trees.snapshot(held.install());
        Path staged = held.install().resolve(".rmkit/staging/2.0.0/lib/core.jar");
        beforeTheUpdater = () -> {
            try {
                Files.delete(staged); // the staged file gone after the old one went to the backup: a failed rename
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };

        Cli.Run r = apply();

        assertEquals(ExitCode.FAILED.code(), r.code(), r.out() + r.err());
        assertTrue(r.json().get("message").asText().contains("rolled back, the install is unchanged"), r.out());
        assertEquals(List.of("all closed", "core 1.0", "returned"), seen);
        assertTrue(startedInside.isEmpty(), "nothing is started on a swap that failed");
        assertEquals(before, Trees.snapshot(held.install()));
        assertEquals(1, r.json().get("appsRestarted").size(), "the app comes back: " + r.out());
        long again = r.json().get("appsRestarted").get(0).get("pid").asLong();
        assertNotEquals(app.pid(), again);
        assertTrue(ProcessHandle.of(again).map(ProcessHandle::isAlive).orElse(false));
        assertEquals("1.0.0", held.cli().run("status", "--install-dir", held.install().toString(), "--json").json()
                .get("version").asText());
    }

    /** The CooperatingTestApp started on the install's file other than {@code old}, if one runs now. */
    private Optional<Long> anotherApp(long old) {
        String held = "--hold " + core();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.pid() != old)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(CooperatingTestApp.class.getName())
                            && c.contains(held)).orElse(false))
                    .map(ProcessHandle::pid).findFirst();
        }
    }

    /** Runs the test's step, then the updater's {@code allClosed}, and notes what it left. */
    private void watch(ShutdownResult complete, Consumer<ShutdownResult> updater) {
        seen.add("all closed");
        beforeTheUpdater.run();
        updater.accept(complete);
        try {
            seen.add(Files.readString(core()));
        } catch (IOException e) {
            seen.add(e.toString());
        }
        long old = complete.apps().get(0).app().process().pid();
        long deadline = System.nanoTime() + START.toNanos();
        // The updater's thread is here, not in its restart: an app that appears now was started early.
        while (startedInside.isEmpty() && System.nanoTime() < deadline && seen.contains("core 2.0")) {
            startedInside = anotherApp(old);
            if (startedInside.isEmpty()) {
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Linux backend, with its sessions' shutdowns watched. */
    private final class Watched implements RmPlatform {
        private final RmPlatform real;

        Watched(RmPlatform real) {
            this.real = real;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public RestartSession startSession() throws RmException {
            return new WatchedSession(real.startSession());
        }

        @Override
        public RestartSession joinSession(String key) throws RmException {
            return new WatchedSession(real.joinSession(key));
        }

        @Override
        public CooperatingApp cooperate(String appId, EndSessionListener listener) throws RmException {
            return real.cooperate(appId, listener);
        }

        @Override
        public SystemControl system() {
            return real.system();
        }

        @Override
        public RmPlatform withCloseTimeout(Duration timeout) {
            return new Watched(real.withCloseTimeout(timeout));
        }
    }

    private final class WatchedSession implements RestartSession {
        private final RestartSession real;

        WatchedSession(RestartSession real) {
            this.real = real;
        }

        @Override
        public ShutdownResult shutdown(Set<ShutdownOption> options, IntConsumer progress, Consumer<ShutdownResult> allClosed)
                throws RmException {
            ShutdownResult r = real.shutdown(options, progress, complete -> watch(complete, allClosed));
            seen.add("returned");
            return r;
        }

        @Override
        public ShutdownResult shutdown(Set<ShutdownOption> options, IntConsumer progress) throws RmException {
            return real.shutdown(options, progress);
        }

        @Override
        public String key() {
            return real.key();
        }

        @Override
        public boolean isPrimary() {
            return real.isPrimary();
        }

        @Override
        public void registerFiles(Collection<Path> files) throws RmException {
            real.registerFiles(files);
        }

        @Override
        public void registerProcesses(Collection<ProcessId> processes) throws RmException {
            real.registerProcesses(processes);
        }

        @Override
        public void registerServices(Collection<String> serviceNames) throws RmException {
            real.registerServices(serviceNames);
        }

        @Override
        public AffectedApps list() throws RmException {
            return real.list();
        }

        @Override
        public Map<ProcessId, String> busyReasons() throws RmException {
            return real.busyReasons();
        }

        @Override
        public RestartResult restart(IntConsumer progress) throws RmException {
            return real.restart(progress);
        }

        @Override
        public boolean restartFirstNow() {
            return real.restartFirstNow();
        }

        @Override
        public List<AffectedApp> announceEnd(EndNotice notice) throws RmException {
            return real.announceEnd(notice);
        }

        @Override
        public void cancel() throws RmException {
            real.cancel();
        }

        @Override
        public void addFilter(Filter filter) throws RmException {
            real.addFilter(filter);
        }

        @Override
        public void removeFilter(FilterTarget target) throws RmException {
            real.removeFilter(target);
        }

        @Override
        public List<Filter> filters() throws RmException {
            return real.filters();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
