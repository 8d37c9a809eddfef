package dev.rmkit.burner.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the external verifiers (xorriso, isoinfo, isovfy, bsdtar) as real processes. */
public final class Tools {

    /** Output of one tool run; stdout is kept as raw bytes for content comparisons. */
    public record Run(int exit, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public List<String> lines() {
            return out().lines().toList();
        }
    }

    private Tools() {}

    /** Skips the test when a tool is missing (CI installs them: xorriso genisoimage libarchive-tools). */
    public static void require(String... tools) {
        for (String t : tools) {
            assumeTrue(onPath(t), t + " is not installed");
        }
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    public static Run run(String... command) {
        try {
            Path out = Files.createTempFile("tool", ".out");
            Path err = Files.createTempFile("tool", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
                }
                return new Run(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sessions {@code xorriso -toc} lists: each as {start, blocks, volume id}. */
    public static List<String[]> xorrisoToc(Path image) {
        Run r = run("xorriso", "-indev", "stdio:" + image, "-toc");
        String all = r.out() + "\n" + r.stderr();
        return all.lines().filter(l -> l.startsWith("ISO session")).map(l -> {
            String[] f = l.substring(l.indexOf(':') + 1).split(",");
            return new String[] {f[1].strip(), f[2].strip().replace("s", ""), f[3].strip()};
        }).toList();
    }

    /** Files (not directories) of the session at {@code start}, as {@code isoinfo -J -f -T start} lists them. */
    public static List<String> isoinfoJolietFiles(Path image, long start) {
        Run r = run("isoinfo", "-J", "-f", "-T", Long.toString(start), "-i", image.toString());
        if (r.exit() != 0) {
            throw new IllegalStateException("isoinfo failed: " + r.stderr());
        }
        Run dirs = run("isoinfo", "-J", "-l", "-T", Long.toString(start), "-i", image.toString());
        List<String> dirNames = dirs.lines().stream().filter(l -> l.startsWith("Directory listing of "))
                .map(l -> l.substring("Directory listing of ".length()).replaceAll("/$", "")).toList();
        return r.lines().stream().filter(l -> !l.isBlank() && !dirNames.contains(l)).sorted().toList();
    }

    /** The bytes {@code bsdtar -xOf image path} extracts (bsdtar reads the newest session). */
    public static byte[] bsdtarExtract(Path image, String path) {
        Run r = run("bsdtar", "-xOf", image.toString(), path);
        if (r.exit() != 0) {
            throw new IllegalStateException("bsdtar failed: " + r.stderr());
        }
        return r.stdout();
    }
}
