package dev.rmkit.burner;

import dev.rmkit.burner.disc.BurnMonitor;
import dev.rmkit.burner.disc.DiscHeader;
import dev.rmkit.burner.disc.DiscImage;
import dev.rmkit.burner.disc.MediaType;
import dev.rmkit.burner.disc.Recorder;
import dev.rmkit.burner.iso.DiscDir;
import dev.rmkit.burner.iso.SessionLayout;
import dev.rmkit.burner.iso.SessionReader;
import dev.rmkit.burner.iso.SessionWriter;
import dev.rmkit.burner.iso.TreeEdits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Burns one session: reads the newest session's tree, applies the removals and additions, checks
 * everything (names, files, room, closed, identity) and only then writes. A disc that did not exist is
 * created only once the inputs are known to be good, and deleted again if the burn fails.
 */
public final class SessionBurner {

    private SessionBurner() {}

    public static BurnResult burn(BurnRequest r, BurnMonitor monitor) throws BurnerException {
        if (r.sources().isEmpty() && r.removals().isEmpty()) {
            throw new BurnerException(ExitCode.USAGE, "nothing to burn: give files or directories, or removals");
        }
        boolean exists = Files.exists(r.disc());
        if (!exists && r.expectedDisc().isPresent()) {
            throw new WrongDiscException("the job is tied to disc " + r.expectedDisc().get() + " but there is no disc at "
                    + r.disc());
        }
        DiscImage disc = exists ? DiscImage.open(r.disc(), true) : null;
        try {
            DiscHeader header = disc != null ? disc.header() : DiscHeader.blank(r.media().orElse(MediaType.CD_R));
            if (disc != null) {
                checkMedia(disc, r.media());
                if (r.expectedDisc().isPresent()) {
                    disc.requireIdentity(r.expectedDisc().get());
                }
                Recorder.checkAppendable(disc);
            }
            Instant now = Instant.now();
            DiscDir tree = disc == null || header.blank() ? new DiscDir("", now)
                    : SessionReader.read(disc.sectors(), header.newest().orElseThrow().start());
            for (String removal : r.removals()) {
                TreeEdits.remove(tree, removal);
            }
            for (Path source : r.sources()) {
                TreeEdits.add(tree, source);
            }
            SessionLayout layout = SessionLayout.of(tree, header.nextStart());
            Recorder.checkRoom(header, layout.blocks());
            String label = r.label().isEmpty() ? "Session " + (header.sessions().size() + 1) : r.label();
            SessionWriter writer = new SessionWriter(layout, label, now);
            long discarded = 0;
            if (disc == null) {
                disc = DiscImage.create(r.disc(), header.media());
            } else {
                discarded = disc.discardedBlocks();
            }
            try {
                DiscHeader next = Recorder.burn(disc, layout, writer, label, r.jobId(), r.close(), r.speed(), monitor);
                return new BurnResult(next, next.newest().orElseThrow(), layout.newFileCount(), layout.newFileBytes(),
                        discarded);
            } catch (BurnerException e) {
                if (!exists) {
                    disc.close();
                    disc = null;
                    deleteQuietly(r.disc());
                }
                throw e;
            }
        } finally {
            if (disc != null) {
                disc.close();
            }
        }
    }

    private static void checkMedia(DiscImage disc, Optional<MediaType> wanted) throws BurnerException {
        if (wanted.isPresent() && wanted.get() != disc.header().media()) {
            throw BurnerException.refused("the disc " + disc.path() + " is a " + disc.header().media().displayName()
                    + ", not a " + wanted.get().displayName());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // the blank disc made for this failed burn stays; it holds no session and is harmless
        }
    }
}
