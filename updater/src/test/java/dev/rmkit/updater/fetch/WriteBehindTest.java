package dev.rmkit.updater.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteBehindTest {

    @TempDir
    Path dir;

    @Test
    void smallFilesNeverStartTheSyncThread() throws IOException {
        Path f = dir.resolve("small");
        try (FileChannel ch = open(f); WriteBehind wb = new WriteBehind(ch)) {
            write(ch, wb, 1000, (byte) 7);
            wb.force();
            assertFalse(syncThreadAlive());
        }
        assertArrayEquals(filled(1000, (byte) 7), Files.readAllBytes(f));
    }

    @Test
    void largeFilesSyncInTheBackgroundAndCloseStopsTheThread() throws Exception {
        Path f = dir.resolve("large");
        int chunk = 1 << 20;
        long total = WriteBehind.STEP + chunk;
        try (FileChannel ch = open(f)) {
            WriteBehind wb = new WriteBehind(ch);
            for (long done = 0; done < total; done += chunk) {
                write(ch, wb, chunk, (byte) 1);
            }
            assertTrue(syncThreadAlive(), "the background sync starts after STEP bytes");
            wb.force();
            wb.close();
            assertFalse(syncThreadAlive(), "close joins the thread");
        }
        assertTrue(Files.size(f) == total);
    }

    @Test
    void aFailedBackgroundSyncIsThrownToTheWriter() throws Exception {
        Path f = dir.resolve("failing");
        FileChannel ch = open(f);
        try (WriteBehind wb = new WriteBehind(ch)) {
            ch.close(); // the next background force fails with ClosedChannelException
            wb.written(WriteBehind.STEP);
            long deadline = System.nanoTime() + 10_000_000_000L;
            IOException seen = null;
            while (seen == null && System.nanoTime() < deadline) {
                try {
                    wb.written(1);
                    Thread.sleep(5);
                } catch (IOException e) {
                    seen = e;
                }
            }
            assertTrue(seen != null, "the writer learns of the failed sync");
            assertThrows(IOException.class, wb::force);
        }
    }

    private static FileChannel open(Path f) throws IOException {
        return FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private static void write(FileChannel ch, WriteBehind wb, int n, byte value) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(filled(n, value));
        while (bb.hasRemaining()) {
            ch.write(bb);
        }
        wb.written(n);
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }

    private static boolean syncThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("rmkit-write-behind") && t.isAlive());
    }
}
