package dev.rmkit.updater.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rmkit.updater.delta.PatchWriter;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.Patch;
import dev.rmkit.updater.report.Transfer;
import dev.rmkit.updater.testing.HistoryFeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging from patches: used only on its base, result verified, whole file otherwise. */
class PatchStagingTest {
    @TempDir Path tmp;
    final Stager stager = new Stager(new Fetcher(FetchOptions.defaults().withBackoff(Duration.ZERO, Duration.ZERO, Duration.ZERO)));

    final byte[] v1 = HistoryFeed.random(150_000, 1);
    final byte[] v2 = HistoryFeed.edit(v1, 2);
    final byte[] v3 = HistoryFeed.edit(v1, 3);

    /** A feed directory with v2 as a blob and {@code patchTarget} patched from v1; the manifest says v2. */
    private LoadedManifest manifest(byte[] patchTarget) throws Exception {
        Path feed = tmp.resolve("feed");
        Files.createDirectories(feed);
        Files.write(feed.resolve("v2"), v2);
        Files.write(tmp.resolve("v1"), v1);
        Files.write(tmp.resolve("target"), patchTarget);
        Files.deleteIfExists(feed.resolve("p"));
        long size = PatchWriter.write(tmp.resolve("v1"), tmp.resolve("target"), feed.resolve("p"));
        Patch patch = new Patch(Sha256.hex(v1), size, Sha256.hex(Files.readAllBytes(feed.resolve("p"))), "p");
        ManifestFile f = new ManifestFile("lib/app.bin", v2.length, Sha256.hex(v2), "v2", false, List.of(patch));
        Instant now = Instant.now();
        return new LoadedManifest(new Manifest("p", "stable", "2", now, now.plusSeconds(60), List.of(f), List.of(), false),
                feed.resolve("manifest.json").toUri(), "k", "0".repeat(64));
    }

    private Stager.Result stage(LoadedManifest m, byte[] installed) throws Exception {
        return stageOver(stager, m, tmp, "lib/app.bin", installed);
    }

    /** Stages {@code m} into {@code tmp/staging} for an install (under {@code tmp/install}) whose {@code path} holds {@code installed}. */
    static Stager.Result stageOver(Stager stager, LoadedManifest m, Path tmp, String path, byte[] installed) throws Exception {
        Path base = tmp.resolve("install").resolve(path);
        Files.createDirectories(base.getParent());
        Files.write(base, installed);
        return stager.stage(m, m.manifest().files(), tmp.resolve("staging"), ProgressSink.NONE,
                Map.of(path, new Stager.Base(base, Sha256.hex(installed))));
    }

    @Test
    void aPatchOnItsBaseBuildsTheFileAndCountsOnlyThePatch() throws Exception {
        LoadedManifest m = manifest(v2);
        Stager.Result r = stage(m, v1);
        Transfer t = r.transfer();
        assertEquals(List.of("lib/app.bin"), t.patchesUsed());
        assertEquals(m.manifest().files().get(0).patches().get(0).size(), t.bytesFetched());
        assertEquals(v2.length, t.bytesWhole());
        assertArrayEquals(v2, Files.readAllBytes(r.staged().get("lib/app.bin")));
        assertTrue(Files.notExists(tmp.resolve("staging/.rmkit/" + Sha256.hex(v2) + ".out")));
    }

    @Test
    void aPatchWhoseResultIsNotTheFileFallsBackToTheWholeFile() throws Exception {
        Stager.Result r = stage(manifest(v3), v1);
        Transfer t = r.transfer();
        assertEquals(List.of(), t.patchesUsed());
        assertEquals("lib/app.bin", t.patchesRefused().get(0).path());
        assertTrue(t.patchesRefused().get(0).reason().startsWith("patch failed: the patched file's SHA-256"), t.toString());
        assertTrue(t.bytesFetched() > v2.length);
        assertTrue(t.bytesSaved() < 0, "the patch was fetched for nothing: " + t);
        assertArrayEquals(v2, Files.readAllBytes(r.staged().get("lib/app.bin")));
    }

    @Test
    void anAlreadyStagedFileCostsNothing() throws Exception {
        LoadedManifest m = manifest(v2);
        stage(m, v1);
        Transfer again = stage(m, v1).transfer();
        assertEquals(Transfer.NONE, again);
    }
}
