package dev.rmkit.systemdit.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A command entered with {@code nsenter} into a container's pid namespace ends for the harness when it
 * ends inside, also when the container's shutdown stopped it on the way: {@code systemd-shutdown} sends
 * SIGSTOP to every process it sees, then SIGTERM, then SIGCONT. nsenter (util-linux) waits for its child
 * with WUNTRACED and, seeing it stopped, stops itself; the SIGCONT inside the namespace reaches only the
 * child, so nsenter stayed stopped for good and {@code RebootIT}'s {@code updater apply --reboot
 * if-needed} "did not finish in 180 s" whenever the updater was still exiting when the shutdown got there.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "pid namespaces (unshare, nsenter) are Linux's")
class ToolsTest {

    private static final Duration BACKSTOP = Duration.ofSeconds(60);

    private Process namespace;

    @AfterEach
    void endTheNamespace() {
        if (namespace != null) {
            namespace.descendants().forEach(ProcessHandle::destroyForcibly);
            namespace.destroyForcibly();
        }
    }

    @Test
    void anEnteredCommandStoppedAndContinuedInsideItsNamespaceStillEnds() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "entering a pid namespace needs root");
        assumeTrue(Tools.find("unshare").isPresent() && Tools.find("nsenter").isPresent(), "unshare and nsenter (util-linux)");
        namespace = new ProcessBuilder(Tools.path("unshare"), "-p", "-f", "sleep", "600").start();
        long init = awaitValue(() -> namespace.children().findFirst().map(ProcessHandle::pid), "the namespace's init");

        // The command stops itself, as systemd-shutdown's SIGSTOP to every process would stop it.
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> Tools.run(List.of(Tools.path("nsenter"), "-t",
                Long.toString(init), "-p", "--", "sh", "-c", "kill -STOP $$; exit 7"), BACKSTOP));
        long nsenter = awaitValue(() -> ProcessHandle.current().children()
                .filter(h -> h.info().command().filter(c -> c.endsWith("/nsenter")).isPresent()).findFirst()
                .map(ProcessHandle::pid), "nsenter to start");
        long child = awaitValue(() -> ProcessHandle.of(nsenter).flatMap(h -> h.children().findFirst()).map(ProcessHandle::pid),
                "nsenter's child");
        // Then the SIGCONT from inside the namespace: it reaches the command only (once nsenter has seen it stop and
        // stopped itself, or the harness has already continued both).
        awaitValue(() -> run.isDone() || (Tools.state(child) == 'T' && Tools.state(nsenter) == 'T') ? Optional.of(1L) : Optional.empty(),
                "the command stopped and nsenter with it");
        if (!run.isDone()) {
            new ProcessBuilder("kill", "-CONT", Long.toString(child)).start().waitFor();
        }

        assertEquals(7, run.get().exit(), "the command's own exit status, once it ended inside");
    }

    private static long awaitValue(java.util.function.Supplier<Optional<Long>> value, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BACKSTOP.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Optional<Long> v = value.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("waited " + BACKSTOP.toSeconds() + " s for " + what);
    }
}
