package dev.rmkit.burner.disc;

import dev.rmkit.burner.BurnerException;
import dev.rmkit.burner.ExitCode;
import dev.rmkit.burner.iso.SectorSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The laser: writes a session's bytes to the image at increasing positions, no faster than the chosen
 * speed, reporting progress and stopping when asked. Throttling sleeps whenever the bytes written
 * run ahead of {@code rate x elapsed}, so the average rate is the media's N x figure.
 */
final class RecorderSink implements SectorSink {

    private final FileChannel channel;
    private long position;
    private final long total;
    private final OptionalLong rate;
    private final BurnMonitor monitor;
    private final long startNanos = System.nanoTime();
    private long written;

    RecorderSink(FileChannel channel, long startByte, long total, OptionalLong rate, BurnMonitor monitor) {
        this.channel = channel;
        this.position = startByte;
        this.total = total;
        this.rate = rate;
        this.monitor = monitor;
    }

    @Override
    public void write(byte[] b, int off, int len) throws BurnerException {
        if (monitor.stopRequested()) {
            throw new BurnerException(ExitCode.INTERRUPTED, "the burn was stopped before it finished");
        }
        ByteBuffer buf = ByteBuffer.wrap(b, off, len);
        try {
            while (buf.hasRemaining()) {
                position += channel.write(buf, position);
            }
        } catch (IOException e) {
            throw BurnerException.io("writing the disc image failed: " + e.getMessage(), e);
        }
        written += len;
        throttle();
        monitor.progress(written, total);
        TestHold.at(written, total, monitor);
    }

    long written() {
        return written;
    }

    private void throttle() throws BurnerException {
        if (rate.isEmpty()) {
            return;
        }
        long due = startNanos + (long) (written * 1e9 / rate.getAsLong());
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            if (monitor.stopRequested()) {
                throw new BurnerException(ExitCode.INTERRUPTED, "the burn was stopped before it finished");
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BurnerException(ExitCode.INTERRUPTED, "the burn was interrupted");
            }
        }
    }
}
