package dev.rmkit.updater.journal;

import dev.rmkit.updater.install.Durable;
import dev.rmkit.updater.install.InstallLayout;
import dev.rmkit.updater.install.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/** Reads, atomically writes and deletes {@code .rmkit/journal.json}. */
public final class JournalStore {

    private JournalStore() {}

    /** The unfinished swap, if any. */
    public static Optional<Journal> read(InstallLayout layout) throws IOException {
        if (!Files.exists(layout.journalFile())) {
            return Optional.empty();
        }
        return Optional.of(StateJson.read(layout.journalFile(), Journal.class));
    }

    /** Writes the journal with one atomic, fsync'd rename: readers see the previous or this one. */
    public static void write(InstallLayout layout, Journal journal) throws IOException {
        StateJson.write(layout.journalFile(), journal);
    }

    /** Removes the journal: the swap is finished (or fully undone). */
    public static void delete(InstallLayout layout) throws IOException {
        Durable.delete(layout.journalFile());
    }
}
