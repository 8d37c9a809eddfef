package dev.rmkit.updater.apply;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the release to apply comes from: one manifest ({@code --manifest M}), or a feed's release
 * index ({@code --feed URL}), from which the newest release of the install's channel is taken.
 *
 * @param location the manifest's or the feed's path or http/https URL
 * @param feed whether {@code location} is a feed
 * @param channel the channel a fresh install follows from a feed (an installed one keeps its own);
 *     empty means stable
 */
public record ReleaseSource(String location, boolean feed, Optional<String> channel) {
    public ReleaseSource {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(channel, "channel");
    }

    public static ReleaseSource manifest(String location) {
        return new ReleaseSource(location, false, Optional.empty());
    }

    public static ReleaseSource feed(String location, Optional<String> channel) {
        return new ReleaseSource(location, true, channel);
    }
}
