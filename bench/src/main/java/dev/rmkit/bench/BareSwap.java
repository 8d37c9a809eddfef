package dev.rmkit.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The floor for the updater's share of the downtime: the system calls of a minimal crash-atomic swap of
 * one file with a backup, and nothing else (no checks, no report, no JVM start in the figure). Per round,
 * timed: the journal (about 1 KB) written, fsynced and renamed into place, its directory fsynced; the
 * installed file renamed into the backup directory and the staged file renamed into its place; the
 * install, backup, backup-parent and staging directories fsynced; the journal's commit record written
 * the same way as the journal. The staged file is written and fsynced before the clock starts (the
 * updater stages before it asks anyone to close), and each round's backup becomes the next round's
 * staged file, so one pair of files of the benchmark's size serves every round.
 *
 * <p>Usage: {@code BareSwap DIR BYTES ROUNDS NAME}; prints {@code RESULT NAME ...} in milliseconds.
 */
public final class BareSwap {

    private BareSwap() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long bytes = Long.parseLong(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Path inst = Files.createDirectories(dir.resolve("install"));
        Path state = Files.createDirectories(inst.resolve(".rmkit"));
        Path staging = Files.createDirectories(state.resolve("staging"));
        Path backups = Files.createDirectories(state.resolve("backup"));
        write(inst.resolve("payload.bin"), bytes, (byte) 1);
        write(staging.resolve("payload.bin"), bytes, (byte) 2);
        byte[] journal = new byte[1024];
        Arrays.fill(journal, (byte) ' ');
        List<Double> ms = new ArrayList<>();
        for (int k = 0; k < rounds + 1; k++) {
            Path backup = backups.resolve("tx" + k);
            long t0 = System.nanoTime();
            durableReplace(state, "journal.json", journal);
            Files.createDirectory(backup);
            Files.move(inst.resolve("payload.bin"), backup.resolve("payload.bin"), StandardCopyOption.ATOMIC_MOVE);
            Files.move(staging.resolve("payload.bin"), inst.resolve("payload.bin"), StandardCopyOption.ATOMIC_MOVE);
            for (Path d : List.of(inst, backup, backups, staging)) {
                fsync(d);
            }
            durableReplace(state, "journal.json", journal);
            long t1 = System.nanoTime();
            if (k > 0) {
                ms.add((t1 - t0) / 1e6); // round 0 warms the JIT up
            }
            Files.move(backup.resolve("payload.bin"), staging.resolve("payload.bin"), StandardCopyOption.ATOMIC_MOVE);
            Files.delete(backup);
        }
        System.out.println(Stats.of(ms).line(args[3], "ms"));
    }

    /** tmp written and fsynced, renamed over NAME, the directory fsynced. */
    private static void durableReplace(Path dir, String name, byte[] content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(content));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsync(dir);
    }

    private static void fsync(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void write(Path file, long bytes, byte fill) throws IOException {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, fill);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                ch.write(ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, left)));
            }
            ch.force(true);
        }
    }
}
