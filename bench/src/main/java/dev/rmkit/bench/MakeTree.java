package dev.rmkit.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Makes the benchmark's input data: a mixed tree of many small files and a few large ones, or one file,
 * of pseudo-random bytes (incompressible, and different per seed so two versions of a payload differ
 * everywhere). Java, so the harness needs no other generator, and fast enough (hundreds of MB/s) that
 * making a gigabyte takes seconds.
 *
 * <p>Usage: {@code MakeTree tree DIR SMALLCOUNT LARGECOUNT LARGEBYTES SEED} (small files of 1–64 KiB in
 * directories of 100) or {@code MakeTree file PATH BYTES SEED}.
 */
public final class MakeTree {

    private MakeTree() {}

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "tree" -> tree(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Long.parseLong(args[4]), Long.parseLong(args[5]));
            case "file" -> file(Path.of(args[1]), Long.parseLong(args[2]), new SplittableRandom(Long.parseLong(args[3])));
            default -> throw new IllegalArgumentException("usage: MakeTree tree|file ...");
        }
    }

    static void tree(Path dir, int small, int large, long largeBytes, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < small; i++) {
            Path d = dir.resolve("docs").resolve(String.format("d%03d", i / 100));
            Files.createDirectories(d);
            file(d.resolve(String.format("file-%05d.dat", i)), 1024 + rnd.nextInt(63 * 1024 + 1), rnd);
        }
        Path media = Files.createDirectories(dir.resolve("media"));
        for (int i = 0; i < large; i++) {
            file(media.resolve(String.format("video-%02d.bin", i)), largeBytes, rnd);
        }
    }

    static void file(Path f, long bytes, SplittableRandom rnd) throws IOException {
        Files.createDirectories(f.toAbsolutePath().getParent());
        byte[] buf = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(f)) {
            for (long left = bytes; left > 0; ) {
                int n = (int) Math.min(buf.length, left);
                for (int i = 0; i < n; i += 8) {
                    long v = rnd.nextLong();
                    for (int k = 0; k < 8 && i + k < n; k++) {
                        buf[i + k] = (byte) (v >>> (8 * k));
                    }
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }
    }
}
