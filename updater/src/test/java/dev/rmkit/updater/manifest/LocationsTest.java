package dev.rmkit.updater.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rmkit.updater.UpdateException;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocationsTest {

    @Test
    void pathsBecomeAbsoluteFileUris() throws Exception {
        assertEquals(Path.of("feed/manifest.json").toAbsolutePath().toUri(), Locations.toUri("feed/manifest.json"));
        assertEquals(URI.create("https://updates.example.com/burner/manifest.json"),
                Locations.toUri("https://updates.example.com/burner/manifest.json"));
        assertEquals(URI.create("file:///srv/feed/manifest.json"), Locations.toUri("file:///srv/feed/manifest.json"));
    }

    @Test
    void theSignatureSitsBesideTheManifestKeepingTheQuery() {
        assertEquals(URI.create("https://h/feed/manifest.json.sig?token=abc"),
                Locations.signatureOf(URI.create("https://h/feed/manifest.json?token=abc")));
        assertEquals(URI.create("file:/srv/feed/manifest.json.sig"), Locations.signatureOf(URI.create("file:/srv/feed/manifest.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "ftp://h/m.json", "jar:file:/x!/m.json", "http:///m.json", "https://exa mple.com/m"})
    void rejectsUnsupportedLocations(String location) {
        assertThrows(UpdateException.Usage.class, () -> Locations.toUri(location));
    }
}
