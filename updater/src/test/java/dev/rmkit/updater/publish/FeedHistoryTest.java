package dev.rmkit.updater.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.delta.Patcher;
import dev.rmkit.updater.feed.IndexEntry;
import dev.rmkit.updater.feed.IndexJson;
import dev.rmkit.updater.feed.ReleaseIndex;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.ManifestJson;
import dev.rmkit.updater.manifest.ManifestParser;
import dev.rmkit.updater.manifest.Patch;
import dev.rmkit.updater.testing.HistoryFeed;
import dev.rmkit.updater.trust.KeyFiles;
import dev.rmkit.updater.trust.KeyId;
import dev.rmkit.updater.trust.Root;
import dev.rmkit.updater.trust.SignatureSet;
import dev.rmkit.updater.trust.Threshold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What publish leaves in a feed that keeps its history: index, release manifests, shared blobs, patches, pruning. */
class FeedHistoryTest {
    @TempDir Path tmp;
    HistoryFeed feed;
    Path key;

    @BeforeEach
    void setUp() {
        feed = new HistoryFeed(tmp);
        key = feed.keygen("k");
    }

    private void publish(String version, Map<String, byte[]> files, String... extra) {
        String[] args = new String[extra.length + 4];
        System.arraycopy(new String[] {"--key", HistoryFeed.key(key).toString(), "--product", "rmkit-burner"}, 0, args, 0, 4);
        System.arraycopy(extra, 0, args, 4, extra.length);
        feed.publish(version, files, args);
    }

    private ReleaseIndex index() throws Exception {
        byte[] bytes = Files.readAllBytes(feed.dir().resolve("index.json"));
        PublicKey pub = KeyFiles.readPublic(HistoryFeed.pub(key));
        Threshold.check(bytes, SignatureSet.parse(Files.readAllBytes(feed.dir().resolve("index.json.sig"))),
                Root.legacy(Map.of(KeyId.of(pub), pub)), "index");
        return IndexJson.parse(bytes);
    }

    private Manifest manifest(IndexEntry e) throws Exception {
        byte[] bytes = Files.readAllBytes(feed.dir().resolve(e.manifest()));
        assertEquals(e.sha256(), Sha256.hex(bytes));
        assertEquals(e.size(), bytes.length);
        return ManifestParser.parse(bytes);
    }

    private long blobs() throws Exception {
        try (Stream<Path> s = Files.list(feed.dir().resolve("blobs"))) {
            return s.count();
        }
    }

    @Test
    void everyReleaseStaysInTheSignedIndexNewestFirstAndSharedFilesAreStoredOnce() throws Exception {
        byte[] shared = HistoryFeed.random(10_000, 1);
        publish("1.0.0", Map.of("lib/shared.jar", shared, "bin/run", "1".getBytes()), "--deltas", "0");
        publish("1.1.0", Map.of("lib/shared.jar", shared, "bin/run", "2".getBytes()), "--deltas", "0");
        publish("1.2.0", Map.of("lib/shared.jar", shared, "bin/run", "3".getBytes()), "--deltas", "0");

        ReleaseIndex index = index();
        assertEquals(3, index.version());
        assertEquals(List.of("1.2.0", "1.1.0", "1.0.0"), index.releases().stream().map(IndexEntry::version).toList());
        for (IndexEntry e : index.releases()) {
            Manifest m = manifest(e);
            assertEquals(e.version(), m.version());
            for (ManifestFile f : m.files()) {
                Path blob = feed.dir().resolve(e.manifest()).getParent().resolve(f.url()).normalize();
                assertEquals(f.sha256(), Sha256.hex(blob));
            }
        }
        assertEquals(4, blobs(), "one shared jar and three launchers");
        assertArrayEquals(Files.readAllBytes(feed.dir().resolve("manifest.json")),
                ManifestJson.write(ReleaseMaker.forLatest(manifest(index.releases().get(0)))));
    }

    @Test
    void aChangedFileGetsAPatchAgainstEachOfTheLastKReleasesThatApplies() throws Exception {
        byte[] v1 = HistoryFeed.random(200_000, 2);
        byte[] v2 = HistoryFeed.edit(v1, 3);
        byte[] v3 = HistoryFeed.edit(v2, 4);
        byte[] v4 = HistoryFeed.edit(v3, 5);
        publish("1.0.0", Map.of("lib/app.jar", v1));
        publish("1.1.0", Map.of("lib/app.jar", v2));
        publish("1.2.0", Map.of("lib/app.jar", v3));
        publish("1.3.0", Map.of("lib/app.jar", v4), "--deltas", "2");

        ManifestFile f = manifest(index().releases().get(0)).files().get(0);
        List<String> bases = f.patches().stream().map(Patch::baseSha256).toList();
        assertEquals(List.of(Sha256.hex(v3), Sha256.hex(v2)), bases);
        Patcher patcher = new Patcher();
        for (Patch p : f.patches()) {
            assertTrue(p.size() < v4.length / 20, p.size() + " bytes");
            Path out = tmp.resolve("out-" + p.baseSha256());
            patcher.apply(feed.dir().resolve("blobs/" + p.baseSha256()), feed.dir().resolve("blobs/" + p.sha256()), out,
                    f.size(), f.sha256());
            assertArrayEquals(v4, Files.readAllBytes(out));
        }
    }

    @Test
    void pruneKeepsTheNewestOfEachChannelAndDeletesOnlyWhatNoKeptReleaseNeeds() throws Exception {
        byte[] shared = HistoryFeed.random(5_000, 6);
        publish("1.0.0", Map.of("a", "only in 1.0".getBytes(), "s", shared));
        publish("1.1.0", Map.of("a", "only in 1.1".getBytes(), "s", shared));
        publish("1.2.0", Map.of("a", "in 1.2".getBytes(), "s", shared));
        publish("2.0.0-beta.1", Map.of("a", "beta".getBytes(), "s", shared), "--channel", "beta");
        Files.writeString(feed.dir().resolve("blobs/README"), "not publish's");

        HistoryFeed.run("publish", "--out", feed.dir().toString(), "--key", HistoryFeed.key(key).toString(), "--prune", "1");

        ReleaseIndex index = index();
        assertEquals(List.of("2.0.0-beta.1", "1.2.0"), index.releases().stream().map(IndexEntry::version).toList());
        assertFalse(Files.exists(feed.dir().resolve("releases/stable/1.0.0")));
        assertFalse(Files.exists(feed.dir().resolve("releases/stable/1.1.0")));
        assertFalse(Files.exists(feed.dir().resolve("blobs/" + Sha256.hex("only in 1.0".getBytes()))));
        assertTrue(Files.exists(feed.dir().resolve("blobs/" + Sha256.hex(shared))));
        assertTrue(Files.exists(feed.dir().resolve("blobs/README")));
        for (IndexEntry e : index.releases()) {
            for (ManifestFile f : manifest(e).files()) {
                assertTrue(Files.exists(feed.dir().resolve("blobs/" + f.sha256())), f.path());
                for (Patch p : f.patches()) {
                    assertTrue(Files.exists(feed.dir().resolve("blobs/" + p.sha256())), "patch of " + f.path());
                }
            }
        }
    }

    @Test
    void aFeedFromBeforeTheHistoryKeepsItsReleaseAsTheFirstEntry() throws Exception {
        Path legacy = feed.dir();
        Files.createDirectories(legacy.resolve("blobs"));
        byte[] content = "from an older publish".getBytes();
        String sha = Sha256.hex(content);
        Files.write(legacy.resolve("blobs/" + sha), content);
        Instant now = Instant.parse("2026-11-01T00:00:00Z");
        byte[] m = ManifestJson.write(new Manifest("rmkit-burner", "stable", "1.0.0", now, now.plus(Duration.ofDays(30)),
                List.of(new ManifestFile("a", content.length, sha, "blobs/" + sha)), List.of(), false));
        Files.write(legacy.resolve("manifest.json"), m);
        Files.write(legacy.resolve("manifest.json.sig"),
                SignatureSet.sign(m, List.of(KeyFiles.readPrivate(HistoryFeed.key(key)))).toJson());

        publish("1.1.0", Map.of("a", "new".getBytes()));

        ReleaseIndex index = index();
        assertEquals(List.of("1.1.0", "1.0.0"), index.releases().stream().map(IndexEntry::version).toList());
        ManifestFile old = manifest(index.releases().get(1)).files().get(0);
        Path blob = feed.dir().resolve(index.releases().get(1).manifest()).getParent().resolve(old.url()).normalize();
        assertArrayEquals(content, Files.readAllBytes(blob));
    }
}
