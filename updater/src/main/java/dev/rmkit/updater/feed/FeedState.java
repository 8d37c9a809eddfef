package dev.rmkit.updater.feed;

import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.StateJson;
import java.io.IOException;
import java.nio.file.Files;

/**
 * What an install remembers of its feed ({@code .rmkit/feed.json}): the highest index version it
 * has verified, so an older index (validly signed, not yet expired) replayed later is refused, and
 * the URL it last took a release from.
 *
 * @param indexVersion highest verified index version, 0 if none
 * @param feed the feed's location as given
 */
public record FeedState(long indexVersion, String feed) {
    public static final FeedState NONE = new FeedState(0, "");

    public static FeedState read(InstallLayout layout) throws UpdateException {
        if (!Files.exists(layout.feedStateFile())) {
            return NONE;
        }
        try {
            return StateJson.read(layout.feedStateFile(), FeedState.class);
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot read " + layout.feedStateFile() + ": " + e.getMessage(), e);
        }
    }

    /** Records a verified index; never lowers the version. */
    public static void remember(InstallLayout layout, long indexVersion, String feed) throws UpdateException {
        FeedState current = read(layout);
        if (indexVersion < current.indexVersion()) {
            return;
        }
        try {
            StateJson.write(layout.feedStateFile(), new FeedState(indexVersion, feed));
        } catch (IOException e) {
            throw new UpdateException.ApplyFailed("cannot write " + layout.feedStateFile() + ": " + e.getMessage(), e);
        }
    }
}
