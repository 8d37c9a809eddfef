package dev.rmkit.updater.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rmkit.rm.RmPlatform;
import dev.rmkit.rm.testing.CooperatingTestApp;
import dev.rmkit.rm.testing.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * An installed release whose files real cooperating apps hold: the fixture of the tests where the
 * updater must ask, wait, force or restart. Closing it stops every app it started and every app the
 * updater restarted.
 */
public final class HeldInstall implements AutoCloseable {

    private final Feeds feeds;
    private final Cli cli;
    private final Path install;
    private final Path workDir;
    private final List<JavaProcess> apps = new ArrayList<>();
    private final List<Long> restarted = new ArrayList<>();

    private HeldInstall(Feeds feeds, Cli cli, Path install, Path workDir) {
        this.feeds = feeds;
        this.cli = cli;
        this.install = install;
        this.workDir = workDir;
    }

    /** Publishes {@code files} as 1.0.0 and installs it, pinning the publisher's key. */
    public static HeldInstall of(Path tmp, Map<String, String> files) throws Exception {
        return of(tmp, files, java.time.Clock.systemUTC());
    }

    /** The same, with the updater's clock injected. */
    public static HeldInstall of(Path tmp, Map<String, String> files, java.time.Clock clock) throws Exception {
        return of(tmp, files, clock, UnaryOperator.identity());
    }

    /** The same, with the updater's Restart Manager backend seen through {@code platform} ({@link Cli}). */
    public static HeldInstall of(Path tmp, Map<String, String> files, java.time.Clock clock,
            UnaryOperator<RmPlatform> platform) throws Exception {
        Feeds feeds = Feeds.create(tmp.resolve("publisher"));
        Cli cli = new Cli(tmp.resolve("env"), clock, platform);
        Path install = tmp.resolve("app");
        Path workDir = Files.createDirectories(tmp.resolve("work dir"));
        Cli.Run r = cli.run("apply", "--manifest", feeds.publish("1.0.0", files).toString(),
                "--install-dir", install.toString(), "--trust", feeds.publicKey().toString());
        assertEquals(0, r.code(), r.out() + r.err());
        return new HeldInstall(feeds, cli, install, workDir);
    }

    public Feeds feeds() {
        return feeds;
    }

    public Cli cli() {
        return cli;
    }

    public Path install() {
        return install;
    }

    public Path workDir() {
        return workDir;
    }

    /** Starts a CooperatingTestApp in the work dir, holding {@code held} (relative to the install), and waits for READY. */
    public JavaProcess startApp(String held, List<String> args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("--hold", install.resolve(held).toString()));
        argv.addAll(args);
        JavaProcess p = JavaProcess.start(CooperatingTestApp.class, argv, workDir,
                Map.of("RMKIT_RUNTIME_DIR", cli.runtimeDir().toString()));
        apps.add(p);
        return p.awaitReady();
    }

    /** Another process of the test: stopped when the fixture closes. */
    public void track(JavaProcess process) {
        apps.add(process);
    }

    /** An app the updater started again: stopped when the fixture closes. */
    public void restarted(long pid) {
        restarted.add(pid);
    }

    @Override
    public void close() {
        apps.forEach(JavaProcess::close);
        restarted.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
}
