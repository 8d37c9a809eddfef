package dev.rmkit.bench;

import dev.rmkit.updater.fetch.Expected;
import dev.rmkit.updater.fetch.FetchOptions;
import dev.rmkit.updater.fetch.Fetcher;
import dev.rmkit.updater.fetch.ProgressSink;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 3: fetch + verify. rmkit's {@link Fetcher#download} (HTTP GET streamed into a staging file,
 * SHA-256 while streaming, fsync before the file is accepted) against {@code curl -s URL | sha256sum},
 * alternately, from the same local HTTP server. Throughput is payload bytes per second of wall time.
 *
 * <p>Usage: {@code FetchBench URL SIZE SHA256 STAGINGDIR ROUNDS}.
 */
public final class FetchBench {

    private FetchBench() {}

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        long size = Long.parseLong(args[1]);
        String sha = args[2];
        Path staging = Path.of(args[3]);
        int rounds = Integer.parseInt(args[4]);
        Expected expected = new Expected("payload.bin", size, sha);
        List<String> curl = List.of("sh", "-c", "curl -sf '" + uri + "' | sha256sum");
        Path dest = staging.resolve("payload.bin");

        // Warm-up: JIT, page cache of the served file, and a check that both sides see the same bytes.
        rmkit(uri, dest, expected);
        String curlSum = Commands.run(curl).stdout().trim().split("\\s+")[0];
        if (!curlSum.equals(sha)) {
            throw new IllegalStateException("curl | sha256sum says " + curlSum + ", expected " + sha);
        }
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ours.add(size / (rmkit(uri, dest, expected) / 1e3) / 1e6);
            theirs.add(size / (Commands.run(curl).millis() / 1e3) / 1e6);
        }
        System.out.println(Stats.of(ours).line("fetch.rmkit", "MB/s"));
        System.out.println(Stats.of(theirs).line("fetch.curl", "MB/s"));
    }

    /** One download with a fresh Fetcher (no connection reuse across runs); milliseconds. */
    private static double rmkit(URI uri, Path dest, Expected expected) throws Exception {
        Files.deleteIfExists(dest);
        long t0 = System.nanoTime();
        new Fetcher(FetchOptions.defaults()).download(uri, dest, expected, ProgressSink.NONE);
        double ms = (System.nanoTime() - t0) / 1e6;
        Files.delete(dest);
        return ms;
    }
}
