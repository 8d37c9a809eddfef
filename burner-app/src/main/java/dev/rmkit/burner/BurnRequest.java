package dev.rmkit.burner;

import dev.rmkit.burner.disc.MediaType;
import dev.rmkit.burner.disc.SessionInfo;
import dev.rmkit.burner.disc.Speed;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One session to burn.
 *
 * @param disc the disc image (a blank disc of {@code media} is made when it does not exist)
 * @param media the media for a new disc; for an existing disc, the media it must be
 * @param speed write speed
 * @param label the session label; empty means "Session N"
 * @param close finalize the disc after this session
 * @param sources files and directories to add at the root
 * @param removals disc paths to drop from the newest view
 * @param jobId the inbox job this session burns, or empty
 * @param expectedDisc the disc the job is tied to, if any (a different disc is refused)
 */
public record BurnRequest(Path disc, Optional<MediaType> media, Speed speed, String label, boolean close,
        List<Path> sources, List<String> removals, String jobId, Optional<UUID> expectedDisc) {

    public BurnRequest {
        Objects.requireNonNull(disc, "disc");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(speed, "speed");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(expectedDisc, "expectedDisc");
        sources = List.copyOf(sources);
        removals = List.copyOf(removals);
        SessionInfo.problemWithLabel(label).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** A plain {@code burn} of some sources. */
    public static BurnRequest of(Path disc, List<Path> sources) {
        return new BurnRequest(disc, Optional.empty(), Speed.MAX, "", false, sources, List.of(), "", Optional.empty());
    }

    public BurnRequest withLabel(String l) {
        return new BurnRequest(disc, media, speed, l, close, sources, removals, jobId, expectedDisc);
    }

    public BurnRequest withRemovals(List<String> r) {
        return new BurnRequest(disc, media, speed, label, close, sources, r, jobId, expectedDisc);
    }

    public BurnRequest closing(boolean c) {
        return new BurnRequest(disc, media, speed, label, c, sources, removals, jobId, expectedDisc);
    }

    public BurnRequest withMedia(MediaType m) {
        return new BurnRequest(disc, Optional.of(m), speed, label, close, sources, removals, jobId, expectedDisc);
    }
}
