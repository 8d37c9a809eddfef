package dev.rmkit.burner.cli;

import dev.rmkit.burner.BurnRequest;
import dev.rmkit.burner.BurnResult;
import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.burner.SessionBurner;
import dev.rmkit.burner.disc.Capacity;
import dev.rmkit.burner.disc.MediaType;
import dev.rmkit.burner.disc.SessionInfo;
import dev.rmkit.burner.disc.Speed;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code burner burn}: one session from the given files. */
@Command(name = "burn", mixinStandardHelpOptions = true,
        description = "Burn one session. Files and directories land at the disc's root under their own names; "
                + "a blank disc of --media is made if IMAGE does not exist.")
public final class BurnCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--disc", required = true, paramLabel = "IMAGE", description = "The disc image.")
    Path disc;

    @Option(names = "--media", paramLabel = "TYPE", converter = Converters.MediaConverter.class,
            description = "Media of a new disc: cd-r (default), cd-rw, dvd-r, dvd+r. For an existing disc, the media it must be.")
    MediaType media;

    @Option(names = "--speed", paramLabel = "Nx|max", defaultValue = "max", converter = Converters.SpeedConverter.class,
            description = "Write speed as a multiple of 1x (CD 153,600 B/s, DVD 1,385,000 B/s), or max. Default: ${DEFAULT-VALUE}.")
    Speed speed;

    @Option(names = "--label", paramLabel = "L", defaultValue = "", description = "Session label (default: Session N).")
    String label;

    @Option(names = "--close", description = "Finalize the disc after this session; it then takes no more sessions.")
    boolean close;

    @Option(names = "--remove", paramLabel = "DISCPATH", description = "Drop a file or directory from the newest view (repeatable).")
    List<String> removals = List.of();

    @Option(names = "--expect-disc", paramLabel = "ID", description = "Refuse any disc but this one (its id from `burner info`).")
    UUID expectDisc;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "Progress display: auto, bar, plain, none. Default: ${DEFAULT-VALUE}.")
    ProgressMode progress;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files and directories to burn.")
    List<Path> paths = List.of();

    @Override
    public Integer call() throws BurnerException {
        PrintWriter out = spec.commandLine().getOut();
        if (SessionInfo.problemWithLabel(label).isPresent()) {
            throw new BurnerException(ExitCode.USAGE, "--label: " + SessionInfo.problemWithLabel(label).get());
        }
        BurnRequest req = new BurnRequest(disc, Optional.ofNullable(media), speed, label, close, paths, removals, "",
                Optional.ofNullable(expectDisc));
        BurnResult r;
        try (SignalStop stop = SignalStop.install()) {
            try {
                r = SessionBurner.burn(req, new ProgressPrinter(out, progress, stop));
            } catch (BurnerException e) {
                if (stop.received().isPresent() && e.exitCode() == ExitCode.INTERRUPTED) {
                    ExitCode code = stop.received().get();
                    throw new BurnerException(code, "stopped by " + code.name() + " before the session was committed: "
                            + "the disc is exactly as it was (earlier sessions intact); run the same burn again");
                }
                throw e;
            }
        }
        if (r.discardedBlocks() > 0) {
            out.println("dropped " + Counts.of(r.discardedBlocks(), "block") + " of an interrupted earlier burn");
        }
        SessionInfo s = r.session();
        out.printf("burned session %d '%s' at block %d: %s, %s (%s)%n", s.number(), s.label(), s.start(),
                Counts.of(s.blocks(), "block"), Counts.of(r.newFiles(), "new file"), ProgressLine.human(r.newBytes()));
        out.printf("disc %s: %s, %s free%n", r.header().discId(), r.header().closed() ? "closed" : "appendable",
                Capacity.human(Capacity.free(r.header())));
        return ExitCode.OK.code();
    }
}
