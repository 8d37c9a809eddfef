package dev.rmkit.burner.job;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.disc.DiscImage;
import dev.rmkit.burner.disc.SessionInfo;
import java.nio.file.Files;
import java.nio.file.Path;

/** Read-only looks at the disc that the app needs between burns. */
final class DiscChecks {

    private DiscChecks() {}

    /** Sessions on the disc (0 if there is no disc yet or it cannot be read; the burn itself reports why). */
    static int sessionCount(Path disc) {
        if (!Files.exists(disc)) {
            return 0;
        }
        try (DiscImage d = DiscImage.open(disc, false)) {
            return d.header().sessions().size();
        } catch (BurnerException e) {
            return 0;
        }
    }

    /** Whether the newest session on the disc was burned for job {@code id}. */
    static boolean newestSessionIsFrom(Path disc, String id) {
        if (!Files.exists(disc)) {
            return false;
        }
        try (DiscImage d = DiscImage.open(disc, false)) {
            return d.header().newest().map(SessionInfo::jobId).filter(id::equals).isPresent();
        } catch (BurnerException e) {
            return false;
        }
    }
}
