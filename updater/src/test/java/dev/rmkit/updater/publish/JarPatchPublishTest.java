package dev.rmkit.updater.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.ManifestParser;
import dev.rmkit.updater.testing.HistoryFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Publishing a patch release of a real jar: the patch listed is the archive-aware one, within the goal. */
class JarPatchPublishTest {
    @TempDir Path tmp;

    @ParameterizedTest(name = "{1} {2} -> {3}")
    @CsvSource({
        "com/fasterxml/jackson/core, jackson-core, 2.21.0, 2.21.2",
        "commons-codec, commons-codec, 1.22.0, 1.22.1",
        "com/github/ben-manes/caffeine, caffeine, 3.2.0, 3.2.2",
        "info/picocli, picocli, 4.7.6, 4.7.7"})
    void aJarPatchReleaseIsListedWithAPatchOfAtMostTenPercent(String group, String artifact, String from, String to)
            throws Exception {
        String root = System.getProperty("user.home") + "/.m2/repository/" + group + "/" + artifact + "/";
        Path a = Path.of(root, from, artifact + "-" + from + ".jar");
        Path b = Path.of(root, to, artifact + "-" + to + ".jar");
        assumeTrue(Files.isRegularFile(a) && Files.isRegularFile(b), artifact + " " + from + " and " + to + " are not both in ~/.m2");
        HistoryFeed feed = new HistoryFeed(tmp);
        Path key = feed.keygen("k");
        String[] opts = {"--key", HistoryFeed.key(key).toString(), "--product", "p"};
        feed.publish("1.0.0", Map.of("lib/x.jar", Files.readAllBytes(a)), opts);
        feed.publish("1.1.0", Map.of("lib/x.jar", Files.readAllBytes(b)), opts);

        ManifestFile f = ManifestParser.parse(Files.readAllBytes(feed.dir().resolve("releases/stable/1.1.0/manifest.json")))
                .files().get(0);
        assertEquals(1, f.patches().size());
        long patch = f.patches().get(0).size();
        assertTrue(patch * 10 <= f.size(), "patch of " + patch + " bytes for a " + f.size() + "-byte jar: "
                + String.format("%.2f %%", 100.0 * patch / f.size()));
        assertTrue(new String(Files.readAllBytes(feed.dir().resolve("blobs/" + f.patches().get(0).sha256())), 0, 8,
                java.nio.charset.StandardCharsets.US_ASCII).equals("RMKZIPX1"), "not an archive-aware patch");
    }
}
