package dev.rmkit.bench;

import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import dev.rmkit.updater.hash.Sha256;
import dev.rmkit.updater.manifest.LoadedManifest;
import dev.rmkit.updater.manifest.ManifestLoader;
import dev.rmkit.updater.publish.FeedPublisher;
import dev.rmkit.updater.publish.KeyGenerator;
import dev.rmkit.updater.publish.PublishRequest;
import dev.rmkit.updater.report.Transfer;
import dev.rmkit.updater.stage.Stager;
import dev.rmkit.updater.trust.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Benchmark 6: delta downloads. For each release pair (an old and a new version of one file), the
 * real {@code publish} writes a feed with release 1.0.0 (old) and 1.1.0 (new, with its zstd patch),
 * served over local HTTP; then the real {@link Stager} stages the new file into a fresh staging
 * directory for an install holding the old one, alternately from the patch and whole, and the bytes
 * fetched and the staging time (download, patch, verify, fsync) of each are recorded.
 *
 * <p>Usage: {@code DeltaBench run WORKDIR BASEURL ROUNDS NAME OLD NEW [NAME OLD NEW]...}, where
 * BASEURL serves WORKDIR; prints one {@code DELTA} line per pair (tab-separated: name, old bytes,
 * new bytes, bytes fetched with the patch, without, fetched/without in %, staging ms with the patch
 * and whole (medians), publish seconds). {@code DeltaBench edit SRC DEST SEED} writes DEST as SRC
 * with 1 MiB inserted at 30 %, 4 KiB overwritten at 70 % and 100 bytes near the end: a synthetic
 * patch release of a large file.
 */
public final class DeltaBench {

    private DeltaBench() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("edit")) {
            edit(Path.of(args[1]), Path.of(args[2]), Long.parseLong(args[3]));
            return;
        }
        Path work = Path.of(args[1]);
        String base = args[2];
        int rounds = Integer.parseInt(args[3]);
        KeyGenerator.Generated key = KeyGenerator.generate(work.resolve("delta-key"));
        for (int i = 4; i + 2 < args.length; i += 3) {
            pair(work, base, rounds, key, args[i], Path.of(args[i + 1]), Path.of(args[i + 2]));
        }
    }

    private static void pair(Path work, String base, int rounds, KeyGenerator.Generated key, String name, Path oldFile,
            Path newFile) throws Exception {
        Path dir = work.resolve("delta-" + name);
        String rel = "lib/" + name + ".jar";
        Path feed = dir.resolve("feed");
        publish(copy(oldFile, dir.resolve("v1").resolve(rel)).getParent().getParent(), "1.0.0", feed, key);
        long t0 = System.nanoTime();
        publish(copy(newFile, dir.resolve("v2").resolve(rel)).getParent().getParent(), "1.1.0", feed, key);
        double publishSeconds = (System.nanoTime() - t0) / 1e9;

        Path install = dir.resolve("install");
        Path installed = copy(oldFile, install.resolve(rel));
        TrustStore trust = TrustStore.open(install);
        trust.pinIfEmpty(key.publicKey());
        Fetcher fetcher = new Fetcher(FetchOptions.defaults());
        LoadedManifest m = new ManifestLoader(fetcher, Clock.systemUTC())
                .load(base + "/delta-" + name + "/feed/manifest.json", trust);
        Stager stager = new Stager(fetcher);
        Map<String, Stager.Base> bases = Map.of(rel, new Stager.Base(installed, Sha256.hex(installed)));

        List<Double> withPatch = new ArrayList<>();
        List<Double> whole = new ArrayList<>();
        Transfer patched = null;
        Transfer plain = null;
        stage(stager, m, dir.resolve("warm-up"), bases); // JIT, page cache, zstd's native library
        for (int r = 0; r < rounds; r++) {
            long a = System.nanoTime();
            patched = stage(stager, m, dir.resolve("staging-p" + r), bases);
            withPatch.add((System.nanoTime() - a) / 1e6);
            long b = System.nanoTime();
            plain = stage(stager, m, dir.resolve("staging-w" + r), Map.of());
            whole.add((System.nanoTime() - b) / 1e6);
        }
        if (patched.patchesUsed().isEmpty()) {
            System.out.println("NOTE\tdelta-" + name + "\t" + name + ": no patch used (" + patched.patchesRefused() + ")");
        }
        System.out.println(String.format(Locale.ROOT, "DELTA\t%s\t%d\t%d\t%d\t%d\t%.2f\t%.1f\t%.1f\t%.1f", name,
                Files.size(oldFile), Files.size(newFile), patched.bytesFetched(), plain.bytesFetched(),
                100.0 * patched.bytesFetched() / plain.bytesFetched(), Stats.of(withPatch).median(),
                Stats.of(whole).median(), publishSeconds));
    }

    private static Transfer stage(Stager stager, LoadedManifest m, Path staging, Map<String, Stager.Base> bases)
            throws Exception {
        Transfer t = stager.stage(m, m.manifest().files(), staging, ProgressSink.NONE, bases).transfer();
        try (var walk = Files.walk(staging)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
        return t;
    }

    private static void publish(Path from, String version, Path feed, KeyGenerator.Generated key) throws Exception {
        FeedPublisher.publish(new PublishRequest(from, version, feed, key.privateKey(), Optional.of("bench"),
                Optional.empty(), PublishRequest.DEFAULT_EXPIRY, false, List.of()), Clock.systemUTC());
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
        return to;
    }

    /** SRC with 1 MiB inserted at 30 %, 4 KiB overwritten at 70 %, 100 bytes changed 1000 bytes before the end. */
    static void edit(Path src, Path dest, long seed) throws IOException {
        long size = Files.size(src);
        SplittableRandom rnd = new SplittableRandom(seed);
        long insertAt = size * 3 / 10;
        long overwriteAt = size * 7 / 10;
        long tailAt = Math.max(0, size - 1000);
        try (InputStream in = Files.newInputStream(src); OutputStream out = Files.newOutputStream(dest)) {
            byte[] buf = new byte[1 << 16];
            long pos = 0;
            while (pos < size) {
                if (pos == insertAt) {
                    out.write(random(rnd, 1 << 20));
                }
                long next = pos < insertAt ? insertAt : pos < overwriteAt ? overwriteAt : pos < tailAt ? tailAt : size;
                int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, next - pos));
                if (pos == overwriteAt || pos == tailAt) {
                    int len = pos == overwriteAt ? 4096 : 100;
                    byte[] r = random(rnd, Math.min(len, n));
                    System.arraycopy(r, 0, buf, 0, r.length);
                }
                out.write(buf, 0, n);
                pos += n;
            }
        }
    }

    private static byte[] random(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
