package dev.rmkit.updater.manifest;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A staged rollout, inside the signed manifest so that no one between the publisher and the install
 * can widen or narrow it: only installs whose bucket, SHA-256(install id || salt) mapped onto
 * [0, 100), is below {@code percent} are offered the release; a halted release is offered to none.
 * Raising the percentage is publishing the same version again with the same salt, so an install once
 * inside stays inside.
 *
 * @param percent 0 to 100
 * @param salt lower-case hex, 16 to 64 digits; a new one per version reshuffles the buckets
 * @param halted no install is offered the release
 */
public record Rollout(int percent, String salt, boolean halted) {
    private static final Pattern SALT = Pattern.compile("[0-9a-f]{16,64}");

    public Rollout {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("a rollout percentage is 0 to 100: " + percent);
        }
        Objects.requireNonNull(salt, "salt");
        if (!SALT.matcher(salt).matches()) {
            throw new IllegalArgumentException("a rollout salt is 16 to 64 lower-case hex digits: " + salt);
        }
    }
}
