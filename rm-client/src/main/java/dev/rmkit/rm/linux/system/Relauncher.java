package dev.rmkit.rm.linux.system;

import dev.rmkit.rm.AppOutcome;
import dev.rmkit.rm.AppStatus;
import dev.rmkit.rm.ProcessId;
import dev.rmkit.rm.RestartResult;
import dev.rmkit.rm.RmException;
import dev.rmkit.rm.linux.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Starts the apps of the restart list after the boot: each record is claimed first (so it starts at
 * most once, whoever else runs), then started as its owner with its argv and working directory.
 * Records from the current boot are left alone: that reboot has not happened yet.
 */
final class Relauncher {

    private static final System.Logger LOG = System.getLogger(Relauncher.class.getName());

    private Relauncher() {}

    static RestartResult relaunch(RestartList list, String currentBoot) throws RmException {
        List<AppOutcome> outcomes = new ArrayList<>();
        List<Path> pending;
        try {
            pending = list.pending();
        } catch (IOException e) {
            throw new RmException("restart after reboot", "cannot read " + list.dir() + ": " + e.getMessage(), e);
        }
        for (Path record : pending) {
            if (recordedIn(record).filter(currentBoot::equals).isPresent()) {
                continue;
            }
            Optional<RestartList.Claim> claim;
            try {
                claim = list.claim(record);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "skipping unreadable restart record {0}: {1}", record, e.getMessage());
                continue;
            }
            if (claim.isPresent()) {
                outcomes.add(start(claim.get().app()));
                try {
                    Files.deleteIfExists(claim.get().file());
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot delete {0}: {1}", claim.get().file(), e.getMessage());
                }
            }
        }
        return new RestartResult(outcomes);
    }

    private static AppOutcome start(RecordedApp app) {
        try {
            ProcessId started = app.owner().start(app.command());
            return new AppOutcome(app.app(EnumSet.of(AppStatus.STOPPED, AppStatus.RESTARTED)), Optional.empty(),
                    Optional.of(started));
        } catch (RmException e) {
            return AppOutcome.failed(app.app(EnumSet.of(AppStatus.STOPPED, AppStatus.ERROR_ON_RESTART)), e.getMessage());
        }
    }

    private static Optional<String> recordedIn(Path record) {
        try {
            return Optional.of(Json.MAPPER.readValue(record.toFile(), RecordedApp.class).bootId());
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone (claimed by another runner) or malformed: claim decides
        }
    }
}
