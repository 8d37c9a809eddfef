package dev.rmkit.updater.rollout;

import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.manifest.Rollout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a staged rollout offers a release to an install: its bucket is SHA-256 over the ASCII
 * install id followed by the ASCII salt, the first 8 bytes read as an unsigned big-endian number,
 * modulo 10,000, divided by 100, so a bucket is one of 0.00 to 99.99, uniform over installs and
 * stable for a given install and salt. The release is offered when bucket &lt; percent and the
 * rollout is not halted. Pure.
 */
public final class Buckets {

    private Buckets() {}

    /** The offer a release makes to one install. */
    public record Offer(boolean offered, Optional<Double> bucket, String why) {}

    /** The install's bucket for {@code salt}, 0.00 to 99.99. */
    public static double bucket(String installId, String salt) {
        MessageDigest sha = Sha256.digest();
        sha.update(installId.getBytes(StandardCharsets.US_ASCII));
        byte[] h = sha.digest(salt.getBytes(StandardCharsets.US_ASCII));
        long n = ByteBuffer.wrap(h, 0, 8).getLong();
        return Long.remainderUnsigned(n, 10_000) / 100.0;
    }

    /** What {@code rollout} offers the install {@code installId}; no rollout offers it to every install. */
    public static Offer offer(Optional<Rollout> rollout, String installId) {
        if (rollout.isEmpty()) {
            return new Offer(true, Optional.empty(), "offered to every install");
        }
        Rollout r = rollout.get();
        double b = bucket(installId, r.salt());
        if (r.halted()) {
            return new Offer(false, Optional.of(b), "the release is halted by its publisher");
        }
        boolean in = b < r.percent();
        return new Offer(in, Optional.of(b), String.format(Locale.ROOT, "rollout at %d%%, this install's bucket is %.2f",
                r.percent(), b));
    }
}
