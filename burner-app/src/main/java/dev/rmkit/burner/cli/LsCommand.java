package dev.rmkit.burner.cli;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.burner.disc.DiscImage;
import dev.rmkit.burner.disc.SessionInfo;
import dev.rmkit.burner.iso.DiscDir;
import dev.rmkit.burner.iso.DiscFile;
import dev.rmkit.burner.iso.SessionReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code burner ls}: the files a session shows, read back from the disc's Joliet tree. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List the files of the newest or the given session (directories end in /).")
public final class LsCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--disc", required = true, paramLabel = "IMAGE", description = "The disc image.")
    Path disc;

    @Option(names = "--session", paramLabel = "N", description = "Session number (default: the newest).")
    Integer session;

    @Option(names = {"-l", "--long"}, description = "Show size and modification time.")
    boolean longFormat;

    @Override
    public Integer call() throws BurnerException {
        try (DiscImage d = DiscImage.open(disc, false)) {
            var sessions = d.header().sessions();
            if (sessions.isEmpty()) {
                throw BurnerException.badInput("the disc " + disc + " is blank; it has no session to list");
            }
            int n = session == null ? sessions.size() : session;
            if (n < 1 || n > sessions.size()) {
                throw new BurnerException(ExitCode.USAGE, "--session " + n + ": the disc has sessions 1.."
                        + sessions.size());
            }
            SessionInfo s = sessions.get(n - 1);
            print(spec.commandLine().getOut(), SessionReader.read(d.sectors(), s.start()), "/");
        }
        return ExitCode.OK.code();
    }

    private void print(PrintWriter out, DiscDir dir, String prefix) {
        for (Map.Entry<String, DiscFile> f : dir.files().entrySet()) {
            DiscFile file = f.getValue();
            out.println(longFormat ? String.format("%12d  %s  %s%s", file.size(), file.modified(), prefix, f.getKey())
                    : prefix + f.getKey());
        }
        for (Map.Entry<String, DiscDir> e : dir.dirs().entrySet()) {
            out.println(longFormat ? String.format("%12s  %s  %s%s/", "-", e.getValue().modified(), prefix, e.getKey())
                    : prefix + e.getKey() + "/");
            print(out, e.getValue(), prefix + e.getKey() + "/");
        }
    }
}
