package dev.rmkit.updater;

import dev.rmkit.rm.RmPlatform;
import dev.rmkit.rm.RmPlatforms;
import dev.rmkit.rm.SystemControl;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.schedule.Scheduler;
import dev.rmkit.updater.schedule.Schedulers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the updater needs from its surroundings, injectable so tests can point it at a fake boot, a
 * harmless reboot or quick retries, while production uses {@link #defaults()}: the running OS's
 * Restart Manager, the system clock, the real boot id.
 *
 * @param platform the Restart Manager backend, created only when a session is needed
 * @param system the system side (resume registration, reboot); by default the platform's
 * @param fetcher downloads manifests and payloads
 * @param clock time for expiry checks and reports
 * @param bootId the current boot's id
 * @param resumeCommand the argv that runs {@code updater resume} for an install after a boot
 * @param waitRetry pause between shutdown attempts under {@code --wait}
 * @param progress download progress
 * @param scheduler the OS scheduler that runs {@code updater auto} ({@code schedule}, and {@code uninstall},
 *     which removes the install's registration)
 */
public record UpdaterContext(Supplier<RmPlatform> platform, Supplier<SystemControl> system, Fetcher fetcher, Clock clock, Supplier<String> bootId,
        Function<Path, List<String>> resumeCommand, Duration waitRetry, ProgressSink progress, Supplier<Scheduler> scheduler) {
    public UpdaterContext {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(fetcher, "fetcher");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(bootId, "bootId");
        Objects.requireNonNull(resumeCommand, "resumeCommand");
        Objects.requireNonNull(waitRetry, "waitRetry");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(scheduler, "scheduler");
    }

    /** With this host's scheduler, chosen from the process's environment when first needed. */
    public UpdaterContext(Supplier<RmPlatform> platform, Supplier<SystemControl> system, Fetcher fetcher, Clock clock,
            Supplier<String> bootId, Function<Path, List<String>> resumeCommand, Duration waitRetry, ProgressSink progress) {
        this(platform, system, fetcher, clock, bootId, resumeCommand, waitRetry, progress,
                () -> Schedulers.forThisHost(System.getenv(), clock));
    }

    /** The updater's entry point, named rather than imported: nothing imports {@code Main} back. */
    private static final String MAIN_CLASS = "dev.rmkit.updater.Main";

    public static UpdaterContext defaults() {
        return new UpdaterContext(RmPlatforms::current, () -> RmPlatforms.current().system(), new Fetcher(FetchOptions.defaults()), Clock.systemUTC(),
                () -> RmPlatforms.current().system().bootId(), UpdaterContext::javaResumeCommand, Duration.ofSeconds(1), ProgressSink.NONE);
    }

    public UpdaterContext withProgress(ProgressSink sink) {
        return new UpdaterContext(platform, system, fetcher, clock, bootId, resumeCommand, waitRetry, sink, scheduler);
    }

    /** This JVM, this class path, {@code Main resume --install-dir D}: works for the jar and for tests alike. */
    public static List<String> javaResumeCommand(Path installDir) {
        return javaCommand(List.of("resume", "--install-dir", installDir.toString()));
    }

    /** This JVM, this class path, {@code Main ARGS}: how the system side starts an updater later. */
    public static List<String> javaCommand(List<String> args) {
        List<String> argv = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), MAIN_CLASS));
        argv.addAll(args);
        return List.copyOf(argv);
    }
}
