package dev.rmkit.updater.stage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.rmkit.updater.delta.ZipLimits;
import dev.rmkit.updater.delta.ZipPatchWriter;
import dev.rmkit.updater.delta.ZipPatches;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.Manifest;
import dev.rmkit.updater.manifest.ManifestFile;
import dev.rmkit.updater.manifest.Patch;
import dev.rmkit.updater.report.Transfer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Staging a jar from an archive-aware patch served over HTTP: exact file, or the whole file and a reason. */
class ZipPatchStagingTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir Path tmp;
    final Stager stager = new Stager(new Fetcher(FetchOptions.defaults().withBackoff(Duration.ZERO, Duration.ZERO, Duration.ZERO)));

    static byte[] jar(long seed) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n".getBytes());
        for (int i = 0; i < 6; i++) {
            byte[] c = ZipPatches.text(30_000, i);
            if (i == 2) { // one class changed a little, as in a patch release
                java.util.Random r = new java.util.Random(seed);
                for (int k = 0; k < 20; k++) {
                    c[r.nextInt(c.length)] = (byte) ('a' + r.nextInt(26));
                }
            }
            entries.put("dev/rmkit/C" + i + ".class", c);
        }
        return ZipPatches.zip(entries, Deflater.DEFAULT_COMPRESSION);
    }

    /**
     * Serves {@code release} whole and the zip patch from {@code v1} to {@code patchTarget} (after
     * {@code tamper}) under /feed/, and returns a manifest listing both for lib/app.jar.
     */
    private LoadedManifest serve(byte[] v1, byte[] patchTarget, byte[] release, ZipLimits limits, Tamper tamper) throws Exception {
        return serve(v1, patchTarget, release, limits, ZipPatchWriter.Inner.ZSTD, tamper);
    }

    private LoadedManifest serve(byte[] v1, byte[] patchTarget, byte[] release, ZipLimits limits, ZipPatchWriter.Inner kind,
            Tamper tamper) throws Exception {
        Path p = tmp.resolve("patch");
        Files.deleteIfExists(p);
        ZipPatchWriter.write(Files.write(tmp.resolve("v1.jar"), v1), Files.write(tmp.resolve("target.jar"), patchTarget), p, limits,
                kind);
        tamper.apply(p);
        byte[] patch = Files.readAllBytes(p);
        wm.stubFor(get(urlEqualTo("/feed/whole")).willReturn(aResponse().withStatus(200).withBody(release)));
        wm.stubFor(get(urlEqualTo("/feed/patch")).willReturn(aResponse().withStatus(200).withBody(patch)));
        Patch listed = new Patch(Sha256.hex(v1), patch.length, Sha256.hex(patch), "patch");
        ManifestFile f = new ManifestFile("lib/app.jar", release.length, Sha256.hex(release), "whole", false, List.of(listed));
        Instant now = Instant.now();
        return new LoadedManifest(new Manifest("p", "stable", "2", now, now.plusSeconds(60), List.of(f), List.of(), false),
                URI.create(wm.baseUrl() + "/feed/manifest.json"), "k", "0".repeat(64));
    }

    interface Tamper {
        void apply(Path patch) throws Exception;
    }

    private Stager.Result stage(LoadedManifest m, byte[] installed) throws Exception {
        return PatchStagingTest.stageOver(stager, m, tmp, "lib/app.jar", installed);
    }

    private void assertWholeFileAfter(Stager.Result r, byte[] release, String reason) throws Exception {
        Transfer t = r.transfer();
        assertEquals(List.of(), t.patchesUsed());
        assertEquals("lib/app.jar", t.patchesRefused().get(0).path());
        assertTrue(t.patchesRefused().get(0).reason().startsWith(reason), t.toString());
        assertTrue(t.bytesFetched() > release.length, t.toString());
        assertArrayEquals(release, Files.readAllBytes(r.staged().get("lib/app.jar")));
        try (var left = Files.list(tmp.resolve("staging/.rmkit"))) {
            assertEquals(List.of(), left.toList(), "scratch files left behind");
        }
    }

    @ParameterizedTest
    @EnumSource(ZipPatchWriter.Inner.class)
    void aJarIsBuiltFromItsZipPatchAndOnlyThePatchIsFetched(ZipPatchWriter.Inner kind) throws Exception {
        byte[] v1 = jar(100);
        byte[] v2 = jar(200);
        LoadedManifest m = serve(v1, v2, v2, ZipLimits.DEFAULT, kind, p -> {});
        Stager.Result r = stage(m, v1);
        assertEquals(List.of("lib/app.jar"), r.transfer().patchesUsed());
        assertEquals(m.manifest().files().get(0).patches().get(0).size(), r.transfer().bytesFetched());
        assertTrue(r.transfer().bytesFetched() < v2.length / 10, r.transfer().toString());
        assertArrayEquals(v2, Files.readAllBytes(r.staged().get("lib/app.jar")));
        try (var left = Files.list(tmp.resolve("staging/.rmkit"))) {
            assertEquals(List.of(), left.toList(), "scratch files left behind");
        }
    }

    @Test
    void aCollapseThatYieldsAnotherFileFallsBackToTheWholeFile() throws Exception {
        byte[] v1 = jar(100);
        byte[] v2 = jar(200);
        byte[] other = v2.clone();
        other[10] ^= 1; // the first entry's modification time: same size, another file
        Stager.Result r = stage(serve(v1, other, v2, ZipLimits.DEFAULT, p -> {}), v1);
        assertWholeFileAfter(r, v2, "patch failed: the collapsed file's SHA-256 is " + Sha256.hex(other));
    }

    @Test
    void aZlibThatDeflatesDifferentlyFallsBackToTheWholeFile() throws Exception {
        byte[] v1 = jar(100);
        byte[] v2 = jar(200);
        Stager.Result r = stage(serve(v1, v2, v2, ZipLimits.DEFAULT,
                p -> ZipPatches.setLevels(p, Deflater.BEST_SPEED)), v1);
        assertWholeFileAfter(r, v2, "patch failed: re-deflating an entry at level 1 gave");
    }

    @Test
    void aBaseBeyondTheClientsLimitsFallsBackToTheWholeFile() throws Exception {
        // a zip bomb as the installed file: 64 MiB of zeros in 64 KiB; the publisher here was looser than any client
        byte[] zeros = new byte[64 << 20];
        byte[] bomb = ZipPatches.zipOf(new ZipPatches.RawEntry("z", zeros, ZipPatches.deflate(zeros, 6)));
        byte[] v2 = jar(200);
        Stager.Result r = stage(serve(bomb, v2, v2, new ZipLimits(65_535, 2_000, 1L << 30), p -> {}), bomb);
        assertWholeFileAfter(r, v2, "patch failed: not expandable: entries claim 67108864 bytes, more than the limit");
    }

    @Test
    void aDamagedBsdiffInsideAZipPatchFallsBackToTheWholeFile() throws Exception {
        byte[] v1 = jar(100);
        byte[] v2 = jar(200);
        // the last byte of the extra block cut off: its frame no longer fills the rest of the patch
        Stager.Result r = stage(serve(v1, v2, v2, ZipLimits.DEFAULT, ZipPatchWriter.Inner.BSDIFF,
                p -> Files.write(p, java.util.Arrays.copyOf(Files.readAllBytes(p), (int) Files.size(p) - 1))), v1);
        assertWholeFileAfter(r, v2, "patch failed: the bsdiff blocks (");
    }
}
