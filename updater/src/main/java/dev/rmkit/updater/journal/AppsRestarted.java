package dev.rmkit.updater.journal;

import dev.rmkit.updater.install.InstallFiles;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.UnsafePathException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code .rmkit/apps-restarted}: the id of the committed swap whose closed apps this run is starting
 * again, written just before it starts them, so that a recovery after a crash from then on does not start
 * them a second time. It lets everything that follows the launch (installed.json, the cleanup) stay out
 * of the downtime.
 *
 * <p>Written <em>without</em> fsync, on purpose, and that is safe: the record only has to outlive the
 * updater's process, not the machine. After a crash of the updater the page cache still holds it, and
 * recovery leaves the apps alone (they run, or their launch failed and the crashed run's report is all
 * there is, as before); after a power loss the apps it started are gone with the machine, and whatever
 * of the record the disk kept, a missing or partial one (not this swap's id) makes recovery start them,
 * a whole one leaves them to their own autostart, as a crash after the old journal rewrite did. The
 * journal itself, which must survive a power loss, is never written this way.
 */
final class AppsRestarted {

    private AppsRestarted() {}

    static Path file(InstallLayout layout) {
        return layout.stateDir().resolve("apps-restarted");
    }

    /**
     * Records that the apps of the committed swap {@code j} are being started again. If the record cannot
     * be written (a link stands at its name, the disk is full...), the journal is durably rewritten without
     * its closed apps instead, as the swap did before this record existed (two fsyncs more in the
     * downtime): either way a recovery from now on does not start them a second time. If that fails too,
     * this throws and the apps must be left to recovery.
     */
    static void record(InstallLayout layout, Journal j) throws IOException {
        try {
            write(layout, j);
        } catch (IOException unrecorded) {
            try {
                JournalStore.write(layout, j.withClosedApps(List.of()));
            } catch (IOException e) {
                e.addSuppressed(unrecorded);
                throw e;
            }
        }
    }

    /**
     * Records, like {@link #record}, that the apps of {@code j} are being started again, here before its
     * commit ({@link Transaction}); false, and nothing written, if the record cannot be written (then the
     * apps must wait for the commit, and {@link #record}'s fallback).
     */
    static boolean tryRecord(InstallLayout layout, Journal j) {
        try {
            write(layout, j);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void write(InstallLayout layout, Journal j) throws IOException {
        Path f = file(layout);
        layout.files().check(f);
        Files.write(f, j.txid().getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The record opened, empty, before the apps are closed ({@link JournalDrafts}, which also deletes it if
     * nothing was recorded in it), so that writing it between their exit and their launch is one write to an
     * open file: opened in the window, the record cost 160 to 490 µs there, its path checked and resolved,
     * the file created, written and closed (docs/performance.md, "Ninth round"). Empty, it names no swap,
     * which is what recovery must read until the apps are launched.
     */
    static final class Ahead {

        private final FileChannel channel;
        private final String txid;
        /** The id's bytes, in native memory: a heap buffer would be copied into a temporary one in the window. */
        private final ByteBuffer bytes;

        private Ahead(FileChannel channel, String txid) {
            this.channel = channel;
            this.txid = txid;
            byte[] b = txid.getBytes(StandardCharsets.US_ASCII);
            this.bytes = ByteBuffer.allocateDirect(b.length).put(b).flip();
        }

        /**
         * Opens {@code .rmkit/apps-restarted} for the swap of {@code j}, empty (a leftover of an earlier run is
         * emptied: no journal is pending when a swap is drafted); none if a link stands at its name or above it,
         * or it cannot be opened.
         */
        static Optional<Ahead> open(InstallLayout layout, Journal j) {
            Path f = file(layout);
            try {
                layout.files().check(f);
                return Optional.of(new Ahead(FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS), j.txid()));
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // the swap writes the record itself, or waits for its commit (tryRecord)
            }
        }

        /** Writes the id of {@code j}'s swap into the open record; false if it is another swap's or the write failed. */
        boolean write(Journal j) {
            if (!j.txid().equals(txid)) {
                return false;
            }
            try {
                ByteBuffer b = bytes.duplicate();
                while (b.hasRemaining()) {
                    channel.write(b, b.position());
                }
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was written through it that a close could lose
            }
        }
    }

    /** True if this run's record says the apps of {@code j} were started again; a link or any other id: false. */
    static boolean recorded(InstallLayout layout, Journal j) throws IOException {
        try {
            return Files.exists(file(layout), LinkOption.NOFOLLOW_LINKS)
                    && new String(layout.files().readOwn(file(layout)), StandardCharsets.US_ASCII).equals(j.txid());
        } catch (UnsafePathException linked) {
            return false;
        }
    }

    /**
     * Removes the record once the journal is gone (never before: recovery would start the apps again),
     * durably, if there is one.
     */
    static void remove(InstallLayout layout) throws IOException {
        InstallFiles files = layout.files();
        if (files.deleteOwn(file(layout))) {
            files.sync();
        }
    }
}
