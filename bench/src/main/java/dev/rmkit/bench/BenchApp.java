package dev.rmkit.bench;

import dev.rmkit.rm.CooperatingApp;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.QueryAnswer;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmPlatforms;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The cooperating application of the downtime benchmark: it holds a file of the install open, cooperates
 * through rm-client, registers for restart with its own command line, and logs the two moments that
 * bound the downtime the issue defines, in microseconds since the epoch (one clock for all processes):
 * {@code ack PID T} when it acknowledges the end of the session, and {@code ready PID T} once it is
 * registered again and ready to work; and, for the updater's own share of the downtime, {@code launched
 * PID T} from the shell its restart command starts first.
 *
 * <p>Usage: {@code BenchApp --hold FILE --log EVENTLOG [--marker LAUNCH-MARKER]}.
 */
public final class BenchApp implements EndSessionListener {

    private final Path log;

    private BenchApp(Path log) {
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        Path hold = Path.of(args[1]).toAbsolutePath();
        Path log = Path.of(args[3]).toAbsolutePath();
        try (FileChannel held = FileChannel.open(hold, StandardOpenOption.READ)) {
            BenchApp listener = new BenchApp(log);
            CooperatingApp app = RmPlatforms.current().cooperate("bench-app", listener);
            Runtime.getRuntime().addShutdownHook(new Thread(app::close));
            // Restarted through a marker that logs "launched PID T" first: the moment the updater's restart
            // launched the successor, before its JVM starts. bench/run's static C marker (--marker) if given,
            // else bash, whose $EPOCHREALTIME reads the clock without a process (a fork of date cost 1-2 ms
            // more, inside the measured share; bash's own start costs about 1.5 ms); [.,] whatever the locale.
            List<String> argv = args.length > 5 && args[4].equals("--marker")
                    ? new ArrayList<>(List.of(Path.of(args[5]).toAbsolutePath().toString(), log.toString()))
                    : new ArrayList<>(List.of("/bin/bash", "-c",
                            "printf 'launched %s %s\\n' $$ \"${EPOCHREALTIME/[.,]/}\" >> \"$0\"; exec \"$@\"", log.toString()));
            argv.add(ProcessHandle.current().info().command().orElse("java"));
            argv.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchApp.class.getName()));
            argv.addAll(List.of(args));
            app.registerRestart(RestartCommand.of(argv, Path.of("").toAbsolutePath()));
            listener.event("ready");
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Override
    public QueryAnswer queryEndSession(Set<EndSessionFlag> flags) {
        return QueryAnswer.allow();
    }

    @Override
    public void endSession(boolean ending, Set<EndSessionFlag> flags) {
        if (ending) {
            event("ack");
        }
    }

    @Override
    public void close() {
        System.exit(0);
    }

    private void event(String what) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        String line = what + " " + ProcessHandle.current().pid() + " " + micros + "\n";
        try {
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
