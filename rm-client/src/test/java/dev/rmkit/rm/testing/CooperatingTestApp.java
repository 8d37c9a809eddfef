package dev.rmkit.rm.testing;

import dev.rmkit.rm.CooperatingApp;
import dev.rmkit.rm.EndNotice;
import dev.rmkit.rm.EndSessionFlag;
import dev.rmkit.rm.EndSessionListener;
import dev.rmkit.rm.QueryAnswer;
import dev.rmkit.rm.RestartArgs;
import dev.rmkit.rm.RestartCommand;
import dev.rmkit.rm.RmPlatforms;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A real cooperating application for tests of every module. It holds files open, calls
 * {@code cooperate()}, registers for restart with its own argv plus {@code --restored} and its working
 * directory, answers end-session queries, and prints {@code READY <pid>} once it listens.
 *
 * <p>Arguments (all optional, repeatable where it makes sense):
 * <ul>
 *   <li>{@code --app-id ID} the app id (default {@code test-app});
 *   <li>{@code --hold FILE} keep FILE open;
 *   <li>{@code --veto REASON} refuse every query with REASON;
 *   <li>{@code --veto-file FILE} refuse while FILE exists, with FILE's content as the reason (a test ends
 *       the refusal by deleting it);
 *   <li>{@code --state FILE} on end-session (ending) write {@code ended <flags>} to FILE;
 *   <li>{@code --notices FILE} on a notice of a coming forced end append {@code notice <at> <reason>} to FILE;
 *   <li>{@code --started FILE} on start write {@code pid}, {@code cwd} and the arguments (one per line);
 *   <li>{@code --end-delay MILLIS} take this long to persist in end-session;
 *   <li>{@code --stay} do not exit when asked to close (only SIGTERM or SIGKILL end it);
 *   <li>{@code --ignore-term} also ignore SIGTERM;
 *   <li>{@code --no-register} cooperate but do not register for restart;
 *   <li>{@code --restart-argv-file FILE} register FILE's lines (one argument a line) as the restart
 *       command instead of its own (a test's hostile or broken command);
 *   <li>{@code --restored} marker added to the registered command line.
 * </ul>
 * It exits 0 when asked to close after the session ended.
 */
public final class CooperatingTestApp implements EndSessionListener {

    private final Options o;

    private CooperatingTestApp(Options o) {
        this.o = o;
    }

    public static void main(String[] rawArgs) throws Exception {
        // Windows restarts an app with its registered arguments only; rmkit carries the working directory in them.
        RestartArgs.Consumed consumed = RestartArgs.consumeWorkingDirectory(rawArgs);
        String[] args = consumed.args().toArray(String[]::new);
        Path cwd = consumed.workingDirectory().orElse(Path.of("").toAbsolutePath());
        Options o = Options.parse(args);
        List<FileChannel> held = new ArrayList<>();
        for (Path f : o.hold) {
            held.add(FileChannel.open(f, StandardOpenOption.READ));
        }
        if (o.ignoreTerm) {
            IgnoreTerm.install();
        }
        if (o.started != null) {
            Files.writeString(o.started, ProcessHandle.current().pid() + "\n" + cwd + "\n"
                    + String.join("\n", args) + "\n", StandardCharsets.UTF_8);
        }
        CooperatingApp app = RmPlatforms.current().cooperate(o.appId, new CooperatingTestApp(o));
        Runtime.getRuntime().addShutdownHook(new Thread(app::close));
        if (o.register) {
            List<String> argv = new ArrayList<>(JavaProcess.command(CooperatingTestApp.class, List.of(args)));
            if (!argv.contains("--restored")) {
                argv.add("--restored");
            }
            if (o.restartArgv != null) {
                argv = Files.readAllLines(o.restartArgv, StandardCharsets.UTF_8);
            }
            app.registerRestart(RestartCommand.of(argv, cwd));
        }
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    @Override
    public QueryAnswer queryEndSession(Set<EndSessionFlag> flags) {
        System.out.println("QUERY " + flags);
        if (o.veto != null) {
            return QueryAnswer.veto(o.veto);
        }
        if (o.vetoFile != null && Files.exists(o.vetoFile)) {
            try {
                return QueryAnswer.veto(Files.readString(o.vetoFile).strip());
            } catch (IOException e) {
                return QueryAnswer.veto("busy (cannot read " + o.vetoFile + ")");
            }
        }
        return QueryAnswer.allow();
    }

    @Override
    public void endSession(boolean ending, Set<EndSessionFlag> flags) {
        System.out.println("END " + ending + " " + flags);
        if (!ending) {
            return;
        }
        try {
            if (o.endDelayMillis > 0) {
                Thread.sleep(o.endDelayMillis);
            }
            if (o.state != null) {
                Files.writeString(o.state, "ended " + flags + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException | InterruptedException e) {
            System.out.println("PERSIST FAILED " + e);
        }
    }

    @Override
    public void endScheduled(EndNotice notice) {
        System.out.println("NOTICE " + notice.at() + " " + notice.reason());
        if (o.notices != null) {
            try {
                Files.writeString(o.notices, "notice " + notice.at() + " " + notice.reason() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.out.println("NOTICE NOT RECORDED " + e);
            }
        }
    }

    @Override
    public void close() {
        System.out.println("CLOSE");
        if (!o.stay) {
            System.exit(0);
        }
    }

    /** The parsed arguments. */
    private static final class Options {
        String appId = "test-app";
        final List<Path> hold = new ArrayList<>();
        String veto;
        Path vetoFile;
        Path state;
        Path notices;
        Path started;
        long endDelayMillis;
        boolean stay;
        boolean ignoreTerm;
        boolean register = true;
        Path restartArgv;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--app-id" -> o.appId = args[++i];
                    case "--hold" -> o.hold.add(Path.of(args[++i]));
                    case "--veto" -> o.veto = args[++i];
                    case "--veto-file" -> o.vetoFile = Path.of(args[++i]);
                    case "--state" -> o.state = Path.of(args[++i]);
                    case "--notices" -> o.notices = Path.of(args[++i]);
                    case "--started" -> o.started = Path.of(args[++i]);
                    case "--end-delay" -> o.endDelayMillis = Long.parseLong(args[++i]);
                    case "--stay" -> o.stay = true;
                    case "--ignore-term" -> o.ignoreTerm = true;
                    case "--no-register" -> o.register = false;
                    case "--restart-argv-file" -> o.restartArgv = Path.of(args[++i]);
                    case "--restored" -> { }
                    default -> throw new IllegalArgumentException("unknown argument " + args[i] + " in " + Arrays.toString(args));
                }
            }
            return o;
        }
    }
}
