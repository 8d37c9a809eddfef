package dev.rmkit.updater.cli;

import dev.rmkit.rm.AffectedApps;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartSession;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.RmPlatforms;
import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.Problems;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.holders.HoldersReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code updater holders [--json] PATH...}: who holds these files, and why a reboot would be needed. */
@Command(
        name = "holders",
        mixinStandardHelpOptions = true,
        description = "Shows the processes that hold the files (pid, start time, name, type, restartable, "
                + "registered command line, what a cooperating app is busy with) and the reboot reasons. A directory "
                + "stands for every file under it (as lsof +D). Exits 0 whether or not anything holds them.")
public final class HoldersCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, or directories: every file under them.")
    List<Path> paths;

    @Override
    public Integer call() throws UpdateException {
        for (Path p : paths) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new UpdateException.Usage("no such file: " + p);
            }
        }
        try (RestartSession session = RmPlatforms.current().startSession()) {
            session.registerFiles(HoldersReport.expand(paths));
            AffectedApps apps = session.list();
            // Asking the cooperating holders what they are busy with lists the holders again (a second scan of
            // /proc); the report shows reasons only for the holders listed, so with none there is nobody to ask.
            Map<ProcessId, String> busy = apps.apps().isEmpty() ? Map.of() : session.busyReasons();
            spec.commandLine().getOut().print(json ? HoldersReport.json(apps, busy) : HoldersReport.text(apps, busy));
            return ExitCode.OK.code();
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot list what is under the paths: " + Problems.describe(e), e);
        } catch (RmException e) {
            if (e.errorCode() == 13) {
                throw new UpdateException.PermissionDenied(e.getMessage(), e);
            }
            throw new UpdateException.ApplyFailed(e.getMessage(), e);
        }
    }
}
