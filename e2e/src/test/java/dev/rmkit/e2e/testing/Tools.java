package dev.rmkit.e2e.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The independent disc readers (xorriso, isoinfo, bsdtar) as real processes. */
public final class Tools {

    private Tools() {}

    /** Skips the test when a tool is missing ({@code .ci/run} installs xorriso genisoimage libarchive-tools). */
    public static void require(String... tools) {
        for (String t : tools) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                found |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, t));
            }
            assumeTrue(found, t + " is not installed");
        }
    }

    /** The sessions {@code xorriso -toc} lists, each as {start block, volume id}. */
    public static List<String[]> xorrisoToc(Path image) {
        Cmd.Result r = Cmd.run(List.of("xorriso", "-indev", "stdio:" + image, "-toc"), image.getParent(), Map.of());
        return (r.out() + "\n" + r.err()).lines().filter(l -> l.startsWith("ISO session")).map(l -> {
            String[] f = l.substring(l.indexOf(':') + 1).split(",");
            return new String[] {f[1].strip(), f[3].strip()};
        }).toList();
    }

    /** The bytes of {@code path} in the session that starts at {@code start}, read by {@code isoinfo -J -x}. */
    public static byte[] isoinfoExtract(Path image, long start, String path) {
        Cmd.Result r = Cmd.run(List.of("isoinfo", "-J", "-T", Long.toString(start), "-i", image.toString(), "-x", path),
                image.getParent(), Map.of());
        r.requireExit(0);
        return r.stdout();
    }

    /** The bytes of {@code path} in the newest session, read by {@code bsdtar -xOf}. */
    public static byte[] bsdtarExtract(Path image, String path) {
        Cmd.Result r = Cmd.run(List.of("bsdtar", "-xOf", image.toString(), path), image.getParent(), Map.of());
        r.requireExit(0);
        return r.stdout();
    }
}
