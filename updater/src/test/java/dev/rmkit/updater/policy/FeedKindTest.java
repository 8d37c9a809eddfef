package dev.rmkit.updater.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.UpdateException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A policy's {@code feed} names a manifest or a feed's release index by its spelling alone. */
class FeedKindTest {

    @ParameterizedTest
    @CsvSource({
        "https://updates.example.com/burner/manifest.json, MANIFEST",
        "https://updates.example.com/burner/stable/latest, MANIFEST",
        "https://updates.example.com/burner, MANIFEST",
        "https://updates.example.com/burner/, INDEX",
        "https://updates.example.com/burner/index.json, INDEX",
        "https://updates.example.com/burner/index.json?token=1, INDEX",
        "https://updates.example.com/index.json/manifest.json, MANIFEST",
        "https://updates.example.com/burner/my-index.json, MANIFEST",
        "/srv/feed/manifest.json, MANIFEST",
        "/srv/feed/releases/stable/1.0.0/manifest.json, MANIFEST",
        "/srv/feed/, INDEX",
        "/srv/feed/index.json, INDEX",
        "file:///srv/feed/, INDEX",
        "'C:\\feeds\\burner\\', INDEX",
        "'C:\\feeds\\burner\\index.json', INDEX",
        "'C:\\feeds\\burner\\manifest.json', MANIFEST"
    })
    void theSpellingDecides(String feed, FeedKind kind) {
        assertEquals(kind, FeedKind.of(feed), feed);
    }

    @Test
    void aPolicyWrittenForOneManifestKeepsMeaningThat() throws Exception {
        Policy p = PolicyLoaderTest.parse("{" + PolicyLoaderTest.FEED + "}");
        assertEquals(FeedKind.MANIFEST, p.feedKind());
    }

    @Test
    void aLocalFeedDirectoryWithoutItsSlashIsAUsageErrorThatSaysHowToWriteIt(@TempDir Path tmp) throws Exception {
        Path feed = Files.createDirectories(tmp.resolve("feed"));
        byte[] json = ("{\"feed\": \"" + feed + "\"}").getBytes(StandardCharsets.UTF_8);

        UpdateException.Usage e = assertThrows(UpdateException.Usage.class,
                () -> PolicyLoader.parse(json, "p.json", ZoneId.of("UTC")));

        assertEquals("policy p.json: feed: " + feed + " is a directory; write " + feed
                + "/ to follow its release index (a manifest is a file)", e.getMessage());
        byte[] withSlash = ("{\"feed\": \"" + feed + "/\"}").getBytes(StandardCharsets.UTF_8);
        assertEquals(FeedKind.INDEX, PolicyLoader.parse(withSlash, "p.json", ZoneId.of("UTC")).feedKind());
        assertTrue(PolicyLoader.parse(withSlash, "p.json", ZoneId.of("UTC")).feed().endsWith("/"));
    }
}
