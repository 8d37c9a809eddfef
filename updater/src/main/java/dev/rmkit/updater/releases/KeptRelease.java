package dev.rmkit.updater.releases;

import dev.rmkit.updater.install.InstalledState;
import java.util.Objects;

/**
 * {@code .rmkit/releases/<txid>/release.json}: which release the files beside it belong to. They are
 * the files the update {@code txid} displaced, so the kept release is a difference against the
 * release that replaced it ({@code replacedBy}); its other files are still in the install. Kept
 * releases therefore stack: the newest is the difference against what is installed now, and each
 * rollback uses it up, making the one below it the newest.
 *
 * @param seq order of keeping: the highest is the newest
 * @param release the release as installed.json described it
 * @param replacedBy the version that replaced it
 * @param keptAt when (ISO-8601)
 */
public record KeptRelease(long seq, InstalledState release, String replacedBy, String keptAt) {
    public KeptRelease {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(replacedBy, "replacedBy");
        Objects.requireNonNull(keptAt, "keptAt");
    }
}
