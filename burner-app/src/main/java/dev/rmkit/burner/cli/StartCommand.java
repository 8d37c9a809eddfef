package dev.rmkit.burner.cli;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.BurnerVersion;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.burner.Main;
import dev.rmkit.burner.disc.MediaType;
import dev.rmkit.burner.disc.Speed;
import dev.rmkit.burner.job.BurnerApp;
import dev.rmkit.burner.job.BurnerState;
import dev.rmkit.burner.job.RestartArgv;
import dev.rmkit.burner.job.StateStore;
import dev.rmkit.rm.CooperatingApp;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.RmPlatforms;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code burner start}: the long-running, cooperating burner (see {@link BurnerApp}). */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Run until the session ends: burn each job that appears in the inbox (ID.job.json, see "
                + "docs/burner.md) as a new session. Registers for restart with --restore STATEFILE.")
public final class StartCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--disc", required = true, paramLabel = "IMAGE", description = "The disc image (a blank one is made if missing).")
    Path disc;

    @Option(names = "--inbox", required = true, paramLabel = "DIR", description = "Where jobs appear.")
    Path inbox;

    @Option(names = "--speed", paramLabel = "Nx|max", converter = Converters.SpeedConverter.class,
            description = "Write speed (default max, or the restored state's).")
    Speed speed;

    @Option(names = "--media", paramLabel = "TYPE", converter = Converters.MediaConverter.class,
            description = "Media of a disc the app makes (default cd-r).")
    MediaType media;

    @Option(names = "--restore", paramLabel = "STATEFILE", description = "Come back with this saved queue, disc and settings.")
    Path restore;

    @Option(names = "--state", paramLabel = "FILE", description = "Where to save the state (default DIR/.burner-state.json).")
    Path stateOption;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", description = "auto, bar, plain, none.")
    ProgressMode progress;

    @Option(names = "--poll", paramLabel = "MILLIS", defaultValue = "200", description = "How often to look at the inbox.")
    long pollMillis;

    @Option(names = "--log", paramLabel = "FILE", description = "Also append every event line (not progress) to FILE; "
            + "kept in the restart command, so a restarted burner, whose output goes nowhere, still reports.")
    Path log;

    @Option(names = "--exit-when-idle", description = "Exit once the queue is empty instead of waiting for jobs.")
    boolean exitWhenIdle;

    @Override
    public Integer call() throws BurnerException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path stateFile = (restore != null ? restore : stateOption != null ? stateOption
                : inbox.resolve(".burner-state.json")).toAbsolutePath().normalize();
        BurnerState state = initialState();
        Files.createDirectories(state.inbox());
        try (EventLog events = EventLog.open(out, Optional.ofNullable(log).map(p -> p.toAbsolutePath().normalize()))) {
            events.line("burner " + BurnerVersion.current() + ", pid " + ProcessHandle.current().pid()
                    + (restore == null ? "" : ", restored from " + restore.toAbsolutePath().normalize() + ": " + state.describe()));
            return run(state, stateFile, events, out);
        }
    }

    private int run(BurnerState state, Path stateFile, EventLog events, PrintWriter out) throws IOException {
        BurnerApp app = new BurnerApp(stateFile, state, events::line,
                new ProgressPrinter(out, progress, () -> false), Duration.ofMillis(Math.max(10, pollMillis)), exitWhenIdle);
        Optional<CooperatingApp> coop = cooperate(app, stateFile, events);
        Thread hook = new Thread(() -> {
            if (app.burning()) {
                app.stopForEnd("terminated");
            }
        }, "burner-terminate");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            ExitCode code = app.run();
            events.line("exiting (" + code.meaning() + "); state in " + stateFile);
            return code.code();
        } finally {
            coop.ifPresent(CooperatingApp::close);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook is running or has run
            }
        }
    }

    private BurnerState initialState() throws BurnerException {
        if (restore == null) {
            return BurnerState.fresh(disc, inbox, media != null ? media : MediaType.CD_R, speed != null ? speed : Speed.MAX);
        }
        BurnerState s = StateStore.load(restore);
        if (!s.disc().equals(disc.toAbsolutePath().normalize()) || !s.inbox().equals(inbox.toAbsolutePath().normalize())) {
            throw new BurnerException(ExitCode.USAGE, "the state in " + restore + " belongs to --disc " + s.disc()
                    + " --inbox " + s.inbox());
        }
        return speed != null ? s.withSpeed(speed) : s;
    }

    private Optional<CooperatingApp> cooperate(BurnerApp app, Path stateFile, EventLog events) {
        try {
            CooperatingApp coop = RmPlatforms.current().cooperate("burner", app);
            app.attach(coop);
            List<String> argv = RestartArgv.of(Path.of(System.getProperty("java.home"), "bin", "java"),
                    System.getProperty("java.class.path"), File.pathSeparator, Main.class.getName(), startArgs(), stateFile);
            coop.registerRestart(RestartCommand.of(argv, Path.of("").toAbsolutePath()));
            events.line("registered for restart with --restore " + stateFile);
            return Optional.of(coop);
        } catch (RmException | RuntimeException e) {
            events.line("warning: running without restart-manager cooperation: " + e.getMessage());
            return Optional.empty();
        }
    }

    private List<String> startArgs() {
        List<String> a = new ArrayList<>(List.of("start", "--disc", disc.toAbsolutePath().normalize().toString(),
                "--inbox", inbox.toAbsolutePath().normalize().toString(), "--progress", progress.name(),
                "--poll", Long.toString(pollMillis)));
        if (log != null) {
            a.add("--log");
            a.add(log.toAbsolutePath().normalize().toString());
        }
        if (exitWhenIdle) {
            a.add("--exit-when-idle");
        }
        return a;
    }
}
