package dev.rmkit.updater.testing;

import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Small in-memory releases (path → text content) and their manifests. */
public final class Releases {

    private Releases() {}

    public static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Manifest manifest(String version, Map<String, String> files, List<String> removals, boolean reboot) {
        List<ManifestFile> list = new ArrayList<>();
        files.forEach((path, content) -> list.add(new ManifestFile(path,
                content.getBytes(StandardCharsets.UTF_8).length, sha256(content), path)));
        Instant now = Instant.now();
        return new Manifest("rmkit-burner", "stable", version, now.minus(1, ChronoUnit.HOURS),
                now.plus(30, ChronoUnit.DAYS), list, removals, reboot);
    }

    public static Manifest manifest(String version, Map<String, String> files) {
        return manifest(version, files, List.of(), false);
    }
}
