package dev.rmkit.updater.publish;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.manifest.ManifestJson;
import dev.rmkit.updater.manifest.Rollout;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The rollout {@code publish --rollout PCT / --halt} writes into the manifest. Republishing the same
 * version keeps the feed's salt, so raising the percentage only adds installs (an install once
 * offered the release stays offered); a new version gets a fresh random salt, so each release reaches
 * a different set of installs first.
 */
final class RolloutSalt {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RolloutSalt() {}

    /** @param sameRelease the feed's manifest of this channel and version, if it was published before */
    static Optional<Rollout> rollout(PublishRequest req, Optional<byte[]> sameRelease) throws UpdateException {
        if (req.rolloutPercent().isEmpty() && !req.halt()) {
            return Optional.empty();
        }
        Optional<JsonNode> sameVersion = Optional.empty();
        if (sameRelease.isPresent()) {
            try {
                sameVersion = Optional.of(ManifestJson.readTree(sameRelease.get()))
                        .filter(n -> req.version().equals(Optional.of(n.path("version").asText())))
                        .map(n -> n.path("rollout")).filter(JsonNode::isObject);
            } catch (UpdateException.Rejected e) {
                throw new UpdateException.Usage("cannot read the feed's earlier manifest of " + req.version().orElse("")
                        + ": " + e.getMessage());
            }
        }
        int percent = req.rolloutPercent().orElse(sameVersion.map(n -> n.path("percent").asInt(0)).orElse(0));
        if (percent < 0 || percent > 100) {
            throw new UpdateException.Usage("--rollout takes a percentage from 0 to 100, not " + percent);
        }
        String salt = sameVersion.map(n -> n.path("salt").asText()).filter(x -> x.matches("[0-9a-f]{16,64}"))
                .orElseGet(RolloutSalt::fresh);
        return Optional.of(new Rollout(percent, salt, req.halt()));
    }

    private static String fresh() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
