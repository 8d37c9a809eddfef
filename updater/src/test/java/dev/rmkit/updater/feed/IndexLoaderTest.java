package dev.rmkit.updater.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.ExitCode;
import dev.rmkit.updater.UpdateException;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.testing.HistoryFeed;
import dev.rmkit.updater.trust.KeyFiles;
import dev.rmkit.updater.trust.KeyId;
import dev.rmkit.updater.trust.Root;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexLoaderTest {
    @TempDir Path tmp;
    HistoryFeed feed;
    Root root;
    URI uri;
    final Fetcher fetcher = new Fetcher(FetchOptions.defaults().withBackoff(Duration.ZERO, Duration.ZERO, Duration.ZERO));

    @BeforeEach
    void setUp() throws Exception {
        feed = new HistoryFeed(tmp);
        Path key = feed.keygen("k");
        feed.publish("1.0.0", Map.of("a", "b".getBytes()), "--key", HistoryFeed.key(key).toString(), "--product", "p",
                "--expires-in", "1d");
        PublicKey pub = KeyFiles.readPublic(HistoryFeed.pub(key));
        root = Root.legacy(Map.of(KeyId.of(pub), pub));
        uri = IndexLoader.indexUri(feed.dir().toString());
    }

    private IndexLoader.Loaded load(Instant now, Optional<String> product, long seen) throws UpdateException {
        return new IndexLoader(fetcher, Clock.fixed(now, ZoneOffset.UTC)).load(uri, root, product, seen);
    }

    private String rejected(Instant now, Optional<String> product, long seen) {
        UpdateException e = assertThrows(UpdateException.class, () -> load(now, product, seen));
        assertEquals(ExitCode.REJECTED, e.exitCode(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aFreshIndexOfTheProductIsAccepted() throws Exception {
        assertEquals(1, load(Instant.now(), Optional.of("p"), 1).index().version());
        assertEquals(uri, IndexLoader.indexUri(uri.toString()));
        assertEquals(URI.create("https://h/feed/index.json"), IndexLoader.indexUri("https://h/feed"));
        assertEquals(URI.create("https://h/feed/index.json"), IndexLoader.indexUri("https://h/feed/"));
    }

    @Test
    void anIndexServedPastItsExpiryIsRefused() {
        assertTrue(rejected(Instant.now().plus(Duration.ofDays(2)), Optional.empty(), 0).startsWith("expired"));
    }

    @Test
    void anIndexOlderThanOneSeenOrOfAnotherProductIsRefused() {
        assertTrue(rejected(Instant.now(), Optional.empty(), 2).startsWith("index rollback"));
        assertTrue(rejected(Instant.now(), Optional.of("q"), 0).startsWith("wrong product"));
    }

    @Test
    void aTamperedIndexIsRefusedBeforeItIsParsed() throws Exception {
        Path index = feed.dir().resolve("index.json");
        Files.writeString(index, Files.readString(index).replace("\"product\" : \"p\"", "\"product\" : \"q\""));
        assertTrue(rejected(Instant.now(), Optional.empty(), 0).startsWith("bad signature"));
        Files.delete(feed.dir().resolve("index.json.sig"));
        assertTrue(rejected(Instant.now(), Optional.empty(), 0).startsWith("missing signature"));
    }
}
