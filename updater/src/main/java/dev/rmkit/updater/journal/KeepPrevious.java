package dev.rmkit.updater.journal;

import dev.rmkit.updater.install.InstalledState;
import java.util.Objects;

/**
 * What an update keeps of the release it replaces, so {@code updater rollback} can go back to it: the
 * files the swap displaced (its backups) become {@code .rmkit/releases/<txid>/files/}, described by
 * {@code previous}, and at most {@code releases} kept releases stay.
 *
 * @param releases how many previous releases to keep ({@code apply --keep-releases}); 0 keeps none
 * @param previous the release being replaced, as installed.json described it
 */
public record KeepPrevious(int releases, InstalledState previous) {
    public KeepPrevious {
        if (releases < 0) {
            throw new IllegalArgumentException("releases must not be negative: " + releases);
        }
        Objects.requireNonNull(previous, "previous");
    }
}
