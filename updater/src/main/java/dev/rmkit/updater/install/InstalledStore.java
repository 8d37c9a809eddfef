package dev.rmkit.updater.install;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/** Reads and atomically replaces {@code .rmkit/installed.json}. */
public final class InstalledStore {

    private InstalledStore() {}

    /** The installed release; empty when nothing was installed by the updater (a fresh install). */
    public static Optional<InstalledState> read(InstallLayout layout) throws IOException {
        if (!Files.exists(layout.installedFile())) {
            return Optional.empty();
        }
        return Optional.of(StateJson.read(layout.installedFile(), InstalledState.class));
    }

    /** Replaces installed.json in one atomic rename. */
    public static void write(InstallLayout layout, InstalledState state) throws IOException {
        StateJson.write(layout.installedFile(), state);
    }
}
